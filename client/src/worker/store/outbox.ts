/**
 * The outbox: every local mutation, in order, until the server has acknowledged it AND its effect
 * has come back through the shape stream. Entries are written in the same SQLite transaction as
 * their overlay rows, so a write is either fully visible and queued, or not there at all.
 *
 *   pending ──(server: applied, txid)──► acked ──(every shape settled past the ack)──► deleted
 *      └────(server: rejected, detail)──► moved to _rejected; the row's overlay is rebuilt from
 *                                         the mutations that still apply
 */
import type { SqlRunner } from '../db/sql-db.ts';
import type { Op } from './overlay.ts';
import { ACK_SETTLE_BATCHES } from './shape-apply.ts';

export interface LocalMutation {
  mutation_id: string;
  table: string;
  op: Op;
  row_id: string;
  /** insert: the full row; update: the changed fields; delete: {} (wire field names). */
  payload: Record<string, unknown>;
}

export interface OutboxEntry extends LocalMutation {
  seq: number;
  status: 'pending' | 'acked';
  txid: number | null;
  seen_on: string[];
  created_at: string;
}

interface OutboxRow {
  seq: number;
  mutation_id: string;
  tbl: string;
  op: Op;
  row_id: string;
  payload: string;
  status: 'pending' | 'acked';
  txid: number | null;
  seen_on: string;
  created_at: string;
}

const toEntry = (r: OutboxRow): OutboxEntry => ({
  seq: r.seq,
  mutation_id: r.mutation_id,
  table: r.tbl,
  op: r.op,
  row_id: r.row_id,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  status: r.status,
  txid: r.txid,
  seen_on: JSON.parse(r.seen_on) as string[],
  created_at: r.created_at,
});

export async function enqueueMutation(
  tx: SqlRunner,
  m: LocalMutation,
  nowIso: string,
): Promise<void> {
  await tx.run(
    `INSERT INTO _outbox (mutation_id, tbl, op, row_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    [m.mutation_id, m.table, m.op, m.row_id, JSON.stringify(m.payload), nowIso],
  );
}

/** The oldest pending mutations, in the order they were made. */
export async function pendingMutations(db: SqlRunner, limit: number): Promise<OutboxEntry[]> {
  const rows = await db.all<OutboxRow>(
    `SELECT * FROM _outbox WHERE status = 'pending' ORDER BY seq LIMIT ?`,
    [limit],
  );
  return rows.map(toEntry);
}

export async function pendingCount(db: SqlRunner): Promise<number> {
  const row = await db.get<{ n: number }>(
    `SELECT count(*) AS n FROM _outbox WHERE status = 'pending'`,
  );
  return row?.n ?? 0;
}

/** Every outbox entry (pending or acked) about one row, oldest first: what a rebase replays. */
export async function mutationsForRow(
  db: SqlRunner,
  table: string,
  rowId: string,
): Promise<OutboxEntry[]> {
  const rows = await db.all<OutboxRow>(
    `SELECT * FROM _outbox WHERE tbl = ? AND row_id = ? ORDER BY seq`,
    [table, rowId],
  );
  return rows.map(toEntry);
}

export async function getOutboxEntry(
  db: SqlRunner,
  mutationId: string,
): Promise<OutboxEntry | undefined> {
  const row = await db.get<OutboxRow>(`SELECT * FROM _outbox WHERE mutation_id = ?`, [mutationId]);
  return row && toEntry(row);
}

/**
 * Marks mutations applied by the server. `ackMarks` is each shape's up-to-date batch count now:
 * the overlay falls back to dropping the row once the shape has moved past it (shape-apply.ts).
 */
export async function markAcked(
  tx: SqlRunner,
  mutationIds: readonly string[],
  txid: number | null,
  ackMarks: Record<string, number>,
): Promise<void> {
  const marks = JSON.stringify(ackMarks);
  for (const id of mutationIds) {
    await tx.run(
      `UPDATE _outbox SET status = 'acked', txid = ?, ack_marks = ? WHERE mutation_id = ? AND status = 'pending'`,
      [txid, marks, id],
    );
  }
}

/** Moves a refused mutation to _rejected with the server's reason. The caller rebases its row. */
export async function recordRejection(
  tx: SqlRunner,
  entry: OutboxEntry,
  detail: string,
  nowIso: string,
): Promise<void> {
  await tx.run(`DELETE FROM _outbox WHERE mutation_id = ?`, [entry.mutation_id]);
  await tx.run(
    `INSERT OR REPLACE INTO _rejected (mutation_id, tbl, op, row_id, payload, detail, rejected_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [
      entry.mutation_id,
      entry.table,
      entry.op,
      entry.row_id,
      JSON.stringify(entry.payload),
      detail,
      nowIso,
    ],
  );
}

/** Each shape's count of up-to-date batches (what ack marks are measured in). */
export async function shapeMarks(db: SqlRunner): Promise<Record<string, number>> {
  const rows = await db.all<{ shape: string; n: number }>(
    `SELECT shape, up_to_date_batches AS n FROM _shapes`,
  );
  return Object.fromEntries(rows.map((r) => [r.shape, r.n]));
}

/**
 * Deletes acknowledged entries that every shape has settled past: their effects are in the
 * synced tables and no overlay row can still depend on them.
 */
export async function collectSettled(tx: SqlRunner, shapes: readonly string[]): Promise<number> {
  const marks = await shapeMarks(tx);
  const conds = shapes.map(
    (s) =>
      `IFNULL(json_extract(ack_marks, '$."${s.replaceAll('"', '')}"'), 0) + ${ACK_SETTLE_BATCHES} <= ${marks[s] ?? 0}`,
  );
  if (conds.length === 0) return 0;
  return tx.run(`DELETE FROM _outbox WHERE status = 'acked' AND ${conds.join(' AND ')}`);
}

export interface RejectedRow {
  mutation_id: string;
  tbl: string;
  op: Op;
  row_id: string;
  payload: string;
  detail: string;
  rejected_at: string;
}

export async function listRejected(db: SqlRunner): Promise<RejectedRow[]> {
  return db.all<RejectedRow>(`SELECT * FROM _rejected ORDER BY rejected_at`);
}

export async function dismissRejected(db: SqlRunner, mutationId: string): Promise<void> {
  await db.run(`DELETE FROM _rejected WHERE mutation_id = ?`, [mutationId]);
}

/** Every outbox entry, pending and acked, in the order it was made. */
export async function mutationsInOrder(db: SqlRunner): Promise<OutboxEntry[]> {
  const rows = await db.all<OutboxRow>(`SELECT * FROM _outbox ORDER BY seq`);
  return rows.map(toEntry);
}
