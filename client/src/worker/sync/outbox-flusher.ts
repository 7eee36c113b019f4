/**
 * Runs the outbox machine (outbox-machine.ts): performs its effects against the injected
 * environment and feeds the outcomes back as events. One send at a time; every send and timer
 * carries a generation number, and outcomes of a superseded one (aborted on going offline,
 * stopped) are dropped, so a late answer can never move the machine.
 *
 * A send takes the oldest pending entries, POSTs them, and records the answer in one SQLite
 * transaction: applied → acked with the txid; rejected → moved to _rejected and the row's overlay
 * rebuilt. A batch refused as a whole (4xx) is split: entries then go one by one, and a single
 * refused entry is rejected with the server's detail, so one bad write cannot block the queue.
 */
import type { SqlDb } from '../db/sql-db.ts';
import { rebaseRow, type Writers } from '../store/local-writes.ts';
import {
  markAcked,
  pendingMutations,
  recordRejection,
  shapeMarks,
  type OutboxEntry,
} from '../store/outbox.ts';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import type { AuthSource, OnlineSignal, TimerHandle, Timers } from './env.ts';
import type { MutationTransport } from './mutation-transport.ts';
import {
  outboxTransition,
  type OutboxEffect,
  type OutboxEvent,
  type OutboxState,
} from './outbox-machine.ts';

export interface OutboxFlusherDeps {
  db: SqlDb;
  transport: MutationTransport;
  auth: AuthSource;
  writers: Writers;
  timers: Timers;
  now: () => number;
  random: () => number;
  online: OnlineSignal;
  backoff?: BackoffPolicy;
  batchSize?: number;
  /** Tables of mutations the server just applied. */
  onAcked?: (tables: readonly string[]) => void;
  /** Tables whose merged view changed (rejections rebuild overlays). */
  onTablesChanged?: (tables: readonly string[]) => void;
  /** Any state change, and after every recorded answer (pending count may have changed). */
  onChange?: () => void;
  onError?: (message: string | null) => void;
}

export class OutboxFlusher {
  #state: OutboxState = { kind: 'stopped' };
  #gen = 0;
  #timer: TimerHandle | undefined;
  #abort: AbortController | undefined;
  #single = false;
  #unsubscribeOnline: (() => void) | undefined;
  #idle: Promise<void> = Promise.resolve();
  readonly #deps: OutboxFlusherDeps;

  constructor(deps: OutboxFlusherDeps) {
    this.#deps = deps;
  }

  get state(): OutboxState {
    return this.#state;
  }

  start(): void {
    this.#unsubscribeOnline ??= this.#deps.online.subscribe((on) =>
      this.dispatch({ type: on ? 'online' : 'offline' }),
    );
    this.dispatch({ type: 'start', online: this.#deps.online.isOnline() });
  }

  stop(): void {
    this.#unsubscribeOnline?.();
    this.#unsubscribeOnline = undefined;
    this.dispatch({ type: 'stop' });
  }

  /** A mutation was queued. */
  kick(): void {
    this.dispatch({ type: 'kick' });
  }

  /** Skip a backoff wait (the user pressed "sync now", or the connection came back). */
  retryNow(): void {
    this.dispatch({ type: 'retry_now' });
  }

  /** Resolves when the current send (if any) has been recorded; for tests and shutdown. */
  settled(): Promise<void> {
    return this.#idle;
  }

  dispatch(event: OutboxEvent): void {
    const { state, effects } = outboxTransition(this.#state, event, {
      now: this.#deps.now(),
      random: this.#deps.random,
      backoff: this.#deps.backoff ?? DEFAULT_BACKOFF,
    });
    const changed = state !== this.#state;
    this.#state = state;
    for (const effect of effects) this.#run(effect);
    if (changed) this.#deps.onChange?.();
  }

  #run(effect: OutboxEffect): void {
    switch (effect.type) {
      case 'send': {
        const gen = ++this.#gen;
        const abort = (this.#abort = new AbortController());
        this.#idle = this.#sendOnce(abort.signal).then(
          (event) => {
            if (gen === this.#gen && !abort.signal.aborted) this.dispatch(event);
          },
          (err: unknown) => {
            if (gen !== this.#gen || abort.signal.aborted) return;
            this.#deps.onError?.(`could not record the server's answer: ${(err as Error).message}`);
            this.dispatch({ type: 'failed' });
          },
        );
        return;
      }
      case 'schedule': {
        const gen = this.#gen;
        this.#clearTimer();
        this.#timer = this.#deps.timers.setTimeout(() => {
          this.#timer = undefined;
          if (gen === this.#gen) this.dispatch({ type: 'timer' });
        }, effect.ms);
        return;
      }
      case 'cancel_timer':
        this.#clearTimer();
        return;
      case 'abort':
        this.#gen++;
        this.#abort?.abort();
        this.#abort = undefined;
        return;
      case 'refresh': {
        const gen = this.#gen;
        void this.#deps.auth.refresh().then(
          (r) => {
            if (gen !== this.#gen) return;
            this.dispatch({
              type: r === 'ok' ? 'auth_ok' : r === 'lost' ? 'auth_lost' : 'auth_unavailable',
            });
          },
          () => {
            if (gen === this.#gen) this.dispatch({ type: 'auth_unavailable' });
          },
        );
        return;
      }
    }
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#deps.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #sendOnce(signal: AbortSignal): Promise<OutboxEvent> {
    const { db, transport, auth } = this.#deps;
    const limit = this.#single ? 1 : (this.#deps.batchSize ?? 200);
    const entries = await pendingMutations(db, limit);
    if (entries.length === 0) {
      this.#single = false;
      return { type: 'sent', more: false };
    }
    const token = auth.token();
    if (!token) return { type: 'unauthorized' };
    const outcome = await transport.send(entries, token, signal);
    if (signal.aborted) return { type: 'failed' };
    switch (outcome.kind) {
      case 'ok': {
        const byId = new Map(outcome.response.results.map((r) => [r.mutation_id, r]));
        if (!entries.some((e) => byId.has(e.mutation_id))) {
          this.#deps.onError?.('the server answered none of the mutations sent');
          return { type: 'failed' };
        }
        await this.#record(entries, (e) => {
          const r = byId.get(e.mutation_id);
          if (!r) return undefined;
          return r.status === 'applied'
            ? { applied: true, txid: outcome.response.txid }
            : { applied: false, detail: r.detail ?? 'refused by the server' };
        });
        this.#deps.onError?.(null);
        // Results missing for some entries leave them pending: they go again (idempotent).
        return { type: 'sent', more: true };
      }
      case 'unauthorized':
        return { type: 'unauthorized' };
      case 'retry':
        this.#deps.onError?.(outcome.error);
        return {
          type: 'failed',
          ...(outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}),
        };
      case 'refused': {
        if (entries.length > 1) {
          this.#single = true; // find the culprit: one at a time
          return { type: 'sent', more: true };
        }
        const detail = outcome.detail;
        await this.#record(entries, () => ({ applied: false, detail }));
        return { type: 'sent', more: true };
      }
    }
  }

  async #record(
    entries: readonly OutboxEntry[],
    verdict: (
      e: OutboxEntry,
    ) => { applied: true; txid: number } | { applied: false; detail: string } | undefined,
  ): Promise<void> {
    const now = new Date(this.#deps.now()).toISOString();
    const touched = new Set<string>();
    const acked = new Set<string>();
    await this.#deps.db.transaction(async (tx) => {
      const marks = await shapeMarks(tx);
      for (const e of entries) {
        const v = verdict(e);
        if (!v) continue;
        if (v.applied) {
          await markAcked(tx, [e.mutation_id], v.txid, marks);
          acked.add(e.table);
          for (const t of this.#deps.writers.get(e.table)?.touches ?? []) acked.add(t);
        } else {
          await recordRejection(tx, e, v.detail, now);
          for (const t of await rebaseRow(tx, this.#deps.writers, e.table, e.row_id))
            touched.add(t);
        }
      }
    });
    if (touched.size) this.#deps.onTablesChanged?.([...touched]);
    if (acked.size) this.#deps.onAcked?.([...acked]);
    this.#deps.onChange?.();
  }
}
