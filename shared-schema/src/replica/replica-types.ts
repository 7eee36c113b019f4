/**
 * How a synced Postgres table is described to the device replica: its name, primary key and
 * columns with their Postgres type names (`pg_type.typname`, as the Shape protocol's
 * `electric-schema` header names them). The SQLite DDL, the value parser for shape messages and
 * the overlay merge are all generated from this.
 */
export interface ReplicaColumn {
  name: string;
  /** Postgres type name: uuid, text, varchar, numeric, int2, int4, int8, float8, bool, date, timestamptz, jsonb, … */
  pgType: string;
  notNull: boolean;
}

/**
 * An index: its column names (optionally `col DESC`), or those and a partial index's condition
 * (the rows it covers; SQLite uses it for queries whose terms imply the condition).
 */
export type ReplicaIndex =
  readonly string[] | { readonly columns: readonly string[]; readonly where: string };

/** An index's columns and, for a partial one, its condition ('' for a full index). */
export function indexParts(index: ReplicaIndex): { columns: readonly string[]; where: string } {
  return 'where' in index ? index : { columns: index, where: '' };
}

export interface ReplicaTable {
  name: string;
  primaryKey: readonly string[];
  columns: readonly ReplicaColumn[];
  /** Extra indexes on the synced table. */
  indexes?: readonly ReplicaIndex[];
  /**
   * Unique keys besides the primary key (e.g. emissions.activity_id). A row born on the device may
   * get another primary key on the server; overlay rows are re-keyed onto the synced row by these.
   */
  uniqueKeys?: readonly (readonly string[])[];
  /**
   * Long-poll this table's shape (changes arrive at once). Others catch up periodically: a browser
   * holds at most 6 connections per server, and each live shape keeps one busy.
   */
  live?: boolean;
  /** Sums kept by triggers for the dashboard (sqlite-totals.ts). */
  totals?: ReplicaTotals;
  /**
   * A public catalogue (the same rows for every user: emission factors, recommendations,
   * challenges, achievements). A device's first sync fetches these after the user's own rows.
   */
  catalogue?: boolean;
}

/**
 * A rollup of a synced table: per owner (a user's rows, their personal rows, an organisation's
 * rows), UTC day and UTC month, and `groupBy` columns, the sum of `value` and the row count.
 */
export interface ReplicaTotals {
  /** The summed column; kept in integer millionths so adding and subtracting stay exact. */
  value: string;
  /** The ISO 8601 UTC timestamp column the periods come from. */
  time: string;
  user: string;
  org: string;
  groupBy: readonly string[];
}

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** SQLite storage class a Postgres type maps to on the device. */
export type SqliteType = 'TEXT' | 'INTEGER' | 'REAL';

const INTEGER_TYPES = new Set(['int2', 'int4', 'int8', 'bool', 'oid']);
const REAL_TYPES = new Set(['numeric', 'float4', 'float8', 'money']);

/**
 * Numbers the dashboard sums are stored as REAL (numeric included: kg values, never money), booleans
 * as 0/1, timestamps as ISO 8601 UTC text (so they sort and compare as text), jsonb as its JSON text.
 */
export function sqliteTypeOf(pgType: string): SqliteType {
  if (INTEGER_TYPES.has(pgType)) return 'INTEGER';
  if (REAL_TYPES.has(pgType)) return 'REAL';
  return 'TEXT';
}
