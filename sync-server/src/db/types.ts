/**
 * The small database interface every server module uses. Two implementations sit behind it:
 * embedded PGlite (in-process, one session, serialised) and postgres.js against a real Postgres.
 * Both return the same JavaScript types (see value-types.ts), so no caller knows which it has.
 *
 * Rule that keeps both modes correct: inside `transaction(fn)` use only the `tx` handle. PGlite
 * serialises everything, so a query on the outer handle while a transaction is open would wait
 * for that transaction forever.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  /** One parameterised statement. Cast parameters in SQL where a type could be ambiguous. */
  query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements without parameters (migrations, DDL). */
  exec(text: string): Promise<void>;
}

export type DbKind = 'pglite' | 'postgres';

export interface Db extends Queryable {
  readonly kind: DbKind;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Subscribes to NOTIFY on `channel` (in-process for PGlite, LISTEN for Postgres, so several
   * server processes on one Postgres hear each other). Resolves to an unsubscribe function.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Sends a notification; inside a transaction use `SELECT pg_notify(...)` on the tx instead. */
  notify(channel: string, payload: string): Promise<void>;
  /** Closes cleanly: for PGlite this flushes and shuts down the embedded cluster. */
  close(): Promise<void>;
}
