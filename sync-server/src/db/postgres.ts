import postgres from 'postgres';
import type { Db, Queryable, Row } from './types.ts';
import { OID, keepText, parseNumber, parseTimestamp } from './value-types.ts';

function passThrough(oid: number, parse: (s: string) => unknown) {
  return { to: oid, from: [oid], serialize: (x: unknown) => String(x), parse };
}

type Sql = postgres.Sql | postgres.TransactionSql;

/**
 * Queries with parameters run as named prepared statements, kept per connection: the second run
 * of a text on a connection is one round trip (Bind + Execute) instead of two (Parse + Describe,
 * then Bind + Execute) and Postgres parses it once (docs/decisions.md: ~6% more mutations/s).
 * `?prepare=false` in DATABASE_URL turns it off (a pooler that cannot keep prepared statements).
 */
function wrap(sql: Sql): Queryable {
  return {
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      const rows = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[], {
        prepare: params.length > 0,
      });
      return rows as unknown as T[];
    },
    async exec(text: string) {
      await sql.unsafe(text).simple();
    },
  };
}

/** Connects to a real Postgres with postgres.js; `max` is the pool size. */
export async function openPostgres(url: string, max = 10): Promise<Db> {
  const sql = postgres(url, {
    max,
    onnotice: () => undefined,
    connection: { TimeZone: 'UTC', application_name: 'eco-track' },
    types: {
      int8: passThrough(OID.INT8, parseNumber),
      numeric: passThrough(OID.NUMERIC, parseNumber),
      date: passThrough(OID.DATE, keepText),
      timestamp: passThrough(OID.TIMESTAMP, parseTimestamp),
      timestamptz: passThrough(OID.TIMESTAMPTZ, parseTimestamp),
    },
  });
  await sql`SELECT 1`; // fail fast with a clear error when the URL is wrong
  const base = wrap(sql);
  return {
    kind: 'postgres',
    ...base,
    transaction: async (fn) =>
      (await sql.begin((tx) => fn(wrap(tx)))) as Awaited<ReturnType<typeof fn>>,
    async listen(channel, onPayload) {
      const sub = await sql.listen(channel, onPayload);
      return () => sub.unlisten();
    },
    async notify(channel, payload) {
      await sql.notify(channel, payload);
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}
