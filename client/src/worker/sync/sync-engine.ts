/**
 * Runs the sync: one ShapeConsumer per synced table (read path) and the OutboxFlusher (write
 * path), steered by the sync machine (sync-machine.ts) from the session, the online signal and
 * the streams' progress. Everything external comes in through `SyncEngineDeps`.
 */
import type { BackoffOptions } from '@electric-sql/client';
import type { ReplicaTable } from '@eco-track/shared-schema';
import type { Writers } from '../store/local-writes.ts';
import { collectSettled } from '../store/outbox.ts';
import type { BatchOutcome } from '../store/shape-apply.ts';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import type { AuthSource, SyncEnv, TimerHandle } from './env.ts';
import { httpMutationTransport, type MutationTransport } from './mutation-transport.ts';
import { OutboxFlusher } from './outbox-flusher.ts';
import { ShapeConsumer, type ShapeConsumerState } from './shape-consumer.ts';
import { syncProgress, type SyncProgress } from './sync-progress.ts';
import {
  INITIAL_SYNC_STATE,
  syncTransition,
  type SyncEffect,
  type SyncEvent,
  type SyncMachineState,
} from './sync-machine.ts';

export interface SyncEngineDeps extends SyncEnv {
  tables: readonly ReplicaTable[];
  writers: Writers;
  baseUrl: string;
  auth: AuthSource;
  transport?: MutationTransport;
  backoff?: BackoffPolicy;
  /** Passed to each ShapeStream (its own retry of network errors and 5xx). */
  streamBackoff?: BackoffOptions;
  batchSize?: number;
  /** Catch-up interval of the tables that do not long-poll (ms). */
  pollIntervalMs?: number;
  /** Longest wait of the public catalogues for the user's own rows (ms; see #startStreams). */
  catalogueWaitMs?: number;
  /** Merged views of these tables may have changed (synced rows or overlays). */
  onTablesChanged: (tables: readonly string[]) => void;
  /** The status (state, errors, pending) may have changed. */
  onStatusChanged: () => void;
}

/** How often tables that do not long-poll catch up. */
export const DEFAULT_POLL_MS = 30_000;

/** The catalogues start after this long even if an own table has not synced (it may be failing). */
export const DEFAULT_CATALOGUE_WAIT_MS = 10_000;

export interface EngineStatus extends SyncProgress {
  state: SyncMachineState['name'];
  online: boolean;
  syncing: boolean;
  lastSyncedAt: string | null;
  lastError: string | null;
  retryAt: string | null;
  outbox: OutboxFlusher['state']['kind'];
}

export class SyncEngine {
  #state: SyncMachineState = INITIAL_SYNC_STATE;
  readonly #consumers: ShapeConsumer[];
  readonly #flusher: OutboxFlusher;
  readonly #deps: SyncEngineDeps;
  #retryTimer: TimerHandle | undefined;
  #initialDone = new Set<string>();
  #streaming = false;
  #cataloguesStarted = false;
  #catalogueTimer: TimerHandle | undefined;
  #lastSyncedAt: string | null = null;
  #streamError: string | null = null;
  #outboxError: string | null = null;
  #unsubscribeOnline: (() => void) | undefined;

  constructor(deps: SyncEngineDeps) {
    this.#deps = deps;
    this.#consumers = deps.tables.map(
      (table) =>
        new ShapeConsumer({
          db: deps.db,
          table,
          baseUrl: deps.baseUrl,
          fetch: deps.fetch,
          auth: deps.auth,
          now: deps.now,
          ...(deps.streamBackoff ? { backoffOptions: deps.streamBackoff } : {}),
          timers: deps.timers,
          ...(table.live ? {} : { pollIntervalMs: deps.pollIntervalMs ?? DEFAULT_POLL_MS }),
          onBatch: (t, outcome) => void this.#onBatch(t, outcome),
          onState: (t, state, error) => this.#onConsumerState(t, state, error),
        }),
    );
    this.#flusher = new OutboxFlusher({
      db: deps.db,
      transport:
        deps.transport ??
        httpMutationTransport({ fetch: deps.fetch, now: deps.now, baseUrl: deps.baseUrl }),
      auth: deps.auth,
      writers: deps.writers,
      timers: deps.timers,
      now: deps.now,
      random: deps.random,
      online: deps.online,
      ...(deps.backoff ? { backoff: deps.backoff } : {}),
      ...(deps.batchSize ? { batchSize: deps.batchSize } : {}),
      onTablesChanged: deps.onTablesChanged,
      // A polled table's write was acknowledged: fetch it now so its txid settles the overlay.
      onAcked: (tables) => {
        for (const c of this.#consumers) if (tables.includes(c.table.name)) c.poke();
      },
      onChange: () => {
        if (this.#flusher.state.kind === 'needs_login') this.#dispatch({ type: 'auth_lost' });
        deps.onStatusChanged();
      },
      onError: (message) => {
        this.#outboxError = message;
        deps.onStatusChanged();
      },
    });
  }

  get flusher(): OutboxFlusher {
    return this.#flusher;
  }

  /** Starts syncing (a session is available). */
  async start(): Promise<void> {
    const rows = await this.#deps.db.all<{ shape: string; last: string | null }>(
      'SELECT shape, last_synced_at AS last FROM _shapes WHERE initial_done = 1',
    );
    this.#initialDone = new Set(rows.map((r) => r.shape));
    this.#lastSyncedAt = rows.reduce<string | null>(
      (max, r) => (r.last && (!max || r.last > max) ? r.last : max),
      null,
    );
    this.#unsubscribeOnline ??= this.#deps.online.subscribe((online) =>
      this.#dispatch(
        online
          ? { type: 'went_online', initialDone: this.#progress().initialSyncDone }
          : { type: 'went_offline' },
      ),
    );
    this.#dispatch({
      type: 'session_started',
      online: this.#deps.online.isOnline(),
      initialDone: this.#progress().initialSyncDone,
    });
  }

  /** Stops syncing (signed out); local data stays. */
  stop(): void {
    this.#unsubscribeOnline?.();
    this.#unsubscribeOnline = undefined;
    this.#dispatch({ type: 'session_ended' });
  }

  /** A local write was queued. */
  kick(): void {
    this.#flusher.kick();
  }

  /** Skip waits now: the outbox's backoff and the streams'. */
  syncNow(): void {
    this.#flusher.retryNow();
    this.#dispatch({ type: 'retry_now', initialDone: this.#progress().initialSyncDone });
  }

  status(): EngineStatus {
    const s = this.#state.name;
    const outbox = this.#flusher.state.kind;
    return {
      state: s,
      online: this.#deps.online.isOnline(),
      syncing:
        s === 'connecting' || s === 'initial_sync' || s === 'catching_up' || outbox === 'sending',
      lastSyncedAt: this.#lastSyncedAt,
      lastError: this.#streamError ?? this.#outboxError,
      retryAt: this.#state.retryAt ? new Date(this.#state.retryAt).toISOString() : null,
      ...this.#progress(),
      outbox,
    };
  }

  #progress(): SyncProgress {
    return syncProgress(this.#deps.tables, this.#initialDone);
  }

  /**
   * The user's own tables start at once; the public catalogues once every own table has synced
   * (on a device that synced before: at once), or after `catalogueWaitMs` whatever happens. On a
   * first sync they would otherwise share the server, the browser's six connections per server
   * and this worker with the user's rows: ~5 MB of emission factors that the device does not
   * calculate with (its factor library is bundled).
   */
  #startStreams(): void {
    this.#streaming = true;
    this.#cataloguesStarted = false;
    for (const c of this.#consumers) if (!c.table.catalogue) void c.start();
    this.#startCatalogues(false);
    if (this.#cataloguesStarted) return;
    this.#clearCatalogueTimer();
    this.#catalogueTimer = this.#deps.timers.setTimeout(() => {
      this.#catalogueTimer = undefined;
      this.#startCatalogues(true);
    }, this.#deps.catalogueWaitMs ?? DEFAULT_CATALOGUE_WAIT_MS);
  }

  #startCatalogues(waited: boolean): void {
    if (!this.#streaming || this.#cataloguesStarted || !(waited || this.#progress().ownDataSynced))
      return;
    this.#cataloguesStarted = true;
    this.#clearCatalogueTimer();
    for (const c of this.#consumers) if (c.table.catalogue) void c.start();
  }

  #stopStreams(): void {
    this.#streaming = false;
    this.#clearCatalogueTimer();
    for (const c of this.#consumers) c.stop();
  }

  #clearCatalogueTimer(): void {
    if (this.#catalogueTimer !== undefined) this.#deps.timers.clearTimeout(this.#catalogueTimer);
    this.#catalogueTimer = undefined;
  }

  #dispatch(event: SyncEvent): void {
    const { state, effects } = syncTransition(this.#state, event, {
      now: this.#deps.now(),
      random: this.#deps.random,
      backoff: this.#deps.backoff ?? DEFAULT_BACKOFF,
    });
    const changed = state !== this.#state;
    this.#state = state;
    for (const e of effects) this.#run(e);
    if (changed) this.#deps.onStatusChanged();
  }

  #run(effect: SyncEffect): void {
    switch (effect.type) {
      case 'start_streams':
        this.#startStreams();
        return;
      case 'stop_streams':
        this.#stopStreams();
        return;
      case 'start_outbox':
        this.#flusher.start();
        return;
      case 'stop_outbox':
        this.#flusher.stop();
        return;
      case 'schedule_retry':
        this.#cancelRetry();
        this.#retryTimer = this.#deps.timers.setTimeout(() => {
          this.#retryTimer = undefined;
          this.#dispatch({ type: 'retry_due', initialDone: this.#progress().initialSyncDone });
        }, effect.ms);
        return;
      case 'cancel_retry':
        this.#cancelRetry();
        return;
    }
  }

  #cancelRetry(): void {
    if (this.#retryTimer !== undefined) this.#deps.timers.clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }

  async #onBatch(table: ReplicaTable, outcome: BatchOutcome): Promise<void> {
    if (outcome.changedRows || outcome.overlayChanged) this.#deps.onTablesChanged([table.name]);
    if (outcome.upToDate) {
      this.#initialDone.add(table.name);
      this.#startCatalogues(false);
      this.#lastSyncedAt = new Date(this.#deps.now()).toISOString();
      this.#streamError = null;
      await this.#deps.db.transaction((tx) =>
        collectSettled(
          tx,
          this.#deps.tables.map((t) => t.name),
        ),
      );
    }
    this.#dispatch({
      type: 'progress',
      progress: {
        allUpToDate: this.#consumers.every((c) => c.state === 'live'),
        initialDone: this.#progress().initialSyncDone,
      },
    });
    this.#deps.onStatusChanged();
  }

  #onConsumerState(_table: ReplicaTable, state: ShapeConsumerState, error?: string): void {
    if (state === 'failed') {
      this.#streamError = error ?? 'the sync stream failed';
      this.#dispatch({ type: 'stream_failed' });
    } else if (state === 'needs_login') {
      this.#dispatch({ type: 'auth_lost' });
    }
  }
}
