/**
 * Bulk binding for the synchronous wa-sqlite build: a row's values go straight to SQLite's
 * exports, strings encoded into one reusable scratch buffer (SQLITE_TRANSIENT: SQLite copies them
 * at once). wa-sqlite's own `bind` checks the statement twice, goes through `cwrap` and mallocs
 * and frees every string: 10k rows of 17 columns bind and insert in 48–52 ms in Chromium that
 * way, in 29–30 ms this way (docs/decisions.md). Only for the synchronous build, whose step
 * never suspends: the asyncified build (IndexedDB) keeps the API path.
 *
 * Anything unusual (a bigint out of double range, bytes) and every error go through the API, so
 * errors are wa-sqlite's own `SQLiteError`s with SQLite's message.
 */
import * as SQLite from 'wa-sqlite';
import type { SqlValue } from './sql-db.ts';

/** The raw exports of the synchronous wa-sqlite module this uses. */
export interface SyncSqliteModule {
  HEAPU8: Uint8Array;
  _sqlite3_malloc(bytes: number): number;
  _sqlite3_free(ptr: number): void;
  _sqlite3_bind_text(stmt: number, i: number, ptr: number, bytes: number, dtor: number): number;
  _sqlite3_bind_int(stmt: number, i: number, value: number): number;
  _sqlite3_bind_double(stmt: number, i: number, value: number): number;
  _sqlite3_bind_null(stmt: number, i: number): number;
  _sqlite3_step(stmt: number): number;
  _sqlite3_reset(stmt: number): number;
}

const EXPORTS = [
  '_sqlite3_malloc',
  '_sqlite3_free',
  '_sqlite3_bind_text',
  '_sqlite3_bind_int',
  '_sqlite3_bind_double',
  '_sqlite3_bind_null',
  '_sqlite3_step',
  '_sqlite3_reset',
] as const;

export function isSyncSqliteModule(m: unknown): m is SyncSqliteModule {
  const o = m as Record<string, unknown> | null;
  return !!o && o.HEAPU8 instanceof Uint8Array && EXPORTS.every((k) => typeof o[k] === 'function');
}

/** SQLite's "copy the bytes now" destructor. */
const SQLITE_TRANSIENT = -1;
const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

type SQLiteApi = ReturnType<typeof SQLite.Factory>;

export class RowBinder {
  readonly #encoder = new TextEncoder();
  #buf = 0;
  #cap = 0;

  constructor(
    private readonly m: SyncSqliteModule,
    private readonly api: SQLiteApi,
  ) {}

  /** Binds `params` to `stmt`, steps it once and resets it; throws SQLite's error. */
  async runRow(stmt: number, params: readonly SqlValue[]): Promise<void> {
    const m = this.m;
    let need = 0;
    for (const v of params) if (typeof v === 'string') need += v.length * 3;
    if (need > this.#cap) this.#grow(need);
    let off = this.#buf;
    for (let i = 0; i < params.length; i++) {
      const v = params[i] ?? null;
      const col = i + 1;
      let rc: number;
      if (typeof v === 'string') {
        const written = this.#writeUtf8(v, off);
        rc = m._sqlite3_bind_text(stmt, col, off, written, SQLITE_TRANSIENT);
        off += written;
      } else if (typeof v === 'number') {
        rc =
          Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX
            ? m._sqlite3_bind_int(stmt, col, v)
            : m._sqlite3_bind_double(stmt, col, v);
      } else if (v === null) {
        rc = m._sqlite3_bind_null(stmt, col);
      } else {
        rc = this.api.bind(stmt, col, v);
      }
      if (rc !== SQLite.SQLITE_OK) {
        await this.api.reset(stmt);
        throw new SQLite.SQLiteError(`could not bind parameter ${col}`, rc);
      }
    }
    const rc = m._sqlite3_step(stmt);
    if (rc === SQLite.SQLITE_DONE || rc === SQLite.SQLITE_ROW) {
      m._sqlite3_reset(stmt);
      return;
    }
    // The API's reset answers the step's error as wa-sqlite's SQLiteError, with SQLite's message.
    await this.api.reset(stmt);
    throw new SQLite.SQLiteError(`step failed (${rc})`, rc);
  }

  /**
   * Writes `v` as UTF-8 at `at` (room for 3 bytes per UTF-16 unit is reserved); answers the bytes
   * written. ASCII is copied by hand: a `TextEncoder.encodeInto` call per short string cost more
   * in Chromium than the API path it replaces (10k rows: 79 vs 29 ms).
   */
  #writeUtf8(v: string, at: number): number {
    const heap = this.m.HEAPU8;
    const n = v.length;
    for (let k = 0; k < n; k++) {
      const c = v.charCodeAt(k);
      if (c >= 0x80)
        return this.#encoder.encodeInto(v, heap.subarray(at, this.#buf + this.#cap)).written;
      heap[at + k] = c;
    }
    return n;
  }

  #grow(bytes: number): void {
    if (this.#buf) this.m._sqlite3_free(this.#buf);
    this.#cap = Math.max(bytes, this.#cap * 2, 4096);
    this.#buf = this.m._sqlite3_malloc(this.#cap);
    if (!this.#buf) {
      this.#cap = 0;
      throw new SQLite.SQLiteError('out of memory', SQLite.SQLITE_NOMEM);
    }
  }

  dispose(): void {
    if (this.#buf) this.m._sqlite3_free(this.#buf);
    this.#buf = 0;
    this.#cap = 0;
  }
}
