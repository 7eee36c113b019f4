/**
 * The SQL that renders snapshot rows as the protocol's insert messages, so Postgres builds the
 * response text and Node only passes it on (no row objects, no JSON.stringify per row).
 *
 * The text is exactly what `JSON.stringify({ key, value, headers })` gives for the row's `::text`
 * values (same key order, same escapes: Postgres' JSON string escaping and JSON.stringify's agree
 * on `"`, `\` and control characters, and neither escapes anything else). Values of types whose
 * text never needs escaping (uuid, numbers, booleans, dates, timestamps) are quoted as they are.
 */
import { rowKey, type PgType, type SyncedTable } from '@eco-track/shared-schema';

const ident = (c: string) => `"${c.replaceAll('"', '""')}"`;
const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Types whose text output is only digits, letters, `-`, `:`, `.`, `+` and spaces. */
const PLAIN_TEXT: ReadonlySet<PgType> = new Set([
  'uuid',
  'numeric',
  'int2',
  'int4',
  'int8',
  'float8',
  'bool',
  'date',
  'timestamptz',
]);

/** A column's value as JSON text: a string, or null for SQL NULL. */
function jsonValue(column: string, type: PgType): string {
  const text = `${ident(column)}::text`;
  return PLAIN_TEXT.has(type)
    ? `COALESCE('"' || ${text} || '"', 'null')`
    : `COALESCE(to_json(${text})::text, 'null')`;
}

const cache = new Map<string, string>();

/** A text expression over one row of `table`: its snapshot insert message. */
export function snapshotMessageSql(table: SyncedTable): string {
  let sql = cache.get(table.name);
  if (sql) return sql;
  // rowKey: the relation, then per key column `/"<value with / doubled>"`.
  const key = [
    literal(rowKey(table.name, [])),
    ...table.primaryKey.map((k) => `'/"' || replace(${ident(k)}::text, '/', '//') || '"'`),
  ].join(' || ');
  const value = table.columns
    .map(
      (c, i) =>
        `${literal(`${i === 0 ? '{' : ','}${JSON.stringify(c.name)}:`)} || ${jsonValue(c.name, c.type)}`,
    )
    .join(' || ');
  const headers = JSON.stringify({ operation: 'insert', relation: ['public', table.name] });
  sql = `'{"key":' || to_json(${key})::text || ',"value":' || ${value} || ${literal(`},"headers":${headers}}`)}`;
  cache.set(table.name, sql);
  return sql;
}
