/**
 * The device replica's SQLite schema, generated from the synced-table descriptions.
 *
 * Per synced table `t` (Electric's "through the database" write pattern, materialised so reads
 * are plain indexed queries over one table):
 *   t         what the app reads: the server's rows, with the device's pending changes applied
 *             (`_pending` = 1 on those rows); the table the shape consumer loads
 *   t_base    the server's version of rows the device has changed but the server not yet
 *             confirmed, kept aside so the change can be rebased or rolled back exactly
 *   t_local   the device's optimistic changes: changed columns, a delete mark, the latest
 *             mutation that touched the row; written only by local commands and rebases
 * A row is in t_base only while it has a t_local row. Invariant, per key k:
 *   no t_local[k]  →  t[k] is the server's row (or absent), no t_base[k]
 *   t_local[k]     →  t_base[k] is the server's row (or absent),
 *                     t[k] = t_base[k] with t_local[k]'s columns over it (absent when deleted)
 * and once per database:
 *   _outbox   every local mutation in order until the server has acknowledged it and the
 *             change has come back through the shape stream
 *   _rejected mutations the server refused, with its reason, until the user dismisses them
 *   _shapes   per shape: handle, offset (the resume point), counters of applied batches
 *   _meta     the replica's owner (user id) and schema fingerprint
 * and for tables with `totals` (emissions), `t_totals`: sums per owner, day/month, category and
 * scope, kept exact by triggers on `t` (sqlite-totals.ts)
 *
 * The replica is a cache of the server: when the generated schema changes, the tables are
 * dropped and re-synced, while the outbox (the user's unsent writes) is kept and replayed.
 */
import {
  indexParts,
  quoteIdent,
  sqliteTypeOf,
  type ReplicaColumn,
  type ReplicaTable,
} from './replica-types.ts';
import {
  dropTotalsTriggerDdl,
  totalsBuildDdl,
  totalsTableDdl,
  totalsTableName,
} from './sqlite-totals.ts';

export const baseTableName = (table: string): string => `${table}_base`;
export const localTableName = (table: string): string => `${table}_local`;

/** Overlay bookkeeping columns; the store's SQL agrees on these names. */
export const OVERLAY_COLUMNS = {
  changed: '_changed',
  full: '_full',
  deleted: '_deleted',
  mutationId: '_mutation_id',
} as const;

/** `_changed` holds `|col|col|`; a column is overlaid when `|name|` occurs in it. */
export const changedMarker = (column: string): string => `|${column}|`;

// Only primary keys are NOT NULL on the device: the server enforces the rest, and an optimistic
// row must never be refused locally for a column the server fills in.
function columnDef(c: ReplicaColumn, isPk: boolean): string {
  return `${quoteIdent(c.name)} ${sqliteTypeOf(c.pgType)}${isPk ? ' NOT NULL' : ''}`;
}

function pkClause(t: ReplicaTable): string {
  return `PRIMARY KEY (${t.primaryKey.map(quoteIdent).join(', ')})`;
}

const indexName = (t: ReplicaTable, i: number): string => `${t.name}_idx${i}`;

/**
 * The table's secondary indexes, and its rollup's rebuild and triggers (sqlite-totals.ts). An
 * initial sync drops them and creates them again at its end: one sort per index and one GROUP BY
 * for the rollup are far cheaper than 100k random index inserts and trigger runs (docs/decisions.md).
 */
export function syncedIndexDdl(t: ReplicaTable): string[] {
  const indexes = (t.indexes ?? []).map((index, i) => {
    const { columns, where } = indexParts(index);
    const list = columns
      .map((c) => {
        const [name = c, dir] = c.split(' ');
        return dir ? `${quoteIdent(name)} ${dir}` : quoteIdent(name);
      })
      .join(', ');
    const partial = where ? ` WHERE ${where}` : '';
    return `CREATE INDEX IF NOT EXISTS ${quoteIdent(indexName(t, i))} ON ${quoteIdent(t.name)} (${list})${partial}`;
  });
  return [...indexes, ...totalsBuildDdl(t)];
}

export function dropSyncedIndexDdl(t: ReplicaTable): string[] {
  return [
    ...(t.indexes ?? []).map((_, i) => `DROP INDEX IF EXISTS ${quoteIdent(indexName(t, i))}`),
    ...dropTotalsTriggerDdl(t),
  ];
}

/** CREATE statements for one synced table, its base and its overlay. */
export function tableDdl(t: ReplicaTable): string[] {
  const { changed, full, deleted, mutationId } = OVERLAY_COLUMNS;
  const isPk = (c: ReplicaColumn) => t.primaryKey.includes(c.name);
  const cols = t.columns.map((c) => columnDef(c, isPk(c)));
  return [
    `CREATE TABLE ${quoteIdent(t.name)} (${[...cols, '"_pending" INTEGER NOT NULL DEFAULT 0', pkClause(t)].join(', ')}) WITHOUT ROWID`,
    `CREATE TABLE ${quoteIdent(baseTableName(t.name))} (${[...cols, pkClause(t)].join(', ')}) WITHOUT ROWID`,
    `CREATE TABLE ${quoteIdent(localTableName(t.name))} (${[
      ...cols,
      `${changed} TEXT NOT NULL DEFAULT '|'`,
      `${full} INTEGER NOT NULL DEFAULT 0`,
      `${deleted} INTEGER NOT NULL DEFAULT 0`,
      `${mutationId} TEXT NOT NULL`,
      pkClause(t),
    ].join(', ')})`,
    `CREATE INDEX ${quoteIdent(`${t.name}_local_mutation_idx`)} ON ${quoteIdent(localTableName(t.name))} (${mutationId})`,
    ...totalsTableDdl(t),
    ...syncedIndexDdl(t),
  ];
}

/**
 * The merged row of key `?` (bound once per primary-key column): the overlay's columns over the
 * base row, or nothing when the overlay deletes it or changes a row the server does not have.
 */
export function mergedRowSql(t: ReplicaTable): string {
  const { changed, full, deleted } = OVERLAY_COLUMNS;
  const cols = t.columns
    .map((c) => {
      const q = quoteIdent(c.name);
      if (t.primaryKey.includes(c.name)) return `l.${q}`;
      return `CASE WHEN l.${full} = 1 OR instr(l.${changed}, '${changedMarker(c.name)}') > 0 THEN l.${q} ELSE s.${q} END`;
    })
    .join(', ');
  const join = t.primaryKey.map((k) => `s.${quoteIdent(k)} = l.${quoteIdent(k)}`).join(' AND ');
  const where = t.primaryKey.map((k) => `l.${quoteIdent(k)} = ?`).join(' AND ');
  const firstPk = quoteIdent(t.primaryKey[0] ?? '');
  return (
    `SELECT ${cols}, 1 FROM ${quoteIdent(localTableName(t.name))} l ` +
    `LEFT JOIN ${quoteIdent(baseTableName(t.name))} s ON ${join} ` +
    `WHERE ${where} AND l.${deleted} = 0 AND (l.${full} = 1 OR s.${firstPk} IS NOT NULL)`
  );
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

/** Every object name the generated part of a table may have used (current and earlier layouts). */
export function generatedNames(tableName: string): string[] {
  return [
    tableName,
    baseTableName(tableName),
    localTableName(tableName),
    totalsTableName(tableName),
    `${tableName}_synced`,
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
