/// <reference lib="webworker" />
/**
 * Benchmark baseline (test harness only): the raw bulk insert the initial-sync benchmark compares
 * against. It downloads the same shape the sync engine downloads (untimed), then inserts those
 * rows into a fresh table of the replica's DDL with one prepared statement in one transaction, on
 * the chosen storage, and times only that insert.
 */
import { expose } from 'comlink';
import {
  REPLICA_TABLES,
  SHAPE_PATH,
  SQLITE_SHAPE_PARSER,
  quoteIdent,
  tableDdl,
} from '@eco-track/shared-schema';
import * as SQLite from 'wa-sqlite';
import { OPFS_PRAGMAS } from '../db/open-browser.ts';
import { wrapConnection, type SqlValue } from '../db/sql-db.ts';

declare const self: DedicatedWorkerGlobalScope;

type Kind = 'opfs' | 'idb' | 'memory';

async function open(kind: Kind, tag: string) {
  if (kind === 'idb') {
    const { default: factory } = await import('wa-sqlite/dist/wa-sqlite-async.mjs');
    const { IDBBatchAtomicVFS } = await import('wa-sqlite/src/examples/IDBBatchAtomicVFS.js');
    const sqlite3 = SQLite.Factory(await factory());
    const vfs = new IDBBatchAtomicVFS(`bench-${tag}`);
    sqlite3.vfs_register(vfs as unknown as Parameters<typeof sqlite3.vfs_register>[0], true);
    const db = wrapConnection(sqlite3, await sqlite3.open_v2('bench.db'));
    await db.exec('PRAGMA cache_size = -65536;');
    return db;
  }
  const { default: factory } = await import('wa-sqlite/dist/wa-sqlite.mjs');
  const sqlite3 = SQLite.Factory(await factory());
  if (kind === 'opfs') {
    const { AccessHandlePoolVFS } = await import('wa-sqlite/src/examples/AccessHandlePoolVFS.js');
    const vfs = new AccessHandlePoolVFS(`/bench-${tag}`);
    await vfs.isReady;
    sqlite3.vfs_register(vfs as unknown as Parameters<typeof sqlite3.vfs_register>[0], true);
    const db = wrapConnection(sqlite3, await sqlite3.open_v2('bench.db'));
    await db.exec(OPFS_PRAGMAS); // the app's settings
    return db;
  }
  return wrapConnection(sqlite3, await sqlite3.open_v2(':memory:'));
}

interface Message {
  key?: string;
  value?: Record<string, string | null>;
  headers: { control?: string };
}

/** Downloads a whole shape as the client would (snapshot chunks until up-to-date). */
async function download(baseUrl: string, token: string, table: string) {
  const t = REPLICA_TABLES.find((x) => x.name === table);
  if (!t) throw new Error(`no table ${table}`);
  const rows: SqlValue[][] = [];
  let offset = '-1';
  let handle: string | null = null;
  for (let i = 0; i < 10_000; i++) {
    const url = new URL(SHAPE_PATH, baseUrl);
    url.searchParams.set('table', table);
    url.searchParams.set('offset', offset);
    if (handle) url.searchParams.set('handle', handle);
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`shape ${res.status}`);
    offset = res.headers.get('electric-offset') ?? offset;
    handle = res.headers.get('electric-handle');
    const body = (await res.json()) as Message[];
    for (const m of body) {
      if (!m.value) continue;
      rows.push(
        t.columns.map((c) => {
          const v = m.value?.[c.name] ?? null;
          const parse = SQLITE_SHAPE_PARSER[c.pgType];
          return v === null ? null : parse ? parse(v) : v;
        }),
      );
    }
    if (body.at(-1)?.headers.control === 'up-to-date') return { table: t, rows };
  }
  throw new Error('shape never reached up-to-date');
}

const api = {
  /** Times a bulk insert of the shape's rows on `kind`; answers rows and milliseconds. */
  async bulkInsert(
    kind: Kind,
    baseUrl: string,
    token: string,
    table = 'activities',
    options: { indexes?: boolean; cacheKb?: number } = {},
  ) {
    const { table: t, rows } = await download(baseUrl, token, table);
    const db = await open(kind, `${kind}-${Date.now()}`);
    if (options.cacheKb) await db.exec(`PRAGMA cache_size = -${options.cacheKb}`);
    for (const stmt of tableDdl(options.indexes === false ? { ...t, indexes: [] } : t)) {
      await db.exec(stmt);
    }
    const cols = t.columns.map((c) => quoteIdent(c.name)).join(', ');
    const sql = `INSERT INTO ${quoteIdent(t.name)} (${cols}) VALUES (${t.columns.map(() => '?').join(', ')})`;
    const started = performance.now();
    await db.transaction((tx) => tx.runMany(sql, rows));
    const ms = performance.now() - started;
    const count = await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdent(t.name)}`);
    await db.close();
    return { rows: count?.n ?? 0, ms };
  },
};

export type BaselineApi = typeof api;
expose(api);
void self;
