/**
 * One per tab's DB worker: elects the leader with a Web Lock and gives the UI the WorkerApi either
 * way. The leader runs the DbService (database + sync) and serves the other tabs' calls; a
 * follower forwards its calls to the leader and keeps its own live-query and status subscribers,
 * fed by the leader's broadcasts.
 *
 *   start ─► waiting for the lock ──(lock granted: previous leader gone)──► leader
 *      └─ follower meanwhile: calls queue until a leader answers `hello` / announces itself
 *
 * No write is lost when the leader's tab closes: a committed write is in the database the next
 * leader opens (and its outbox flushes from there); a call without an answer is resent to the
 * next leader. Resending cannot duplicate rows: new rows get their id in the calling tab, and the
 * leader turns a repeated insert into an update of the same row.
 */
import type { Session, SyncStatus, TokenRefresher, WatchedTable, WorkerApi } from '../api.ts';
import { uuidv7 } from '../domain/uuidv7.ts';
import { ChangeHub } from '../service/change-hub.ts';
import type { LeaderApi } from '../service/db-service.ts';
import type { FactorLibraryApi } from '../factors/factor-library.ts';
import { LEADER_LOCK, type TabChannel, type TabLocks, type TabMessage } from './tab-protocol.ts';

export interface LeaderHandle {
  api: LeaderApi;
  /** Status pushes of the leader's DbService. */
  subscribeStatus(cb: (s: SyncStatus) => void): Promise<unknown>;
}

export interface TabCoordinatorDeps {
  locks: TabLocks;
  channel: TabChannel;
  /**
   * Opens the database and the service once this tab leads. `onTablesChanged` must be passed to
   * the service so every commit reaches all tabs.
   */
  openLeader: (onTablesChanged: (tables: readonly string[]) => void) => Promise<LeaderHandle>;
  tabId?: string;
}

/** The WorkerApi but the factor library, which each worker answers itself (db.worker.ts). */
export type TabApi = Omit<WorkerApi, keyof FactorLibraryApi>;

interface Pending {
  method: string;
  args: unknown[];
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

/** Methods served by forwarding as they are. */
const FORWARDED = [
  'previewEmission',
  'logActivity',
  'updateActivity',
  'deleteActivity',
  'restoreActivity',
  'getActivity',
  'listActivities',
  'countActivities',
  'listGoals',
  'createGoal',
  'updateGoal',
  'deleteGoal',
  'getPreferences',
  'updatePreferences',
  'dashboard',
  'totalsByPeriod',
  'monthComparison',
  'byCategory',
  'monthlyTrend',
  'scopeSplit',
  'recentActivities',
  'listReports',
  'getReport',
  'listRecommendations',
  'markRecommendation',
  'listChallenges',
  'listAchievements',
  'listOrganisations',
  'listMembers',
  'exportAllData',
  'syncNow',
  'setOnline',
  'dismissRejected',
  'getSyncStatus',
] as const satisfies readonly (keyof LeaderApi)[];

export class TabCoordinator {
  readonly tabId: string;
  readonly hub = new ChangeHub();
  readonly api: TabApi;
  #leader: LeaderHandle | undefined;
  #leaderTab: string | undefined;
  #pending = new Map<string, Pending>();
  #statusSubs = new Map<number, (s: SyncStatus) => void>();
  #session: { session: Session; refresh: TokenRefresher | undefined } | null = null;
  #lastStatus: SyncStatus | undefined;
  #readyResolve!: () => void;
  readonly #ready = new Promise<void>((r) => (this.#readyResolve = r));
  #closed = false;
  readonly #deps: TabCoordinatorDeps;

  constructor(deps: TabCoordinatorDeps) {
    this.#deps = deps;
    this.tabId = deps.tabId ?? uuidv7();
    deps.channel.addEventListener('message', (e) => void this.#onMessage(e.data));
    this.api = this.#buildApi();
  }

  get isLeader(): boolean {
    return this.#leader !== undefined;
  }

  /** Starts the election; resolves at once (use `api.ready()` to wait for a database). */
  start(): void {
    void this.#deps.locks.request(LEADER_LOCK, async () => {
      if (this.#closed) return;
      await this.#becomeLeader();
      // Hold the lock for the worker's lifetime: it is released when the tab (worker) goes away.
      await new Promise<void>(() => undefined);
    });
    this.#post({ type: 'hello', from: this.tabId });
  }

  /** Stops taking part (tests simulate a closed tab with this). */
  close(): void {
    this.#closed = true;
    this.#deps.channel.close();
  }

  #post(m: TabMessage): void {
    if (!this.#closed) this.#deps.channel.postMessage(m);
  }

  async #becomeLeader(): Promise<void> {
    const handle = await this.#deps.openLeader((tables) => this.#tablesChanged(tables));
    this.#leader = handle;
    this.#leaderTab = this.tabId;
    await handle.subscribeStatus((s) => {
      this.#lastStatus = s;
      this.#pushStatus({ ...s, isLeader: true });
      this.#post({ type: 'status', from: this.tabId, status: s });
    });
    if (this.#session) await handle.api.setSession(this.#session.session, this.#session.refresh);
    this.#post({ type: 'leader', from: this.tabId });
    // Calls that waited (or that the previous leader never answered) run here now.
    for (const [id, p] of this.#pending) {
      this.#pending.delete(id);
      this.#runLocal(p.method, p.args).then(p.resolve, p.reject);
    }
    performance.mark('db:leader-ready');
    this.#readyResolve();
  }

  #tablesChanged(tables: readonly string[]): void {
    this.hub.notify(tables);
    this.#post({ type: 'changed', from: this.tabId, tables: [...tables] });
  }

  #pushStatus(s: SyncStatus): void {
    for (const cb of this.#statusSubs.values()) {
      try {
        cb(s);
      } catch {
        // the UI side went away
      }
    }
  }

  #runLocal(method: string, args: unknown[]): Promise<unknown> {
    // This tab's own session was handed to the service when it became leader.
    if (method === 'setSessionFromTab') return Promise.resolve();
    const api = this.#leader?.api as unknown as Record<
      string,
      (...a: unknown[]) => Promise<unknown>
    >;
    const fn = api[method];
    if (!fn) return Promise.reject(new Error(`unknown method ${method}`));
    return fn.apply(api, args);
  }

  #call(method: string, args: unknown[]): Promise<unknown> {
    if (this.#leader) return this.#runLocal(method, args);
    const id = uuidv7();
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { method, args, resolve, reject });
      this.#send(id);
    });
  }

  #send(id: string): void {
    const p = this.#pending.get(id);
    if (!p || !this.#leaderTab || this.#leader) return;
    this.#post({
      type: 'call',
      from: this.tabId,
      to: this.#leaderTab,
      id,
      method: p.method,
      args: p.args,
    });
  }

  async #onMessage(m: TabMessage): Promise<void> {
    if (this.#closed || m.from === this.tabId) return;
    switch (m.type) {
      case 'hello':
        if (this.#leader) this.#post({ type: 'leader', from: this.tabId });
        return;
      case 'leader':
        if (this.#leader) return;
        this.#leaderTab = m.from;
        this.#readyResolve();
        // A new leader: resend what the previous one did not answer; re-share our session.
        for (const id of this.#pending.keys()) this.#send(id);
        if (this.#session)
          void this.#call('setSessionFromTab', [this.#session.session, this.tabId]);
        return;
      case 'call': {
        if (m.to !== this.tabId || !this.#leader) return;
        const reply = (r: { ok: true; value: unknown } | { ok: false; error: string }) =>
          this.#post({ type: 'result', from: this.tabId, to: m.from, id: m.id, ...r });
        try {
          const value =
            m.method === 'setSessionFromTab'
              ? await this.#sessionFromTab(m.args[0] as Session, m.args[1] as string)
              : await this.#runLocal(m.method, m.args);
          reply({ ok: true, value });
        } catch (err) {
          reply({ ok: false, error: (err as Error).message });
        }
        return;
      }
      case 'result': {
        if (m.to !== this.tabId) return;
        const p = this.#pending.get(m.id);
        if (!p) return;
        this.#pending.delete(m.id);
        if (m.ok) p.resolve(m.value);
        else p.reject(new Error(m.error));
        return;
      }
      case 'changed':
        this.hub.notify(m.tables);
        return;
      case 'status':
        this.#lastStatus = m.status;
        this.#pushStatus({ ...m.status, isLeader: false });
        return;
      case 'refresh': {
        if (m.to !== this.tabId) return;
        let session: Session | null | 'unavailable' = 'unavailable';
        try {
          session = this.#session?.refresh ? await this.#session.refresh() : 'unavailable';
        } catch {
          session = 'unavailable';
        }
        if (session && session !== 'unavailable')
          this.#session = { session, refresh: this.#session?.refresh };
        this.#post({ type: 'refreshed', from: this.tabId, to: m.from, id: m.id, session });
        return;
      }
      case 'refreshed': {
        if (m.to !== this.tabId) return;
        const p = this.#pending.get(m.id);
        this.#pending.delete(m.id);
        p?.resolve(m.session);
        return;
      }
    }
  }

  /**
   * A follower's UI signed in. The leader takes the session; when its own UI gave it no way to
   * refresh tokens, it asks that tab's UI (one tab only, so a rotating refresh token is spent once).
   */
  async #sessionFromTab(session: Session, tab: string): Promise<void> {
    if (!this.#leader) return;
    const own = this.#session?.refresh;
    const refresh: TokenRefresher | undefined = own
      ? undefined
      : () =>
          new Promise<Session | null>((resolve, reject) => {
            const id = uuidv7();
            this.#pending.set(id, {
              method: 'refresh',
              args: [],
              resolve: (v) =>
                v === 'unavailable'
                  ? reject(new Error('unavailable'))
                  : resolve(v as Session | null),
              reject,
            });
            this.#post({ type: 'refresh', from: this.tabId, to: tab, id });
          });
    await this.#leader.api.setSession(session, refresh);
  }

  #buildApi(): TabApi {
    const forwarded = Object.fromEntries(
      FORWARDED.map((name) => [name, (...args: unknown[]) => this.#call(name, args)]),
    ) as unknown as Pick<WorkerApi, (typeof FORWARDED)[number]>;
    return {
      ...forwarded,
      ready: async () => {
        this.start();
        await this.#ready;
        return { isLeader: this.isLeader };
      },
      setSession: async (session, refresh) => {
        this.#session = { session, refresh };
        if (this.#leader) return this.#leader.api.setSession(session, refresh);
        await this.#call('setSessionFromTab', [session, this.tabId]);
      },
      clearSession: async (options) => {
        this.#session = null;
        await this.#call('clearSession', [options]);
      },
      // New rows get their id here, so a call resent to a new leader writes the same row.
      logActivity: (input) =>
        this.#call('logActivity', [
          { ...input, activity_id: (input as { activity_id?: string }).activity_id ?? uuidv7() },
        ]) as ReturnType<WorkerApi['logActivity']>,
      createGoal: (input) =>
        this.#call('createGoal', [
          { ...input, goal_id: (input as { goal_id?: string }).goal_id ?? uuidv7() },
        ]) as ReturnType<WorkerApi['createGoal']>,
      subscribe: (tables: readonly WatchedTable[], callback) =>
        Promise.resolve(this.hub.subscribe(tables, (t) => callback(t as WatchedTable[]))),
      unsubscribe: (id) => {
        this.hub.unsubscribe(id);
        this.#statusSubs.delete(id);
        return Promise.resolve();
      },
      subscribeSyncStatus: async (callback) => {
        const id = this.hub.subscribe([], () => undefined);
        this.#statusSubs.set(id, callback);
        const now = this.#lastStatus ?? ((await this.#call('getSyncStatus', [])) as SyncStatus);
        callback({ ...now, isLeader: this.isLeader });
        return id;
      },
      getSyncStatus: async () => ({
        ...((await this.#call('getSyncStatus', [])) as SyncStatus),
        isLeader: this.isLeader,
      }),
    };
  }
}
