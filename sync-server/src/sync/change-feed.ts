/**
 * The change feed of one server process: it publishes captured changes, follows the log head,
 * caches recent entries and wakes the long-polls they concern.
 *
 *   trigger NOTIFY eco_sync_changes ─► kick() ─► publish() ─► NOTIFY eco_sync_log (every process)
 *   eco_sync_log / own publish ─► advance(head) ─► fetch new entries once ─► cache ─► wake waiters
 *
 * Notifications are hints: a slow safety poll publishes and follows the head even if one is lost
 * (a dropped LISTEN connection, say). On PGlite `listen` hears the in-process NOTIFYs; on Postgres
 * it is a real LISTEN, which is how several server processes on one database wake each other.
 */
import type { SyncedTable } from '@eco-track/shared-schema';
import type { Db } from '../db/types.ts';
import type { Logger } from '../logger.ts';
import type { ClientGone } from './client-gone.ts';
import { entryOpFor, type LogEntry, type ShapeScope } from './log-entry.ts';
import {
  CHANGES_CHANNEL,
  COMPACTED_CHANNEL,
  LOG_CHANNEL,
  hasUnpublished,
  publish,
  readLogState,
  type LogState,
} from './publisher.ts';
import { LogCompactedError, readAllEntries, readLogRun, type LogRun } from './shape-reader.ts';

/** rotated: the table (or, for an organisation-scoped one, memberships) was truncated. */
export type WakeReason = 'data' | 'membership' | 'rotated' | 'timeout' | 'shutdown' | 'aborted';

interface Waiter {
  table: SyncedTable;
  scope: ShapeScope;
  /** Entries up to here were checked and none concerns this shape. */
  checkedThrough: number;
  /** When it times out (Date.now() ms). */
  deadline: number;
  wake(reason: WakeReason): void;
}

export interface ChangeFeedOptions {
  /** Safety poll for lost notifications. */
  pollMs?: number;
  /** Most entries kept in memory for fan-out. */
  maxCachedEntries?: number;
}

export interface WaitResult {
  reason: WakeReason;
  /** Highest position known to hold nothing for this shape. */
  checkedThrough: number;
}

/** A held long-poll may be answered this much before its timeout (see #armDeadlines). */
const DEADLINE_SLACK_MS = 20;

const isOrgScoped = (t: SyncedTable) =>
  t.visibility.kind === 'org' || t.visibility.kind === 'own_or_org';

/** The tables whose TRUNCATE ends a shape of `t`: itself, and memberships for org scopes. */
const rotatedBy = (t: SyncedTable, truncated: string) =>
  truncated === t.name || (truncated === 'memberships' && isOrgScoped(t));

export class ChangeFeed {
  #head = 0;
  #instanceId = '';
  #compactedThrough = 0;
  #membershipListeners = new Set<(userId: string) => void>();
  #truncateListeners = new Set<(table: string) => void>();
  /** The latest position of a TRUNCATE of each table, among the entries this feed has seen. */
  #truncatedAt = new Map<string, number>();
  /** The cache holds every entry with position in (#cacheFrom, #head]. */
  #cacheFrom = 0;
  #cache: LogEntry[] = [];
  #target = 0;
  #catchUp: Promise<void> = Promise.resolve();
  #publishing = false;
  #publishAgain = false;
  #started = false;
  #stopped = false;
  #waiters = new Set<Waiter>();
  #unlisten: (() => Promise<void>)[] = [];
  #timer: ReturnType<typeof setInterval> | undefined;
  #deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  /** When #deadlineTimer fires (Infinity: not armed). */
  #deadlineAt = Infinity;
  readonly #pollMs: number;
  readonly #maxCached: number;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    opts: ChangeFeedOptions = {},
  ) {
    this.#pollMs = opts.pollMs ?? 1000;
    this.#maxCached = opts.maxCachedEntries ?? 50_000;
  }

  get head(): number {
    return this.#head;
  }

  /** The log's state as this process last saw it (head: what it has fetched). */
  get state(): LogState {
    return {
      instanceId: this.#instanceId,
      head: this.#head,
      compactedThrough: this.#compactedThrough,
    };
  }

  /** Called with every user whose memberships changed, as the log shows them. */
  onMembershipChange(fn: (userId: string) => void): void {
    this.#membershipListeners.add(fn);
  }

  /** Called with every synced table the log shows truncated. */
  onTruncate(fn: (table: string) => void): void {
    this.#truncateListeners.add(fn);
  }

  /** Whether a TRUNCATE that ends shapes of `table` lies in (from, to]. */
  #rotatedWithin(table: SyncedTable, from: number, to: number): boolean {
    for (const [truncated, at] of this.#truncatedAt) {
      if (at > from && at <= to && rotatedBy(table, truncated)) return true;
    }
    return false;
  }

  /**
   * The log was compacted through `floor`: clients below it must re-sync, so the memory of
   * entries below it goes too (a reader must not be served what the database no longer has).
   */
  #compacted(floor: number): void {
    if (floor <= this.#compactedThrough) return;
    this.#compactedThrough = floor;
    if (floor > this.#cacheFrom) {
      this.#cache = this.#cache.filter((e) => e.position > floor);
      this.#cacheFrom = floor;
    }
  }

  /** Takes a state read from the database: follows its head, remembers its floor. */
  async observe(state: LogState): Promise<void> {
    this.#compacted(state.compactedThrough);
    if (state.head > this.#target) await this.advance(state.head);
    else await this.#catchUp;
  }

  get waiting(): number {
    return this.#waiters.size;
  }

  async start(): Promise<void> {
    const state = await readLogState(this.db);
    this.#head = this.#target = this.#cacheFrom = state.head;
    this.#instanceId = state.instanceId;
    this.#compactedThrough = state.compactedThrough;
    this.#started = true;
    this.#unlisten.push(await this.db.listen(CHANGES_CHANNEL, () => this.kick()));
    this.#unlisten.push(
      await this.db.listen(LOG_CHANNEL, (payload) => {
        const to = Number(payload);
        if (Number.isFinite(to)) void this.advance(to);
      }),
    );
    this.#unlisten.push(
      await this.db.listen(COMPACTED_CHANNEL, (payload) => {
        const floor = Number(payload);
        if (Number.isFinite(floor)) this.#compacted(floor);
      }),
    );
    this.#timer = setInterval(() => void this.#poll(), this.#pollMs);
    this.#timer.unref();
    this.kick(); // anything captured while no server was running
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    clearTimeout(this.#deadlineTimer);
    for (const w of [...this.#waiters]) w.wake('shutdown');
    for (const off of this.#unlisten) await off().catch(() => undefined);
    await this.#catchUp.catch(() => undefined);
  }

  /** Publishes soon; calls made while a round runs are coalesced into one more round. */
  kick(): void {
    if (this.#stopped || !this.#started) return;
    if (this.#publishing) {
      this.#publishAgain = true;
      return;
    }
    this.#publishing = true;
    void this.#runPublish();
  }

  /** Publishes now and resolves once the feed has followed the new head (tests, write path). */
  async flush(): Promise<void> {
    const round = await publish(this.db);
    await this.advance(round.to);
  }

  async #runPublish(): Promise<void> {
    try {
      do {
        this.#publishAgain = false;
        const round = await publish(this.db);
        if (round.to > this.#head) await this.advance(round.to);
      } while (this.#publishAgain && !this.#stopped);
    } catch (err) {
      if (!this.#stopped) this.logger.warn({ err }, 'sync publish failed; the poll will retry');
    } finally {
      this.#publishing = false;
    }
  }

  async #poll(): Promise<void> {
    if (this.#stopped) return;
    try {
      if (await hasUnpublished(this.db)) this.kick();
      await this.observe(await readLogState(this.db));
    } catch (err) {
      if (!this.#stopped) this.logger.warn({ err }, 'sync poll failed');
    }
  }

  /** Follows the head to `to`: fetches the new entries once and wakes whom they concern. */
  advance(to: number): Promise<void> {
    if (to <= this.#target) return this.#catchUp;
    this.#target = to;
    this.#catchUp = this.#catchUp.then(async () => {
      while (this.#head < this.#target && !this.#stopped) {
        const from = this.#head;
        const upTo = this.#target;
        try {
          const entries = await readAllEntries(this.db, from, upTo);
          this.#append(entries, upTo);
        } catch (err) {
          if (this.#stopped) return;
          this.logger.warn({ err }, 'sync feed could not read new entries');
          // Let every waiter re-read from the database rather than miss something.
          this.#cache = [];
          this.#cacheFrom = this.#head = upTo;
          for (const w of [...this.#waiters]) w.wake('data');
        }
      }
    });
    return this.#catchUp;
  }

  #append(entries: LogEntry[], to: number): void {
    this.#cache.push(...entries);
    this.#head = to;
    if (this.#cache.length > this.#maxCached) {
      // Drop whole transactions from the front.
      let cut = this.#cache.length - this.#maxCached;
      const pos = this.#cache[cut - 1]?.position ?? this.#cacheFrom;
      while (cut < this.#cache.length && this.#cache[cut]?.position === pos) cut++;
      this.#cache = this.#cache.slice(cut);
      this.#cacheFrom = pos;
    }
    if (entries.length === 0) return;
    const memberUsers = new Set<string>();
    const truncated = new Set<string>();
    for (const e of entries) {
      if (e.op === 'T') {
        truncated.add(e.table);
        this.#truncatedAt.set(e.table, e.position);
        continue;
      }
      if (e.table !== 'memberships') continue;
      if (e.userId) memberUsers.add(e.userId);
      if (e.oldUserId) memberUsers.add(e.oldUserId);
    }
    for (const u of memberUsers) for (const fn of this.#membershipListeners) fn(u);
    for (const t of truncated) for (const fn of this.#truncateListeners) fn(t);
    for (const w of [...this.#waiters]) {
      if ([...truncated].some((t) => rotatedBy(w.table, t))) {
        w.wake('rotated');
        continue;
      }
      if (w.scope.userId && memberUsers.has(w.scope.userId) && isOrgScoped(w.table)) {
        w.wake('membership');
        continue;
      }
      const after = w.checkedThrough;
      if (
        entries.some((e) => e.position > after && entryOpFor(w.table, w.scope, e) !== undefined)
      ) {
        w.wake('data');
      } else {
        w.checkedThrough = Math.max(after, to);
      }
    }
  }

  /** Cached entries in (from, to] when the cache covers that range; undefined otherwise. */
  #cached(from: number, to: number): LogEntry[] | undefined {
    if (from < this.#cacheFrom || to > this.#head) return undefined;
    let lo = 0;
    let hi = this.#cache.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#cache[mid]?.position ?? 0) <= from) lo = mid + 1;
      else hi = mid;
    }
    const out: LogEntry[] = [];
    for (let i = lo; i < this.#cache.length; i++) {
      const e = this.#cache[i];
      if (!e || e.position > to) break;
      out.push(e);
    }
    return out;
  }

  /** Entries of a shape in (from, to], from memory when possible, else from the database. */
  async read(
    table: SyncedTable,
    scope: ShapeScope,
    from: number,
    to: number,
    limit: number,
  ): Promise<LogRun> {
    // A read across a TRUNCATE of the table: what the handle holds is gone, so, as after a
    // compaction, the client must re-sync (the route answers 409 must-refetch).
    if (this.#rotatedWithin(table, from, to)) throw new LogCompactedError();
    const cached = this.#cached(from, to);
    if (!cached) return readLogRun(this.db, table, scope, from, to, limit);
    const mine = cached.filter((e) => entryOpFor(table, scope, e) !== undefined);
    if (mine.length <= limit) return { entries: mine, through: to, complete: true };
    const cutAt = mine[limit]?.position ?? to;
    let whole = mine.filter((e) => e.position < cutAt);
    if (whole.length === 0) whole = mine.filter((e) => e.position === cutAt);
    const through = whole[whole.length - 1]?.position ?? to;
    return { entries: whole, through, complete: through >= to };
  }

  /**
   * Waits until an entry after `after` concerns the shape, the user's memberships change, the
   * table is truncated, the timeout passes, the feed stops (server shutdown: `shutdown` is checked
   * here, and stop() wakes every waiter) or the client goes away.
   *
   * A held long-poll costs one small waiter object: the timeouts of all of them share one timer
   * (see #armDeadlines) instead of a setTimeout each.
   */
  wait(
    table: SyncedTable,
    scope: ShapeScope,
    after: number,
    timeoutMs: number,
    shutdown: AbortSignal,
    client: ClientGone,
  ): Promise<WaitResult> {
    return new Promise((resolve) => {
      if (this.#stopped || shutdown.aborted) {
        resolve({ reason: 'shutdown', checkedThrough: after });
        return;
      }
      let stopWatching = () => {};
      const waiter: Waiter = {
        table,
        scope,
        checkedThrough: after,
        deadline: Date.now() + timeoutMs,
        wake: (reason) => {
          if (!this.#waiters.delete(waiter)) return;
          stopWatching();
          resolve({ reason, checkedThrough: waiter.checkedThrough });
        },
      };
      this.#waiters.add(waiter);
      // Entries that arrived between the caller's read and now.
      if (this.#head > after) {
        if (this.#rotatedWithin(table, after, this.#head)) {
          waiter.wake('rotated');
          return;
        }
        const cached = this.#cached(after, this.#head);
        if (!cached || cached.some((e) => entryOpFor(table, scope, e) !== undefined)) {
          waiter.wake('data');
          return;
        }
        waiter.checkedThrough = this.#head;
      }
      if (client.gone) {
        waiter.wake('aborted');
        return;
      }
      stopWatching = client.onGone(() => waiter.wake('aborted'));
      if (waiter.deadline < this.#deadlineAt) this.#armDeadlines(waiter.deadline);
    });
  }

  /**
   * One timer for every waiter's timeout, armed for the earliest deadline. When it fires it wakes
   * every waiter due within DEADLINE_SLACK_MS (a long-poll may end that much early), so one sweep
   * over the waiters serves all the deadlines of that window.
   */
  #armDeadlines(at: number): void {
    clearTimeout(this.#deadlineTimer);
    this.#deadlineAt = at;
    this.#deadlineTimer = setTimeout(() => this.#sweepDeadlines(), Math.max(0, at - Date.now()));
  }

  #sweepDeadlines(): void {
    this.#deadlineAt = Infinity;
    const due = Date.now() + DEADLINE_SLACK_MS;
    let next = Infinity;
    // (Deleting the entry being visited is safe while iterating a Set: no copy needed.)
    for (const w of this.#waiters) {
      if (w.deadline <= due) w.wake('timeout');
      else if (w.deadline < next) next = w.deadline;
    }
    if (next < Infinity) this.#armDeadlines(next);
  }
}
