import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, Row } from './types.ts';
import { OID, keepText, parseNumber, parseTimestamp } from './value-types.ts';

const parsers = {
  [OID.INT8]: parseNumber,
  [OID.NUMERIC]: parseNumber,
  [OID.DATE]: keepText,
  [OID.TIMESTAMP]: parseTimestamp,
  [OID.TIMESTAMPTZ]: parseTimestamp,
};

function wrap(q: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      const res = await q.query<T>(text, [...params]);
      return res.rows;
    },
    async exec(text: string) {
      await q.exec(text);
    },
  };
}

/**
 * Postgres settings of the embedded cluster, on top of PGlite's own start parameters.
 * shared_buffers defaults to 128MB, which PGlite's WASM heap allocates and touches up front
 * (~140 MB of resident memory); with 16MB, pages beyond it come from the OS page cache and the
 * query mix measured no slower (decisions.md, "Embedded PGlite memory"). PGlite never
 * checkpoints by itself; embedded-maintenance.ts does, and the WAL stays within max_wal_size.
 */
const PGLITE_SETTINGS = [
  'shared_buffers=16MB',
  // WAL kept for recycling between the checkpoints embedded-maintenance.ts makes (default 1GB).
  'max_wal_size=128MB',
  'min_wal_size=32MB',
];

/** PGlite options every embedded cluster needs: our shared value parsers and settings. */
export const pgliteOptions = {
  parsers,
  startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((s) => ['-c', s])],
};

/** Opens (or creates) an embedded PGlite cluster persisted in `dir`; `undefined` means memory. */
export async function openPglite(dir: string | undefined): Promise<Db> {
  if (dir) mkdirSync(dir, { recursive: true });
  return wrapPglite(await PGlite.create(dir, pgliteOptions));
}

/** Puts our Db interface over an open PGlite instance (created with `pgliteOptions`). */
export async function wrapPglite(pg: PGlite): Promise<Db> {
  await pg.exec(`SET TimeZone = 'UTC'`);
  const base = wrap(pg);
  let closed = false;
  return {
    kind: 'pglite',
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async listen(channel, onPayload) {
      const unsubscribe = await pg.listen(channel, onPayload);
      return async () => {
        if (!closed) await unsubscribe();
      };
    },
    async notify(channel, payload) {
      await pg.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      if (closed) return;
      closed = true;
      await pg.close();
    },
  };
}
