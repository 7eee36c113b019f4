/**
 * Opens the replica database in a worker. The default is OPFS through wa-sqlite's
 * AccessHandlePoolVFS with the synchronous wasm build: the fastest persistent option measured
 * (docs/decisions.md), and single-connection, which the leader-tab design provides. When the
 * browser has no sync access handles (older browsers, some private modes) it falls back to
 * IndexedDB (IDBBatchAtomicVFS, asyncify build); `memory` is for benchmarks and tests.
 *
 * A new leader may start while the previous leader's worker is still releasing its access handles;
 * acquiring them then fails (NoModificationAllowedError) and is retried for a few seconds.
 */
import * as SQLite from 'wa-sqlite';
import { wrapConnection, type SqlDb } from './sql-db.ts';

export type StorageKind = 'opfs' | 'idb' | 'memory';

export interface OpenedDb {
  db: SqlDb;
  kind: StorageKind;
}

const DIRECTORY = '/eco-track';
const FILE = 'replica.db';

/**
 * One connection owns the file, so exclusive locking skips per-transaction lock calls. A 64 MiB
 * page cache (an upper bound; it grows only as used) keeps index pages of a 100k-row table in
 * memory: measured 3.5x faster bulk loads on OPFS than the default 2 MiB (docs/decisions.md).
 */
export const OPFS_PRAGMAS =
  'PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = TRUNCATE; PRAGMA cache_size = -65536;';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const hasSyncAccessHandles = (): boolean =>
  typeof FileSystemFileHandle !== 'undefined' &&
  'createSyncAccessHandle' in FileSystemFileHandle.prototype &&
  typeof navigator.storage?.getDirectory === 'function';

async function openOpfs(): Promise<SqlDb> {
  // The wasm (fetch, compile, instantiate) and the access handles are independent: start both.
  const wasm = import('wa-sqlite/dist/wa-sqlite.mjs').then(async ({ default: factory }) => {
    const module: unknown = await factory();
    performance.mark('db:wasm-ready');
    return { sqlite3: SQLite.Factory(module), module };
  });
  const { AccessHandlePoolVFS } = await import('wa-sqlite/src/examples/AccessHandlePoolVFS.js');
  let lastError: unknown;
  for (let attempt = 0; attempt < 40; attempt++) {
    const vfs = new AccessHandlePoolVFS(DIRECTORY);
    try {
      await vfs.isReady;
      performance.mark('db:vfs-ready');
      const { sqlite3, module } = await wasm;
      sqlite3.vfs_register(vfs as unknown as Parameters<typeof sqlite3.vfs_register>[0], true);
      const db = await sqlite3.open_v2(FILE);
      const wrapped = wrapConnection(sqlite3, db, module);
      await wrapped.exec(OPFS_PRAGMAS);
      performance.mark('db:opened');
      return wrapped;
    } catch (err) {
      lastError = err;
      await vfs.close().catch(() => undefined);
      await wasm; // a wasm that failed to load is not retried: it throws from here
      await sleep(150);
    }
  }
  throw new Error(`could not open the local database: ${String(lastError)}`);
}

async function openIdb(): Promise<SqlDb> {
  const [{ default: factory }, { IDBBatchAtomicVFS }] = await Promise.all([
    import('wa-sqlite/dist/wa-sqlite-async.mjs'),
    import('wa-sqlite/src/examples/IDBBatchAtomicVFS.js'),
  ]);
  const sqlite3 = SQLite.Factory(await factory());
  const vfs = new IDBBatchAtomicVFS('eco-track');
  sqlite3.vfs_register(vfs as unknown as Parameters<typeof sqlite3.vfs_register>[0], true);
  const db = wrapConnection(sqlite3, await sqlite3.open_v2(FILE));
  await db.exec('PRAGMA cache_size = -65536;');
  return db;
}

async function openMemory(): Promise<SqlDb> {
  const { default: factory } = await import('wa-sqlite/dist/wa-sqlite.mjs');
  const module: unknown = await factory();
  const sqlite3 = SQLite.Factory(module);
  return wrapConnection(sqlite3, await sqlite3.open_v2(':memory:'), module);
}

export async function openBrowserDb(prefer: StorageKind = 'opfs'): Promise<OpenedDb> {
  if (prefer === 'memory') return { db: await openMemory(), kind: 'memory' };
  if (prefer === 'opfs' && hasSyncAccessHandles()) return { db: await openOpfs(), kind: 'opfs' };
  return { db: await openIdb(), kind: 'idb' };
}
