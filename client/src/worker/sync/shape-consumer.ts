/**
 * Keeps one table's replica in step with its shape: one `ShapeStream` (the unmodified
 * @electric-sql/client), resumed from the offset and handle stored with the last applied batch.
 *
 *   stopped ─start→ connecting ─first batch→ syncing ─up-to-date→ live ─batch w/o up-to-date→ syncing
 *      any ─stop→ stopped        any ─401 & refresh refused→ needs_login
 *      any ─other refusal (4xx), or a batch that could not be stored→ failed (the engine restarts it)
 *
 * Live or polled. A browser opens at most 6 HTTP/1.1 connections per server, shared by all tabs,
 * and every live shape holds one for up to 20 s; with a stream per table the outbox's POST and
 * the app's own requests would queue behind them. So only the tables a user edits and watches
 * (activities, emissions, goals) long-poll; the others catch up with a short non-live request
 * every `pollIntervalMs`, and at once when `poke()`d (e.g. after one of their writes was acked,
 * so its txid comes back promptly).
 *
 * Each response's messages are applied in ONE SQLite transaction together with the stream's new
 * offset and handle (shape-apply.ts). Bodies are decoded by shape-body.ts (the client's parser
 * costs 3–4x more per row) and put back together before the apply. The client swallows errors thrown by subscribers and would
 * carry on past a batch we failed to store, so a failed apply aborts the stream instead: the next
 * start resumes from the last stored offset and nothing is skipped.
 */
import {
  FetchError,
  ShapeStream,
  type BackoffOptions,
  type Message,
  type Row,
} from '@electric-sql/client';
import { SHAPE_PATH, SQLITE_SHAPE_PARSER, type ReplicaTable } from '@eco-track/shared-schema';
import type { SqlDb } from '../db/sql-db.ts';
import { applyShapeBatch, readShapeCursor, type BatchOutcome } from '../store/shape-apply.ts';
import type { AuthSource, TimerHandle, Timers } from './env.ts';
import { ShapeBodyDecoder } from './shape-body.ts';

export type ShapeConsumerState =
  'stopped' | 'connecting' | 'syncing' | 'live' | 'failed' | 'needs_login';

export interface ShapeConsumerDeps {
  db: SqlDb;
  table: ReplicaTable;
  baseUrl: string;
  fetch: typeof fetch;
  auth: AuthSource;
  now: () => number;
  backoffOptions?: BackoffOptions;
  timers: Timers;
  /** Poll instead of long-polling: catch up, then wait this long (ms) before the next catch-up. */
  pollIntervalMs?: number;
  /** After every stored batch. */
  onBatch: (table: ReplicaTable, outcome: BatchOutcome) => void;
  onState: (table: ReplicaTable, state: ShapeConsumerState, error?: string) => void;
}

export class ShapeConsumer {
  #state: ShapeConsumerState = 'stopped';
  #abort: AbortController | undefined;
  #stream: ShapeStream<Row<unknown>> | undefined;
  #pollTimer: TimerHandle | undefined;
  #running = false;
  readonly #bodies = new ShapeBodyDecoder(SQLITE_SHAPE_PARSER);
  readonly #deps: ShapeConsumerDeps;

  constructor(deps: ShapeConsumerDeps) {
    this.#deps = deps;
  }

  get state(): ShapeConsumerState {
    return this.#state;
  }

  get table(): ReplicaTable {
    return this.#deps.table;
  }

  #set(state: ShapeConsumerState, error?: string): void {
    if (state === this.#state && !error) return;
    this.#state = state;
    this.#deps.onState(this.#deps.table, state, error);
  }

  get polled(): boolean {
    return this.#deps.pollIntervalMs !== undefined;
  }

  /** Starts streaming (live) or the poll cycle (polled). */
  async start(): Promise<void> {
    this.#running = true;
    return this.#open();
  }

  /** A polled shape catches up now instead of at its next tick. */
  poke(): void {
    if (!this.#running || !this.polled || this.#abort) return;
    this.#clearPoll();
    void this.#open();
  }

  #clearPoll(): void {
    if (this.#pollTimer !== undefined) this.#deps.timers.clearTimeout(this.#pollTimer);
    this.#pollTimer = undefined;
  }

  async #open(): Promise<void> {
    if (this.#abort) return;
    const abort = (this.#abort = new AbortController());
    const { db, table, auth } = this.#deps;
    const cursor = await readShapeCursor(db, table.name);
    if (abort.signal.aborted) return;
    // A polled shape stays "live" between and during its catch-ups.
    if (this.#state === 'stopped' || this.#state === 'failed') this.#set('connecting');
    const stream = new ShapeStream<Row<unknown>>({
      url: new URL(SHAPE_PATH, this.#deps.baseUrl).toString(),
      params: { table: table.name },
      offset: cursor.offset as `${number}_${number}`,
      ...(cursor.handle ? { handle: cursor.handle } : {}),
      headers: { authorization: () => `Bearer ${auth.token() ?? ''}` },
      parser: SQLITE_SHAPE_PARSER,
      fetchClient: this.#bodies.wrap(this.#deps.fetch),
      signal: abort.signal,
      subscribe: !this.polled,
      ...(this.#deps.backoffOptions ? { backoffOptions: this.#deps.backoffOptions } : {}),
      onError: (err) => this.#onError(err, abort),
    });
    this.#stream = stream;
    stream.subscribe(
      (messages) => this.#apply(stream, messages, abort),
      (err) => {
        if (!abort.signal.aborted && this.#state !== 'needs_login') this.#fail(err.message, abort);
      },
    );
  }

  stop(): void {
    this.#running = false;
    this.#clearPoll();
    this.#closeStream();
    this.#set('stopped');
  }

  async #apply(
    stream: ShapeStream<Row<unknown>>,
    messages: Message<Row<unknown>>[],
    abort: AbortController,
  ): Promise<void> {
    if (abort.signal.aborted) return;
    const { db, table } = this.#deps;
    try {
      const batch = this.#bodies.expand(messages);
      const outcome = await db.transaction((tx) =>
        applyShapeBatch(
          tx,
          table,
          batch,
          { offset: stream.lastOffset, handle: stream.shapeHandle ?? null },
          new Date(this.#deps.now()).toISOString(),
        ),
      );
      if (abort.signal.aborted) return;
      this.#set(outcome.upToDate ? 'live' : 'syncing');
      this.#deps.onBatch(table, outcome);
      if (outcome.upToDate && this.polled) this.#endPoll(abort);
    } catch (err) {
      this.#fail(`could not store a batch of ${table.name}: ${(err as Error).message}`, abort);
    }
  }

  /** Ends the current stream: its request, its subscription and the bodies it left decoded. */
  #closeStream(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#stream?.unsubscribeAll();
    this.#stream = undefined;
    this.#bodies.clear();
  }

  /** A polled catch-up reached the head: close the stream and come back later. */
  #endPoll(abort: AbortController): void {
    if (abort !== this.#abort) return;
    this.#closeStream();
    if (!this.#running) return;
    this.#pollTimer = this.#deps.timers.setTimeout(() => {
      this.#pollTimer = undefined;
      void this.#open();
    }, this.#deps.pollIntervalMs ?? 30_000);
  }

  #fail(message: string, abort: AbortController): void {
    if (abort !== this.#abort) return;
    this.#closeStream();
    this.#set('failed', message);
  }

  async #onError(
    err: Error,
    abort: AbortController,
  ): Promise<{ headers?: Record<string, string> } | void> {
    if (abort.signal.aborted) return;
    if (err instanceof FetchError && (err.status === 401 || err.status === 403)) {
      if (err.status === 401) {
        const r = await this.#deps.auth.refresh().catch(() => 'unavailable' as const);
        if (r === 'ok' || r === 'unavailable') return {}; // retry; the header function reads the new token
        this.#abort = undefined;
        this.#set('needs_login', 'the session expired; log in again');
        return;
      }
    }
    // Anything else the client did not retry itself (a 4xx, broken headers): give up this stream;
    // the engine restarts it from the stored offset after a backoff.
    const detail = err instanceof FetchError ? `HTTP ${err.status}: ${err.message}` : err.message;
    queueMicrotask(() => this.#fail(detail, abort));
  }
}
