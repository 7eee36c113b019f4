/**
 * Keeps a table's materialised rows (`t`) equal to "server row with the device's changes over
 * it" (invariant in shared-schema/src/replica/sqlite-ddl.ts). Callers run these inside their
 * transaction, per primary key (single-column keys, as every synced table has).
 *
 *   ensureBase  before a key gets its first overlay row: its server row moves aside to t_base
 *   recompute   after the overlay of a key changed: t[k] = merge(t_base[k], t_local[k])
 *   restore     after the overlay of a key went away: t[k] = t_base[k], and t_base[k] is dropped
 */
import {
  baseTableName,
  localTableName,
  mergedRowSql,
  quoteIdent,
  type ReplicaTable,
} from '@eco-track/shared-schema';
import type { SqlRunner } from '../db/sql-db.ts';

export function pkOf(t: ReplicaTable): string {
  const [pk] = t.primaryKey;
  if (!pk || t.primaryKey.length !== 1) {
    throw new Error(`${t.name}: the replica needs a single-column primary key`);
  }
  return pk;
}

const cols = (t: ReplicaTable) => t.columns.map((c) => quoteIdent(c.name)).join(', ');

export async function hasOverlay(tx: SqlRunner, t: ReplicaTable, id: string): Promise<boolean> {
  const row = await tx.get(
    `SELECT 1 AS x FROM ${quoteIdent(localTableName(t.name))} WHERE ${quoteIdent(pkOf(t))} = ?`,
    [id],
  );
  return row !== undefined;
}

/** Call before writing the first overlay row of `id`: moves its server row to t_base. */
export async function ensureBase(tx: SqlRunner, t: ReplicaTable, id: string): Promise<void> {
  if (await hasOverlay(tx, t, id)) return;
  const pk = quoteIdent(pkOf(t));
  await tx.run(`DELETE FROM ${quoteIdent(baseTableName(t.name))} WHERE ${pk} = ?`, [id]);
  await tx.run(
    `INSERT INTO ${quoteIdent(baseTableName(t.name))} (${cols(t)}) SELECT ${cols(t)} FROM ${quoteIdent(t.name)} WHERE ${pk} = ?`,
    [id],
  );
}

/** t[id] := the base row with the overlay over it (or nothing). */
export async function recompute(tx: SqlRunner, t: ReplicaTable, id: string): Promise<void> {
  const pk = quoteIdent(pkOf(t));
  await tx.run(`DELETE FROM ${quoteIdent(t.name)} WHERE ${pk} = ?`, [id]);
  await tx.run(`INSERT INTO ${quoteIdent(t.name)} (${cols(t)}, "_pending") ${mergedRowSql(t)}`, [
    id,
  ]);
}

/** The overlay of `id` is gone: t[id] := its server row again. */
export async function restore(tx: SqlRunner, t: ReplicaTable, id: string): Promise<void> {
  const pk = quoteIdent(pkOf(t));
  const base = quoteIdent(baseTableName(t.name));
  await tx.run(`DELETE FROM ${quoteIdent(t.name)} WHERE ${pk} = ?`, [id]);
  await tx.run(
    `INSERT INTO ${quoteIdent(t.name)} (${cols(t)}, "_pending") SELECT ${cols(t)}, 0 FROM ${base} WHERE ${pk} = ?`,
    [id],
  );
  await tx.run(`DELETE FROM ${base} WHERE ${pk} = ?`, [id]);
}

/** Keys that currently have an overlay (usually none or a handful). */
export async function overlaidKeys(tx: SqlRunner, t: ReplicaTable): Promise<Set<string>> {
  const pk = quoteIdent(pkOf(t));
  const rows = await tx.all<{ k: string }>(
    `SELECT ${pk} AS k FROM ${quoteIdent(localTableName(t.name))}`,
  );
  return new Set(rows.map((r) => r.k));
}

/**
 * Forgets every server row (a must-refetch): rows with an overlay keep only what the overlay
 * alone can show (local inserts); everything else waits for the new snapshot.
 */
export async function truncateServerRows(tx: SqlRunner, t: ReplicaTable): Promise<void> {
  const overlaid = await overlaidKeys(tx, t);
  const pk = quoteIdent(pkOf(t));
  await tx.run(`DELETE FROM ${quoteIdent(baseTableName(t.name))}`);
  await tx.run(
    `DELETE FROM ${quoteIdent(t.name)} WHERE ${pk} NOT IN (SELECT ${pk} FROM ${quoteIdent(localTableName(t.name))})`,
  );
  for (const id of overlaid) await recompute(tx, t, id);
}

/** Drops the overlay rows of `ids` and restores their server rows. */
export async function dropOverlays(
  tx: SqlRunner,
  t: ReplicaTable,
  ids: Iterable<string>,
): Promise<number> {
  const pk = quoteIdent(pkOf(t));
  let n = 0;
  for (const id of ids) {
    n += await tx.run(`DELETE FROM ${quoteIdent(localTableName(t.name))} WHERE ${pk} = ?`, [id]);
    await restore(tx, t, id);
  }
  return n;
}
