/**
 * A small promise API over one wa-sqlite connection, the only way the worker touches SQLite.
 *
 * One connection serves every caller, and wa-sqlite's calls yield between steps, so two callers
 * could interleave statements inside each other's transactions. Every operation therefore runs
 * through one FIFO lock (per wasm module, see below); `transaction(fn)` holds it from BEGIN to COMMIT and hands `fn` a handle
 * that runs without re-locking (calling the outer db from inside `fn` would deadlock, as in
 * PGlite). Prepared statements are cached by SQL text: the replica applies thousands of rows with
 * the same statement, and re-preparing each time would cost more than the insert.
 */
import * as SQLite from 'wa-sqlite';
import { RowBinder, isSyncSqliteModule } from './row-binder.ts';

export type SqlValue = number | string | bigint | Uint8Array | null;
export type SqlRow = Record<string, SqlValue>;

/** What queries and writes can use; a transaction handle has the same surface. */
export interface SqlRunner {
  /** Rows as objects keyed by column name. */
  all<T = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row or undefined. */
  get<T = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs one statement; answers the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs one statement once per parameter row (bulk writes). */
  runMany(sql: string, rows: Iterable<readonly SqlValue[]>): Promise<void>;
  /** Runs a script of several statements without parameters (DDL). */
  exec(sql: string): Promise<void>;
}

export interface SqlDb extends SqlRunner {
  /** BEGIN IMMEDIATE … COMMIT around `fn`; ROLLBACK and rethrow if it throws. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

type SQLiteApi = ReturnType<typeof SQLite.Factory>;

/** A FIFO async mutex. */
class Lock {
  #tail: Promise<void> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn);
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

class Runner implements SqlRunner {
  readonly #stmts = new Map<string, number>();
  constructor(
    private readonly sqlite3: SQLiteApi,
    private readonly db: number,
    private readonly binder: RowBinder | null,
  ) {}

  async #prepare(sql: string): Promise<number> {
    const cached = this.#stmts.get(sql);
    if (cached !== undefined) return cached;
    const str = this.sqlite3.str_new(this.db, sql);
    try {
      const prepared = await this.sqlite3.prepare_v2(this.db, this.sqlite3.str_value(str));
      if (!prepared) throw new Error(`SQL has no statement: ${sql.slice(0, 80)}`);
      this.#stmts.set(sql, prepared.stmt);
      return prepared.stmt;
    } finally {
      this.sqlite3.str_finish(str);
    }
  }

  #bind(stmt: number, params: readonly SqlValue[]): void {
    for (let i = 0; i < params.length; i++) {
      const v = params[i];
      // wa-sqlite binds integral numbers with bind_int (32-bit); wider ones must go as doubles.
      if (typeof v === 'number' && Number.isInteger(v) && (v > 0x7fffffff || v < -0x80000000)) {
        this.sqlite3.bind_double(stmt, i + 1, v);
      } else {
        this.sqlite3.bind(stmt, i + 1, v ?? null);
      }
    }
  }

  async all<T = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const stmt = await this.#prepare(sql);
    const rows: T[] = [];
    try {
      this.#bind(stmt, params);
      let names: string[] | undefined;
      while ((await this.sqlite3.step(stmt)) === SQLite.SQLITE_ROW) {
        names ??= this.sqlite3.column_names(stmt);
        const values = this.sqlite3.row(stmt);
        const row: Record<string, unknown> = {};
        for (let i = 0; i < names.length; i++) row[names[i] as string] = values[i];
        rows.push(row as T);
      }
    } finally {
      await this.sqlite3.reset(stmt);
    }
    return rows;
  }

  async get<T = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const stmt = await this.#prepare(sql);
    try {
      this.#bind(stmt, params);
      await this.sqlite3.step(stmt);
    } finally {
      await this.sqlite3.reset(stmt);
    }
    return this.sqlite3.changes(this.db);
  }

  async runMany(sql: string, rows: Iterable<readonly SqlValue[]>): Promise<void> {
    const stmt = await this.#prepare(sql);
    if (this.binder) {
      for (const params of rows) await this.binder.runRow(stmt, params);
      return;
    }
    for (const params of rows) {
      try {
        this.#bind(stmt, params);
        await this.sqlite3.step(stmt);
      } finally {
        await this.sqlite3.reset(stmt);
      }
    }
  }

  async exec(sql: string): Promise<void> {
    await this.sqlite3.exec(this.db, sql);
  }

  async finalizeAll(): Promise<void> {
    for (const stmt of this.#stmts.values()) await this.sqlite3.finalize(stmt);
    this.#stmts.clear();
    this.binder?.dispose();
  }
}

/**
 * Wraps an open wa-sqlite connection. `syncModule`: the module of the synchronous build it was
 * opened with, for bulk binding (row-binder.ts); never the asyncified build's.
 */
// wa-sqlite keeps scratch memory per module (e.g. prepare_v2's out-pointers, read after an await),
// so connections sharing one module must not interleave either: one lock per module.
const moduleLocks = new WeakMap<SQLiteApi, Lock>();

export function wrapConnection(sqlite3: SQLiteApi, db: number, syncModule?: unknown): SqlDb {
  let lock = moduleLocks.get(sqlite3);
  if (!lock) moduleLocks.set(sqlite3, (lock = new Lock()));
  const moduleLock = lock;
  const binder = isSyncSqliteModule(syncModule) ? new RowBinder(syncModule, sqlite3) : null;
  const runner = new Runner(sqlite3, db, binder);
  let closed = false;
  // After close the connection's memory may belong to another database: refuse, never touch it.
  const guarded = <T>(fn: () => Promise<T>): Promise<T> =>
    moduleLock.run(() => (closed ? Promise.reject(new Error('the database is closed')) : fn()));
  return {
    all: (sql, params) => guarded(() => runner.all(sql, params)),
    get: (sql, params) => guarded(() => runner.get(sql, params)),
    run: (sql, params) => guarded(() => runner.run(sql, params)),
    runMany: (sql, rows) => guarded(() => runner.runMany(sql, rows)),
    exec: (sql) => guarded(() => runner.exec(sql)),
    transaction: (fn) =>
      guarded(async () => {
        await runner.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(runner);
          await runner.exec('COMMIT');
          return result;
        } catch (err) {
          if (!sqlite3.get_autocommit(db)) await runner.exec('ROLLBACK');
          throw err;
        }
      }),
    close: () =>
      guarded(async () => {
        closed = true;
        await runner.finalizeAll();
        await sqlite3.close(db);
      }),
  };
}
