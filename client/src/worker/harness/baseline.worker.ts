/// <reference lib="webworker" />
/**
 * Benchmark baseline (test harness only): the raw bulk load the initial-sync benchmark compares
 * against. It downloads the same shape the sync engine downloads (timed on its own: fetch and
 * parse without storage), then loads those rows into a fresh table of the replica's DDL on the
 * chosen storage, in one transaction, and times that: one prepared statement into the bare table,
 * then its secondary indexes and dashboard totals built, as the sync's bulk mode does (the same
 * end state; the sync avoids per-row index and trigger upkeep the same way).
 */
import { ShapeStream, isChangeMessage, isControlMessage, type Row } from '@electric-sql/client';
import { expose } from 'comlink';
import {
  REPLICA_TABLES,
  SHAPE_PATH,
  SQLITE_SHAPE_PARSER,
  dropSyncedIndexDdl,
  quoteIdent,
  syncedIndexDdl,
  tableDdl,
} from '@eco-track/shared-schema';
import * as SQLite from 'wa-sqlite';
import { OPFS_PRAGMAS } from '../db/open-browser.ts';
import { wrapConnection, type SqlValue } from '../db/sql-db.ts';
import { ShapeBodyDecoder } from '../sync/shape-body.ts';

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
  // The synchronous build, bulk-bound as the app binds (row-binder.ts).
  const { default: factory } = await import('wa-sqlite/dist/wa-sqlite.mjs');
  const module: unknown = await factory();
  const sqlite3 = SQLite.Factory(module);
  if (kind === 'opfs') {
    const { AccessHandlePoolVFS } = await import('wa-sqlite/src/examples/AccessHandlePoolVFS.js');
    const vfs = new AccessHandlePoolVFS(`/bench-${tag}`);
    await vfs.isReady;
    sqlite3.vfs_register(vfs as unknown as Parameters<typeof sqlite3.vfs_register>[0], true);
    const db = wrapConnection(sqlite3, await sqlite3.open_v2('bench.db'), module);
    await db.exec(OPFS_PRAGMAS); // the app's settings
    return db;
  }
  return wrapConnection(sqlite3, await sqlite3.open_v2(':memory:'), module);
}

/**
 * Downloads a whole shape as the app does (the real ShapeStream, its bodies decoded by the app's
 * decoder with the replica's value parser) and no storage, timing it: what the device spends
 * fetching and parsing alone.
 */
async function download(baseUrl: string, token: string, table: string) {
  const t = REPLICA_TABLES.find((x) => x.name === table);
  if (!t) throw new Error(`no table ${table}`);
  const rows: SqlValue[][] = [];
  const abort = new AbortController();
  const bodies = new ShapeBodyDecoder(SQLITE_SHAPE_PARSER);
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const stream = new ShapeStream<Row<unknown>>({
      url: new URL(SHAPE_PATH, baseUrl).toString(),
      params: { table },
      headers: { authorization: `Bearer ${token}` },
      parser: SQLITE_SHAPE_PARSER,
      fetchClient: bodies.wrap((input, init) => fetch(input, init)),
      subscribe: false,
      signal: abort.signal,
      onError: (err) => reject(err),
    });
    stream.subscribe((messages) => {
      for (const m of bodies.expand(messages)) {
        if (isChangeMessage(m))
          rows.push(t.columns.map((c) => (m.value[c.name] ?? null) as SqlValue));
        else if (isControlMessage(m) && m.headers.control === 'up-to-date') resolve();
      }
    }, reject);
  });
  const downloadMs = performance.now() - started;
  abort.abort();
  return { table: t, rows, downloadMs };
}

const api = {
  /**
   * Times a bulk load of the shape's rows on `kind` (with `indexes: false`, the bare insert
   * only); answers rows, milliseconds, and the milliseconds the download (fetch + parse, no
   * storage) took before.
   */
  async bulkInsert(
    kind: Kind,
    baseUrl: string,
    token: string,
    table = 'activities',
    options: { indexes?: boolean; cacheKb?: number } = {},
  ) {
    const { table: t, rows, downloadMs } = await download(baseUrl, token, table);
    const db = await open(kind, `${kind}-${Date.now()}`);
    if (options.cacheKb) await db.exec(`PRAGMA cache_size = -${options.cacheKb}`);
    for (const stmt of [...tableDdl(t), ...dropSyncedIndexDdl(t)]) await db.exec(stmt);
    const cols = t.columns.map((c) => quoteIdent(c.name)).join(', ');
    const sql = `INSERT INTO ${quoteIdent(t.name)} (${cols}) VALUES (${t.columns.map(() => '?').join(', ')})`;
    const started = performance.now();
    await db.transaction(async (tx) => {
      await tx.runMany(sql, rows);
      if (options.indexes !== false) for (const stmt of syncedIndexDdl(t)) await tx.exec(stmt);
    });
    const ms = performance.now() - started;
    const count = await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdent(t.name)}`);
    await db.close();
    return { rows: count?.n ?? 0, ms, downloadMs };
  },
};

export type BaselineApi = typeof api;
expose(api);
void self;
