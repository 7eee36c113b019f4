/**
 * The device replica's SQLite schema, generated from the synced-table descriptions.
 *
 * Per synced table `t` (Electric's "through the database" write pattern):
 *   t_synced  rows exactly as the server sent them; written only by the shape consumer
 *   t_local   the device's optimistic changes: changed columns, a delete mark, the latest
 *             mutation that touched the row; written only by local commands and rebases
 *   t         a view: synced rows without overlay, plus overlay rows merged column by column
 *             over their synced row (`_pending` = 1 for those)
 * and once per database:
 *   _outbox   every local mutation in order until the server has acknowledged it and the
 *             change has come back through the shape stream
 *   _rejected mutations the server refused, with its reason, until the user dismisses them
 *   _shapes   per shape: handle, offset (the resume point), counters of applied batches
 *   _meta     the replica's owner (user id) and schema fingerprint
 *
 * The replica is a cache of the server: when the generated schema changes, synced tables are
 * dropped and re-synced, while the outbox (the user's unsent writes) is kept and replayed.
 */
import { sqliteTypeOf, type ReplicaColumn, type ReplicaTable } from './replica-types.ts';

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

export const syncedTableName = (table: string): string => `${table}_synced`;
export const localTableName = (table: string): string => `${table}_local`;

/** Overlay bookkeeping columns; the view and the store agree on these names. */
export const OVERLAY_COLUMNS = {
  changed: '_changed',
  full: '_full',
  deleted: '_deleted',
  mutationId: '_mutation_id',
} as const;

/** `_changed` holds `|col|col|`; a column is overlaid when `|name|` occurs in it. */
export const changedMarker = (column: string): string => `|${column}|`;

function columnDef(c: ReplicaColumn, forceNullable: boolean): string {
  const notNull = c.notNull && !forceNullable ? ' NOT NULL' : '';
  return `${quoteIdent(c.name)} ${sqliteTypeOf(c.pgType)}${notNull}`;
}

function pkClause(t: ReplicaTable): string {
  return `PRIMARY KEY (${t.primaryKey.map(quoteIdent).join(', ')})`;
}

function pkJoin(t: ReplicaTable, left: string, right: string): string {
  return t.primaryKey
    .map((k) => `${left}.${quoteIdent(k)} = ${right}.${quoteIdent(k)}`)
    .join(' AND ');
}

const syncedIndexName = (t: ReplicaTable, i: number): string => `${t.name}_synced_idx${i}`;

/**
 * The synced table's secondary indexes. An initial sync drops them and creates them again at its
 * end: one sort per index is far cheaper than 100k random index inserts (docs/decisions.md).
 */
export function syncedIndexDdl(t: ReplicaTable): string[] {
  const synced = quoteIdent(syncedTableName(t.name));
  return (t.indexes ?? []).map((cols, i) => {
    const list = cols
      .map((c) => {
        const [name = c, dir] = c.split(' ');
        return dir ? `${quoteIdent(name)} ${dir}` : quoteIdent(name);
      })
      .join(', ');
    return `CREATE INDEX IF NOT EXISTS ${quoteIdent(syncedIndexName(t, i))} ON ${synced} (${list})`;
  });
}

export function dropSyncedIndexDdl(t: ReplicaTable): string[] {
  return (t.indexes ?? []).map(
    (_, i) => `DROP INDEX IF EXISTS ${quoteIdent(syncedIndexName(t, i))}`,
  );
}

/** CREATE statements for one synced table, its overlay and the merged view. */
export function tableDdl(t: ReplicaTable): string[] {
  const synced = quoteIdent(syncedTableName(t.name));
  const local = quoteIdent(localTableName(t.name));
  const view = quoteIdent(t.name);
  const { changed, full, deleted, mutationId } = OVERLAY_COLUMNS;
  const isPk = new Set(t.primaryKey);

  const stmts: string[] = [
    `CREATE TABLE ${synced} (${[...t.columns.map((c) => columnDef(c, false)), pkClause(t)].join(', ')}) WITHOUT ROWID`,
    `CREATE TABLE ${local} (${[
      ...t.columns.map((c) => columnDef(c, !isPk.has(c.name))),
      `${changed} TEXT NOT NULL DEFAULT '|'`,
      `${full} INTEGER NOT NULL DEFAULT 0`,
      `${deleted} INTEGER NOT NULL DEFAULT 0`,
      `${mutationId} TEXT NOT NULL`,
      pkClause(t),
    ].join(', ')})`,
    `CREATE INDEX ${quoteIdent(`${t.name}_local_mutation_idx`)} ON ${local} (${mutationId})`,
  ];
  stmts.push(...syncedIndexDdl(t));

  const syncedCols = t.columns.map((c) => `s.${quoteIdent(c.name)}`).join(', ');
  const mergedCols = t.columns
    .map((c) => {
      const q = quoteIdent(c.name);
      if (isPk.has(c.name)) return `l.${q}`;
      return `CASE WHEN l.${full} = 1 OR instr(l.${changed}, '${changedMarker(c.name)}') > 0 THEN l.${q} ELSE s.${q} END AS ${q}`;
    })
    .join(', ');
  const firstPk = quoteIdent(t.primaryKey[0] ?? '');
  stmts.push(
    `CREATE VIEW ${view} AS ` +
      `SELECT ${syncedCols}, 0 AS _pending FROM ${synced} s ` +
      `WHERE NOT EXISTS (SELECT 1 FROM ${local} l WHERE ${pkJoin(t, 'l', 's')}) ` +
      `UNION ALL ` +
      `SELECT ${mergedCols}, 1 AS _pending FROM ${local} l LEFT JOIN ${synced} s ON ${pkJoin(t, 's', 'l')} ` +
      `WHERE l.${deleted} = 0 AND (l.${full} = 1 OR s.${firstPk} IS NOT NULL)`,
  );
  return stmts;
}

/** Tables the replica keeps once per database (not per synced table). */
export const BOOKKEEPING_DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS _meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  // seq orders the flush; status: pending → acked (kept until the change is back in the stream).
  // ack_marks: JSON {shape: up-to-date batch count at ack}; seen_on: JSON [shapes that delivered txid].
  `CREATE TABLE IF NOT EXISTS _outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    mutation_id TEXT NOT NULL UNIQUE,
    tbl TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    row_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'acked')),
    txid INTEGER,
    ack_marks TEXT,
    seen_on TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS _outbox_row_idx ON _outbox (tbl, row_id)`,
  `CREATE INDEX IF NOT EXISTS _outbox_txid_idx ON _outbox (txid) WHERE txid IS NOT NULL`,
  `CREATE TABLE IF NOT EXISTS _rejected (
    mutation_id TEXT PRIMARY KEY,
    tbl TEXT NOT NULL,
    op TEXT NOT NULL,
    row_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    detail TEXT NOT NULL,
    rejected_at TEXT NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS _shapes (
    shape TEXT PRIMARY KEY,
    handle TEXT,
    "offset" TEXT NOT NULL DEFAULT '-1',
    refetching INTEGER NOT NULL DEFAULT 0,
    bulk INTEGER NOT NULL DEFAULT 0,
    batches INTEGER NOT NULL DEFAULT 0,
    up_to_date_batches INTEGER NOT NULL DEFAULT 0,
    initial_done INTEGER NOT NULL DEFAULT 0,
    last_synced_at TEXT
  )`,
];

/** Statements that drop the generated part (synced tables, overlays, views), keeping bookkeeping. */
export function dropTableDdl(tableName: string): string[] {
  return [
    `DROP VIEW IF EXISTS ${quoteIdent(tableName)}`,
    `DROP TABLE IF EXISTS ${quoteIdent(syncedTableName(tableName))}`,
    `DROP TABLE IF EXISTS ${quoteIdent(localTableName(tableName))}`,
  ];
}

/** A short fingerprint of the generated schema; a change means "rebuild the replica". */
export function schemaFingerprint(tables: readonly ReplicaTable[]): string {
  const text = [...tables.flatMap(tableDdl), ...BOOKKEEPING_DDL].join(';\n');
  // FNV-1a, 32-bit: stable and dependency-free; collisions only cost an unneeded rebuild.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${tables.length}-${h.toString(16)}`;
}
