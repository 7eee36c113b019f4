/**
 * Turns Postgres text values (as the Shape protocol sends them) into what the SQLite replica
 * stores, and back to JS values for reads. Passed to ShapeStream as its `parser`, so rows arrive
 * ready to bind: no second pass over 100k rows during an initial sync.
 */

/** What Postgres prints for a timestamptz under TimeZone UTC (every value the server sends). */
const PG_UTC_TEXT = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.(\d{1,6}))?\+00$/;

/** `2025-03-01 09:12:44.123456+00` (or any ISO-ish form) → `2025-03-01T09:12:44.123Z`. */
export function pgTimestampToIso(text: string): string {
  // Three per synced row: Postgres' UTC form is rearranged, not parsed (~30x faster).
  const canonical = PG_UTC_TEXT.exec(text);
  if (canonical)
    return `${text.slice(0, 10)}T${text.slice(11, 19)}.${((canonical[1] ?? '') + '000').slice(0, 3)}Z`;
  const m =
    /^(\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s*(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?$/i.exec(
      text,
    );
  if (!m) {
    const parsed = new Date(text);
    if (Number.isNaN(parsed.getTime())) throw new Error(`not a timestamp: ${text}`);
    return parsed.toISOString();
  }
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  const ms = Number((frac + '000').slice(0, 3));
  let offsetMin = 0;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replaceAll(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
  }
  const utc =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms) -
    offsetMin * 60_000;
  return new Date(utc).toISOString();
}

type ParseFn = (value: string) => number | string;

/**
 * A `parser` for `@electric-sql/client` keyed by Postgres type: numbers become JS numbers,
 * booleans 0/1, timestamps ISO UTC, json/jsonb stay JSON text (SQLite stores the text).
 * Types not listed (uuid, text, varchar, date, …) stay strings.
 */
export const SQLITE_SHAPE_PARSER: Record<string, ParseFn> = {
  int2: Number,
  int4: Number,
  int8: Number,
  float4: Number,
  float8: Number,
  numeric: Number,
  oid: Number,
  bool: (v) => (v === 't' || v === 'true' ? 1 : 0),
  timestamptz: pgTimestampToIso,
  timestamp: pgTimestampToIso,
  json: (v) => v,
  jsonb: (v) => v,
};

/** A JS value for a write (local overlay) → what the replica stores for a column of `pgType`. */
export function toSqliteValue(pgType: string, value: unknown): number | string | null {
  if (value === null || value === undefined) return null;
  switch (pgType) {
    case 'bool':
      return value === true || value === 1 || value === 't' || value === 'true' ? 1 : 0;
    case 'json':
    case 'jsonb':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'timestamptz':
    case 'timestamp':
      return pgTimestampToIso(
        typeof value === 'string' ? value : new Date(value as number).toISOString(),
      );
    default:
      if (typeof value === 'number' || typeof value === 'string') return value;
      if (typeof value === 'bigint') return Number(value);
      return JSON.stringify(value);
  }
}

/** A stored replica value → the JS value the worker API returns. */
export function fromSqliteValue(pgType: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (pgType) {
    case 'bool':
      return value === 1 || value === 1n;
    case 'json':
    case 'jsonb':
      return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
    default:
      return typeof value === 'bigint' ? Number(value) : value;
  }
}
