/**
 * Opens an in-memory wa-sqlite database in Node for unit tests. The emscripten glue would fetch
 * the wasm over file:// (unsupported in Node), so the bytes are read and passed in
 * (toolchain.md §3). The wasm module is compiled once per test file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as SQLite from 'wa-sqlite';
import SQLiteESMFactory from 'wa-sqlite/dist/wa-sqlite.mjs';
import { wrapConnection, type SqlDb } from '../db/sql-db.ts';

let api: Promise<{ sqlite3: ReturnType<typeof SQLite.Factory>; module: unknown }> | undefined;

function sqliteApi() {
  api ??= (async () => {
    const wasmBinary = readFileSync(
      createRequire(import.meta.url).resolve('wa-sqlite/dist/wa-sqlite.wasm'),
    );
    const module: unknown = await SQLiteESMFactory({ wasmBinary });
    return { sqlite3: SQLite.Factory(module), module };
  })();
  return api;
}

/** A fresh, empty in-memory database. */
export async function openMemoryDb(): Promise<SqlDb> {
  const { sqlite3, module } = await sqliteApi();
  const db = await sqlite3.open_v2(':memory:');
  return wrapConnection(sqlite3, db, module);
}
