/** Turns replica rows (SQLite values) into the API's JS values: booleans, parsed JSON. */
import { REPLICA_TABLES, fromSqliteValue } from '@eco-track/shared-schema';

const TYPES = new Map(
  REPLICA_TABLES.map((t) => [t.name, new Map(t.columns.map((c) => [c.name, c.pgType]))]),
);

/** Decodes the columns of `table` found in `row`; other keys (computed ones) pass through. */
export function decodeRow<T>(table: string, row: Record<string, unknown>): T {
  const types = TYPES.get(table);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    const t = types?.get(k);
    out[k] = t ? fromSqliteValue(t, v) : v;
  }
  return out as T;
}

export const decodeRows = <T>(table: string, rows: readonly Record<string, unknown>[]): T[] =>
  rows.map((r) => decodeRow<T>(table, r));
