/**
 * Applies one response of a shape stream to the replica, inside the caller's transaction, together
 * with the shape's new offset and handle, so a reload resumes exactly after the last applied batch.
 *
 *   change insert  → INSERT OR REPLACE into <t>_synced (full row)
 *   change update  → UPDATE of the columns present (replica=default sends PK + changed columns)
 *   change delete  → DELETE by primary key
 *   must-refetch   → offset -1 / new handle stored; the synced rows are truncated together with
 *                    the first batch of the new snapshot (never committed empty in between);
 *                    overlay and outbox are untouched
 *   up-to-date     → counts the batch, marks the initial sync done
 *
 * A shape starting from nothing (a first sync, or the snapshot after a must-refetch) loads in bulk
 * mode: the synced table's secondary indexes are dropped with the first rows and built again in
 * the transaction that reaches up-to-date, one sort each instead of a random insert per row.
 *
 * Then the overlay rebases onto the new synced state: overlay rows whose latest mutation's txid
 * arrived here are dropped (the synced row now carries the server's truth), and rows whose
 * mutation was acknowledged long enough ago (three up-to-date batches of this shape since the ack,
 * i.e. at least one full request that started after it) are dropped too, for writes whose txid can
 * never arrive in this shape (the server changed nothing in it).
 */
import { isChangeMessage, isControlMessage, type Message, type Row } from '@electric-sql/client';
import {
  OVERLAY_COLUMNS,
  dropSyncedIndexDdl,
  localTableName,
  syncedIndexDdl,
  quoteIdent,
  syncedTableName,
  type ReplicaTable,
} from '@eco-track/shared-schema';
import type { SqlRunner, SqlValue } from '../db/sql-db.ts';

/** Up-to-date batches after an ack before an overlay row is dropped without its txid. */
export const ACK_SETTLE_BATCHES = 3;

export interface ShapeCursor {
  offset: string;
  handle: string | null;
}

export interface BatchOutcome {
  /** Synced rows were written or deleted. */
  changedRows: boolean;
  /** Overlay rows were dropped (the merged view may have changed). */
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

const insertSqlCache = new WeakMap<ReplicaTable, string>();

function insertSql(t: ReplicaTable): string {
  let sql = insertSqlCache.get(t);
  if (!sql) {
    const cols = t.columns.map((c) => quoteIdent(c.name)).join(', ');
    const marks = t.columns.map(() => '?').join(', ');
    sql = `INSERT OR REPLACE INTO ${quoteIdent(syncedTableName(t.name))} (${cols}) VALUES (${marks})`;
    insertSqlCache.set(t, sql);
  }
  return sql;
}

const pkWhere = (t: ReplicaTable): string =>
  t.primaryKey.map((k) => `${quoteIdent(k)} = ?`).join(' AND ');

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
  await tx.run('INSERT OR IGNORE INTO _shapes (shape) VALUES (?)', [shape]);
  const state = (await tx.get<ShapeRow>(
    'SELECT handle, "offset", refetching, bulk, up_to_date_batches FROM _shapes WHERE shape = ?',
    [shape],
  )) as ShapeRow;
  const synced = quoteIdent(syncedTableName(shape));
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
  const txids = new Set<number>();
  const ins = insertSql(table);
  const del = `DELETE FROM ${synced} WHERE ${pkWhere(table)}`;
  const inserts: SqlValue[][] = [];
  const flushInserts = async () => {
    if (inserts.length) await tx.runMany(ins, inserts.splice(0));
  };

  for (const msg of messages) {
    if (isChangeMessage(msg)) {
      if (refetching) {
        await tx.run(`DELETE FROM ${synced}`);
        await startBulk();
        refetching = false;
      }
      out.changedRows = true;
      for (const id of msg.headers.txids ?? []) txids.add(id);
      const value = msg.value;
      switch (msg.headers.operation) {
        case 'insert':
          inserts.push(table.columns.map((c) => bindable(value[c.name])));
          break;
        case 'update': {
          await flushInserts();
          const cols = table.columns.filter(
            (c) => !table.primaryKey.includes(c.name) && c.name in value,
          );
          if (cols.length === 0) break;
          const set = cols.map((c) => `${quoteIdent(c.name)} = ?`).join(', ');
          await tx.run(`UPDATE ${synced} SET ${set} WHERE ${pkWhere(table)}`, [
            ...cols.map((c) => bindable(value[c.name])),
            ...table.primaryKey.map((k) => bindable(value[k])),
          ]);
          break;
        }
        case 'delete':
          await flushInserts();
          await tx.run(
            del,
            table.primaryKey.map((k) => bindable(value[k])),
          );
          break;
      }
    } else if (isControlMessage(msg)) {
      await flushInserts();
      if (msg.headers.control === 'must-refetch') {
        // Rows the server sends next replace everything we had; truncate with that first batch.
        refetching = true;
        out.mustRefetch = true;
      } else if (msg.headers.control === 'up-to-date') {
        if (refetching) {
          // A refetched shape that is now empty: nothing came, so nothing remains.
          await tx.run(`DELETE FROM ${synced}`);
          refetching = false;
          out.changedRows = true;
        }
        out.upToDate = true;
      }
    }
  }
  await flushInserts();
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

  const local = quoteIdent(localTableName(shape));
  const mid = OVERLAY_COLUMNS.mutationId;
  for (const txid of out.txids) {
    const dropped = await tx.run(
      `DELETE FROM ${local} WHERE ${mid} IN (SELECT mutation_id FROM _outbox WHERE txid = ? AND status = 'acked')`,
      [txid],
    );
    if (dropped > 0) out.overlayChanged = true;
    await tx.run(
      `UPDATE _outbox SET seen_on = json_insert(seen_on, '$[#]', ?)
       WHERE txid = ? AND status = 'acked' AND NOT EXISTS (SELECT 1 FROM json_each(seen_on) WHERE value = ?)`,
      [shape, txid, shape],
    );
  }
  if (out.upToDate) {
    const dropped = await tx.run(
      `DELETE FROM ${local} WHERE ${mid} IN (
         SELECT mutation_id FROM _outbox WHERE status = 'acked'
           AND IFNULL(json_extract(ack_marks, ?), 0) + ${ACK_SETTLE_BATCHES} <= ?)`,
      [`$."${shape}"`, upToDateBatches],
    );
    if (dropped > 0) out.overlayChanged = true;
  }
  if (out.changedRows && table.uniqueKeys?.length) {
    if (await rekeyOverlay(tx, table)) out.overlayChanged = true;
  }
  return out;
}

/**
 * A row born on the device may get a different primary key on the server when the table has
 * another unique key (one emission per activity, one user_challenge per challenge): re-key such
 * overlay rows onto the synced row's key so the view shows one row, with the local values on top.
 */
async function rekeyOverlay(tx: SqlRunner, table: ReplicaTable): Promise<boolean> {
  const local = quoteIdent(localTableName(table.name));
  const synced = quoteIdent(syncedTableName(table.name));
  const pk = table.primaryKey[0];
  if (!pk || table.primaryKey.length !== 1) return false;
  const qpk = quoteIdent(pk);
  let changed = false;
  for (const key of table.uniqueKeys ?? []) {
    const match = key.map((c) => `s.${quoteIdent(c)} = l.${quoteIdent(c)}`).join(' AND ');
    const n = await tx.run(
      `UPDATE OR REPLACE ${local} AS l SET ${qpk} = (SELECT s.${qpk} FROM ${synced} s WHERE ${match})
       WHERE EXISTS (SELECT 1 FROM ${synced} s WHERE ${match} AND s.${qpk} <> l.${qpk})`,
    );
    if (n > 0) changed = true;
  }
  return changed;
}
