/**
 * Writes the device's optimistic changes into a table's overlay (`<t>_local`), column by column,
 * so the merged view shows them at once while the synced table stays exactly as the server sent
 * it. Every overlay row names the latest mutation that touched it; the shape consumer drops the
 * row once that mutation has come back from the server (shape-apply.ts).
 *
 *   insert  → the whole row, `_full` = 1
 *   update  → only the given columns; `_changed` accumulates their names
 *   delete  → a tombstone (`_deleted` = 1) that hides the synced row
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

export type Op = 'insert' | 'update' | 'delete';

const { changed, full, deleted, mutationId } = OVERLAY_COLUMNS;

function pkColumn(t: ReplicaTable): string {
  const [pk] = t.primaryKey;
  if (!pk || t.primaryKey.length !== 1) {
    throw new Error(`${t.name}: local writes need a single-column primary key`);
  }
  return pk;
}

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
  const vals = columnValues(t, row);
  const cols = [...vals.map(([c]) => quoteIdent(c)), changed, full, deleted, mutationId];
  const marks = cols.map(() => '?').join(', ');
  const allChanged = `|${t.columns.map((c) => c.name).join('|')}|`;
  await tx.run(
    `INSERT OR REPLACE INTO ${quoteIdent(localTableName(t.name))} (${cols.join(', ')}) VALUES (${marks})`,
    [...vals.map(([, v]) => v), allChanged, 1, 0, mutation],
  );
}

export async function overlayUpdate(
  tx: SqlRunner,
  t: ReplicaTable,
  id: string,
  changes: Record<string, unknown>,
  mutation: string,
): Promise<void> {
  const pk = pkColumn(t);
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
}

export async function overlayDelete(
  tx: SqlRunner,
  t: ReplicaTable,
  id: string,
  mutation: string,
): Promise<void> {
  const pk = quoteIdent(pkColumn(t));
  await tx.run(
    `INSERT OR REPLACE INTO ${quoteIdent(localTableName(t.name))} (${pk}, ${changed}, ${full}, ${deleted}, ${mutationId})
     VALUES (?, '|', 0, 1, ?)`,
    [id, mutation],
  );
}

/** Removes a row's overlay (before replaying the mutations that still apply to it). */
export async function overlayClear(tx: SqlRunner, t: ReplicaTable, id: string): Promise<number> {
  return tx.run(
    `DELETE FROM ${quoteIdent(localTableName(t.name))} WHERE ${quoteIdent(pkColumn(t))} = ?`,
    [id],
  );
}
