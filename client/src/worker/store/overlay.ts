/**
 * Writes the device's optimistic changes into a table's overlay (`<t>_local`), column by column,
 * and re-materialises the row the app reads (merged-rows.ts). The server's own version of the row
 * is kept aside in `<t>_base` meanwhile. Every overlay row names the latest mutation that touched
 * it; the shape consumer drops the row once that mutation has come back (shape-apply.ts).
 *
 *   insert  → the whole row, `_full` = 1
 *   update  → only the given columns; `_changed` accumulates their names
 *   delete  → a tombstone (`_deleted` = 1) that hides the row
 */
import {
  OVERLAY_COLUMNS,
  changedMarker,
  localTableName,
  quoteIdent,
  toSqliteValue,
  type ReplicaTable,
} from '@eco-track/shared-schema';
import type { SqlRunner, SqlValue } from '../db/sql-db.ts';
import { dropOverlays, ensureBase, pkOf, recompute } from './merged-rows.ts';

export type Op = 'insert' | 'update' | 'delete';

const { changed, full, deleted, mutationId } = OVERLAY_COLUMNS;

/** Only the table's own columns, converted to what the replica stores. */
function columnValues(t: ReplicaTable, values: Record<string, unknown>): [string, SqlValue][] {
  const out: [string, SqlValue][] = [];
  for (const c of t.columns) {
    if (c.name in values) out.push([c.name, toSqliteValue(c.pgType, values[c.name])]);
  }
  return out;
}

export async function overlayInsert(
  tx: SqlRunner,
  t: ReplicaTable,
  row: Record<string, unknown>,
  mutation: string,
): Promise<void> {
  const id = String(row[pkOf(t)]);
  await ensureBase(tx, t, id);
  const vals = columnValues(t, row);
  const cols = [...vals.map(([c]) => quoteIdent(c)), changed, full, deleted, mutationId];
  const marks = cols.map(() => '?').join(', ');
  const allChanged = `|${t.columns.map((c) => c.name).join('|')}|`;
  await tx.run(
    `INSERT OR REPLACE INTO ${quoteIdent(localTableName(t.name))} (${cols.join(', ')}) VALUES (${marks})`,
    [...vals.map(([, v]) => v), allChanged, 1, 0, mutation],
  );
  await recompute(tx, t, id);
}

export async function overlayUpdate(
  tx: SqlRunner,
  t: ReplicaTable,
  id: string,
  changes: Record<string, unknown>,
  mutation: string,
): Promise<void> {
  const pk = pkOf(t);
  const local = quoteIdent(localTableName(t.name));
  const vals = columnValues(t, changes).filter(([c]) => c !== pk);
  const existing = await tx.get<{ c: string; d: number }>(
    `SELECT ${changed} AS c, ${deleted} AS d FROM ${local} WHERE ${quoteIdent(pk)} = ?`,
    [id],
  );
  if (existing?.d === 1) return; // updating a row deleted on this device changes nothing visible
  let marker = existing?.c ?? '|';
  for (const [c] of vals) if (!marker.includes(changedMarker(c))) marker += `${c}|`;
  if (existing) {
    const set = [
      ...vals.map(([c]) => `${quoteIdent(c)} = ?`),
      `${changed} = ?`,
      `${mutationId} = ?`,
    ];
    await tx.run(`UPDATE ${local} SET ${set.join(', ')} WHERE ${quoteIdent(pk)} = ?`, [
      ...vals.map(([, v]) => v),
      marker,
      mutation,
      id,
    ]);
  } else {
    await ensureBase(tx, t, id);
    const cols = [
      quoteIdent(pk),
      ...vals.map(([c]) => quoteIdent(c)),
      changed,
      full,
      deleted,
      mutationId,
    ];
    await tx.run(
      `INSERT INTO ${local} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      [id, ...vals.map(([, v]) => v), marker, 0, 0, mutation],
    );
  }
  await recompute(tx, t, id);
}

export async function overlayDelete(
  tx: SqlRunner,
  t: ReplicaTable,
  id: string,
  mutation: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await ensureBase(tx, t, id);
  const vals = columnValues(t, extra).filter(([c]) => c !== pkOf(t));
  const cols = [
    quoteIdent(pkOf(t)),
    ...vals.map(([c]) => quoteIdent(c)),
    changed,
    full,
    deleted,
    mutationId,
  ];
  await tx.run(
    `INSERT OR REPLACE INTO ${quoteIdent(localTableName(t.name))} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
    [id, ...vals.map(([, v]) => v), '|', 0, 1, mutation],
  );
  await recompute(tx, t, id);
}

/** Removes a row's overlay (before replaying the mutations that still apply to it). */
export async function overlayClear(tx: SqlRunner, t: ReplicaTable, id: string): Promise<number> {
  return dropOverlays(tx, t, [id]);
}
