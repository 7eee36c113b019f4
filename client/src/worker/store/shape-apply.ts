/**
 * Applies one response of a shape stream to the replica, inside the caller's transaction, together
 * with the shape's new offset and handle, so a reload resumes exactly after the last applied batch.
 *
 *   change insert  → INSERT OR REPLACE of the full row
 *   change update  → UPDATE of the columns present (replica=default sends PK + changed columns)
 *   change delete  → DELETE by primary key
 *   must-refetch   → offset -1 / new handle stored; the server rows are truncated together with
 *                    the first batch of the new snapshot (never committed empty in between);
 *                    overlay and outbox are untouched
 *   up-to-date     → counts the batch, marks the initial sync done
 * A change goes to the table `t` itself, unless the device has changed that row: then it goes to
 * `t_base` (the server's version) and the row is re-materialised with the device's change over it.
 *
 * A shape starting from nothing (a first sync, or the snapshot after a must-refetch) loads in bulk
 * mode: the table's secondary indexes are dropped with the first rows and built again in the
 * transaction that reaches up-to-date, one sort each instead of a random insert per row.
 *
 * Then the overlay rebases onto the new server state: overlay rows whose latest mutation's txid
 * arrived here are dropped (the server's row now carries the truth), and rows whose mutation was
 * acknowledged long enough ago (three up-to-date batches of this shape since the ack, i.e. at
 * least one full request that started after it) are dropped too, for writes whose txid can never
 * arrive in this shape (the server changed nothing in it).
 */
import { isChangeMessage, isControlMessage, type Message, type Row } from '@electric-sql/client';
import {
  OVERLAY_COLUMNS,
  baseTableName,
  dropSyncedIndexDdl,
  localTableName,
  quoteIdent,
  syncedIndexDdl,
  type ReplicaTable,
} from '@eco-track/shared-schema';
import type { SqlRunner, SqlValue } from '../db/sql-db.ts';
import {
  dropOverlays,
  ensureBase,
  overlaidKeys,
  pkOf,
  recompute,
  truncateServerRows,
} from './merged-rows.ts';
import { nextEventLoopTurn } from './event-loop-turn.ts';

/** Up-to-date batches after an ack before an overlay row is dropped without its txid. */
export const ACK_SETTLE_BATCHES = 3;

export interface ShapeCursor {
  offset: string;
  handle: string | null;
}

export interface BatchOutcome {
  /** Server rows were written or deleted. */
  changedRows: boolean;
  /** Overlay rows were dropped or re-keyed (what the app reads may have changed). */
  overlayChanged: boolean;
  upToDate: boolean;
  mustRefetch: boolean;
  txids: number[];
}

interface ShapeRow {
  handle: string | null;
  offset: string;
  refetching: number;
  bulk: number;
  up_to_date_batches: number;
}

/** Rows stored between two turns of the worker's event loop (~7-10 ms of work). */
export const INSERT_SLICE = 1000;

const insertSqlCache = new Map<string, string>();

/** INSERT OR REPLACE of a full server row into `target` (the table itself, or its base). */
function insertSql(t: ReplicaTable, target: string): string {
  const key = `${t.name}|${target}`;
  let sql = insertSqlCache.get(key);
  if (!sql) {
    const cols = t.columns.map((c) => quoteIdent(c.name)).join(', ');
    const marks = t.columns.map(() => '?').join(', ');
    sql = `INSERT OR REPLACE INTO ${quoteIdent(target)} (${cols}) VALUES (${marks})`;
    insertSqlCache.set(key, sql);
  }
  return sql;
}

function bindable(v: unknown): SqlValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return JSON.stringify(v);
}

/** Reads a shape's stored resume point (offset -1 and no handle when never synced). */
export async function readShapeCursor(db: SqlRunner, shape: string): Promise<ShapeCursor> {
  const row = await db.get<{ offset: string; handle: string | null }>(
    'SELECT "offset", handle FROM _shapes WHERE shape = ?',
    [shape],
  );
  return row ?? { offset: '-1', handle: null };
}

export async function applyShapeBatch(
  tx: SqlRunner,
  table: ReplicaTable,
  messages: readonly Message<Row<unknown>>[],
  cursor: ShapeCursor,
  nowIso: string,
): Promise<BatchOutcome> {
  const shape = table.name;
  const pk = pkOf(table);
  await tx.run('INSERT OR IGNORE INTO _shapes (shape) VALUES (?)', [shape]);
  const state = (await tx.get<ShapeRow>(
    'SELECT handle, "offset", refetching, bulk, up_to_date_batches FROM _shapes WHERE shape = ?',
    [shape],
  )) as ShapeRow;
  const out: BatchOutcome = {
    changedRows: false,
    overlayChanged: false,
    upToDate: false,
    mustRefetch: false,
    txids: [],
  };
  let refetching = state.refetching === 1;
  let bulk = state.bulk === 1;
  const startBulk = async () => {
    if (bulk || !table.indexes?.length) return;
    for (const stmt of dropSyncedIndexDdl(table)) await tx.exec(stmt);
    bulk = true;
  };
  // A fresh start: everything that follows until up-to-date is the snapshot.
  if (state.offset === '-1' && !state.handle) await startBulk();

  // Rows the device has changed: their server version lives in the base table (usually none).
  const overlaid = await overlaidKeys(tx, table);
  const remerge = new Set<string>();
  const txids = new Set<number>();
  const inserts: SqlValue[][] = [];
  const flushInserts = async () => {
    // In slices, with a turn of the event loop between them: a 10k-row response takes 70-200 ms
    // to store, and meanwhile the next response's body can only stream in if the worker's thread
    // gets a turn (docs/decisions.md, initial sync).
    for (let at = 0; at < inserts.length; at += INSERT_SLICE) {
      if (at > 0) await nextEventLoopTurn();
      await tx.runMany(insertSql(table, shape), inserts.slice(at, at + INSERT_SLICE));
    }
    inserts.length = 0;
  };
  const truncate = async () => {
    await flushInserts();
    // Bulk mode first: the rows go without index upkeep or rollup triggers per row (50k emissions
    // 2.5 s -> 0.2 s); the indexes and the rollup are rebuilt at up-to-date.
    await startBulk();
    await truncateServerRows(tx, table);
    refetching = false;
    out.changedRows = true;
  };

  for (const msg of messages) {
    if (isChangeMessage(msg)) {
      if (refetching) await truncate();
      out.changedRows = true;
      for (const id of msg.headers.txids ?? []) txids.add(id);
      const value = msg.value;
      const id = String(value[pk]);
      const into = overlaid.has(id) ? baseTableName(shape) : shape;
      if (into !== shape) remerge.add(id);
      switch (msg.headers.operation) {
        case 'insert': {
          const row = table.columns.map((c) => bindable(value[c.name]));
          if (into === shape) inserts.push(row);
          else await tx.run(insertSql(table, into), row);
          break;
        }
        case 'update': {
          await flushInserts();
          const cols = table.columns.filter((c) => c.name !== pk && c.name in value);
          if (cols.length === 0) break;
          const set = cols.map((c) => `${quoteIdent(c.name)} = ?`).join(', ');
          await tx.run(`UPDATE ${quoteIdent(into)} SET ${set} WHERE ${quoteIdent(pk)} = ?`, [
            ...cols.map((c) => bindable(value[c.name])),
            id,
          ]);
          break;
        }
        case 'delete':
          await flushInserts();
          await tx.run(`DELETE FROM ${quoteIdent(into)} WHERE ${quoteIdent(pk)} = ?`, [id]);
          break;
      }
    } else if (isControlMessage(msg)) {
      await flushInserts();
      if (msg.headers.control === 'must-refetch') {
        // Rows the server sends next replace everything we had; truncate with that first batch.
        refetching = true;
        out.mustRefetch = true;
      } else if (msg.headers.control === 'up-to-date') {
        // A refetched shape that is now empty: nothing came, so nothing remains.
        if (refetching) await truncate();
        out.upToDate = true;
      }
    }
  }
  await flushInserts();
  for (const id of remerge) await recompute(tx, table, id);
  if (out.upToDate && bulk) {
    for (const stmt of syncedIndexDdl(table)) await tx.exec(stmt);
    bulk = false;
  }
  out.txids = [...txids];

  const upToDateBatches = state.up_to_date_batches + (out.upToDate ? 1 : 0);
  await tx.run(
    `UPDATE _shapes SET handle = ?, "offset" = ?, refetching = ?, bulk = ?, batches = batches + 1,
       up_to_date_batches = ?,
       initial_done = CASE WHEN ? THEN 1 ELSE initial_done END,
       last_synced_at = CASE WHEN ? THEN ? ELSE last_synced_at END
     WHERE shape = ?`,
    [
      cursor.handle,
      cursor.offset,
      refetching ? 1 : 0,
      bulk ? 1 : 0,
      upToDateBatches,
      out.upToDate ? 1 : 0,
      out.upToDate ? 1 : 0,
      nowIso,
      shape,
    ],
  );

  if (overlaid.size > 0 || table.uniqueKeys?.length) {
    if (await settleOverlays(tx, table, out.txids, out.upToDate ? upToDateBatches : null)) {
      out.overlayChanged = true;
    }
  }
  for (const txid of out.txids) {
    await tx.run(
      `UPDATE _outbox SET seen_on = json_insert(seen_on, '$[#]', ?)
       WHERE txid = ? AND status = 'acked' AND NOT EXISTS (SELECT 1 FROM json_each(seen_on) WHERE value = ?)`,
      [shape, txid, shape],
    );
  }
  if (out.changedRows && table.uniqueKeys?.length) {
    if (await rekeyOverlay(tx, table)) out.overlayChanged = true;
  }
  return out;
}

/**
 * Drops the overlay rows whose latest mutation came back (its txid is in this batch) or settled
 * (acknowledged three up-to-date batches ago), restoring the server's rows.
 */
async function settleOverlays(
  tx: SqlRunner,
  table: ReplicaTable,
  txids: readonly number[],
  upToDateBatches: number | null,
): Promise<boolean> {
  const pk = quoteIdent(pkOf(table));
  const local = quoteIdent(localTableName(table.name));
  const mid = OVERLAY_COLUMNS.mutationId;
  const ids = new Set<string>();
  for (const txid of txids) {
    const rows = await tx.all<{ k: string }>(
      `SELECT ${pk} AS k FROM ${local} WHERE ${mid} IN (SELECT mutation_id FROM _outbox WHERE txid = ? AND status = 'acked')`,
      [txid],
    );
    for (const r of rows) ids.add(r.k);
  }
  if (upToDateBatches !== null) {
    const rows = await tx.all<{ k: string }>(
      `SELECT ${pk} AS k FROM ${local} WHERE ${mid} IN (
         SELECT mutation_id FROM _outbox WHERE status = 'acked'
           AND IFNULL(json_extract(ack_marks, ?), 0) + ${ACK_SETTLE_BATCHES} <= ?)`,
      [`$."${table.name}"`, upToDateBatches],
    );
    for (const r of rows) ids.add(r.k);
  }
  return (await dropOverlays(tx, table, ids)) > 0;
}

/**
 * A row born on the device may get a different primary key on the server when the table has
 * another unique key (one emission per activity): such an overlay row moves onto the server row's
 * key, so the app reads one row, with the device's values on top until they settle.
 */
async function rekeyOverlay(tx: SqlRunner, table: ReplicaTable): Promise<boolean> {
  const pk = pkOf(table);
  const qpk = quoteIdent(pk);
  const local = quoteIdent(localTableName(table.name));
  const main = quoteIdent(table.name);
  let changed = false;
  for (const key of table.uniqueKeys ?? []) {
    const match = key.map((c) => `s.${quoteIdent(c)} = l.${quoteIdent(c)}`).join(' AND ');
    // Server rows (not overlaid: _pending = 0) sharing the unique key of an overlay row.
    const pairs = await tx.all<{ lk: string; sk: string }>(
      `SELECT l.${qpk} AS lk, s.${qpk} AS sk FROM ${local} l JOIN ${main} s ON ${match}
       WHERE s.${qpk} <> l.${qpk} AND s._pending = 0`,
    );
    for (const { lk, sk } of pairs) {
      await ensureBase(tx, table, sk); // the server row goes aside first
      await tx.run(`DELETE FROM ${main} WHERE ${qpk} = ?`, [lk]);
      await tx.run(`DELETE FROM ${quoteIdent(baseTableName(table.name))} WHERE ${qpk} = ?`, [lk]);
      await tx.run(`UPDATE OR REPLACE ${local} SET ${qpk} = ? WHERE ${qpk} = ?`, [sk, lk]);
      await recompute(tx, table, sk);
      changed = true;
    }
  }
  return changed;
}
