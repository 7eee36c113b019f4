/**
 * The worker API as the leader tab runs it: one replica database, the sync engine, the session,
 * live-query subscriptions. Followers reach it through the tab relay (tabs/); the UI never sees
 * the difference. `ready` and leadership live in the worker entry, not here.
 */
import { REPLICA_TABLES, type ReplicaTable } from '@eco-track/shared-schema';
import type {
  RejectedMutation,
  Session,
  SyncStatus,
  TokenRefresher,
  WatchedTable,
  WorkerApi,
} from '../api.ts';
import type { SqlDb } from '../db/sql-db.ts';
import type { FactorLibraryApi } from '../factors/factor-library.ts';
import * as activityQ from '../queries/activity-queries.ts';
import * as catalogQ from '../queries/catalog-queries.ts';
import * as dashQ from '../queries/dashboard-queries.ts';
import { exportAllData } from '../queries/export-data.ts';
import type { WriterContext, Writers } from '../store/local-writes.ts';
import { dismissRejected, listRejected, pendingCount } from '../store/outbox.ts';
import { bindOwner, installReplica, replicaOwner, wipeReplica } from '../store/replica-install.ts';
import { createWriters } from '../store/writers.ts';
import type { OnlineSignal, SyncEnv } from '../sync/env.ts';
import { SyncEngine, type SyncEngineDeps } from '../sync/sync-engine.ts';
import { syncProgress } from '../sync/sync-progress.ts';
import { ChangeHub } from './change-hub.ts';
import type { CommandDeps } from './commands.ts';
import * as cmd from './domain-commands.ts';
import { SessionManager } from './session.ts';

/** What the leader serves: everything but `ready` and the factor library (factor-library.ts). */
export type LeaderApi = Omit<WorkerApi, 'ready' | keyof FactorLibraryApi>;

export interface DbServiceOptions extends Omit<SyncEnv, 'online'> {
  /** Settable, so the UI's online/offline hints (setOnline) take effect. */
  online: OnlineSignal & { set?: (online: boolean) => void };
  baseUrl: string;
  tables?: readonly ReplicaTable[];
  /** Extra engine settings (tests: short backoffs). */
  engine?: Partial<Pick<SyncEngineDeps, 'backoff' | 'streamBackoff' | 'batchSize' | 'transport'>>;
  /** Told about every change to the local data, e.g. to broadcast it to other tabs. */
  onTablesChanged?: (tables: readonly string[]) => void;
}

export class DbService implements LeaderApi {
  readonly hub = new ChangeHub();
  readonly #opts: DbServiceOptions;
  readonly #tables: readonly ReplicaTable[];
  readonly #ctx: WriterContext = { userId: null };
  readonly #writers: Writers;
  readonly #session: SessionManager;
  readonly #deps: CommandDeps;
  #engine: SyncEngine | undefined;
  #statusSubs = new Map<number, (s: SyncStatus) => void>();
  #statusScheduled = false;
  isLeader = true;

  private constructor(opts: DbServiceOptions) {
    this.#opts = opts;
    this.#tables = opts.tables ?? REPLICA_TABLES;
    this.#writers = createWriters(this.#tables, this.#ctx);
    this.#session = new SessionManager(opts.timers, opts.now);
    this.#deps = {
      db: opts.db,
      writers: this.#writers,
      ctx: this.#ctx,
      now: opts.now,
      afterWrite: (tables) => {
        this.#changed(tables);
        this.#engine?.kick();
        this.#statusChanged();
      },
    };
  }

  /** Installs the replica schema and reopens as the user whose data is on the device. */
  static async open(opts: DbServiceOptions): Promise<DbService> {
    const s = new DbService(opts);
    await installReplica(opts.db, s.#tables, s.#writers);
    s.#ctx.userId = (await replicaOwner(opts.db)) ?? null;
    return s;
  }

  get db(): SqlDb {
    return this.#opts.db;
  }

  #changed(tables: readonly string[]): void {
    this.hub.notify(tables);
    this.#opts.onTablesChanged?.(tables);
  }

  #now(): string {
    return new Date(this.#opts.now()).toISOString();
  }

  // --- session ---
  async setSession(session: Session, refresh?: TokenRefresher): Promise<void> {
    const start = performance.now();
    // Reads made while the replica is rebound (the app queries as soon as the user signs in) must
    // show nothing rather than the rows of the user who used this device before.
    const switching = this.#ctx.userId !== session.userId;
    if (switching) this.#ctx.userId = null;
    const bound = await bindOwner(this.#opts.db, this.#tables, session.userId);
    this.#ctx.userId = session.userId;
    this.#session.set(session, refresh);
    if (switching || bound === 'switched') this.#changed(this.#tables.map((t) => t.name));
    if (bound === 'switched' && this.#engine) {
      this.#engine.stop();
      this.#engine = undefined;
    }
    this.#engine ??= new SyncEngine({
      ...this.#opts,
      ...this.#opts.engine,
      tables: this.#tables,
      writers: this.#writers,
      auth: this.#session,
      onTablesChanged: (t) => this.#changed(t),
      onStatusChanged: () => this.#statusChanged(),
    });
    await this.#engine.start();
    performance.measure('db:set-session', { start, end: performance.now() });
    this.#statusChanged();
  }

  async clearSession(options?: { wipeLocalData?: boolean }): Promise<void> {
    this.#engine?.stop();
    await this.#engine?.flusher.settled();
    this.#engine = undefined;
    this.#session.clear();
    // Signed out, reads show no one's rows, whether or not the local data is kept.
    this.#ctx.userId = null;
    if (options?.wipeLocalData) await wipeReplica(this.#opts.db, this.#tables);
    this.#changed(this.#tables.map((t) => t.name));
    this.#statusChanged();
  }

  // --- activities ---
  previewEmission: LeaderApi['previewEmission'] = (input) => cmd.previewEmission(this.#deps, input);
  logActivity: LeaderApi['logActivity'] = (input) => cmd.logActivity(this.#deps, input);
  updateActivity: LeaderApi['updateActivity'] = (id, changes) =>
    cmd.updateActivity(this.#deps, id, changes);
  deleteActivity: LeaderApi['deleteActivity'] = (id) => cmd.deleteActivity(this.#deps, id);
  restoreActivity: LeaderApi['restoreActivity'] = (a) => cmd.restoreActivity(this.#deps, a);
  getActivity: LeaderApi['getActivity'] = (id) => activityQ.getActivity(this.#opts.db, id);
  listActivities: LeaderApi['listActivities'] = (q) =>
    activityQ.listActivities(this.#opts.db, this.#ctx.userId, q);
  countActivities: LeaderApi['countActivities'] = (f) =>
    activityQ.countActivities(this.#opts.db, this.#ctx.userId, f);

  // --- goals, preferences ---
  listGoals: LeaderApi['listGoals'] = (f) =>
    catalogQ.listGoals(this.#opts.db, this.#ctx.userId, this.#now(), f);
  createGoal: LeaderApi['createGoal'] = (input) => cmd.createGoal(this.#deps, input);
  updateGoal: LeaderApi['updateGoal'] = (id, changes) => cmd.updateGoal(this.#deps, id, changes);
  deleteGoal: LeaderApi['deleteGoal'] = (id) => cmd.deleteGoal(this.#deps, id);
  getPreferences: LeaderApi['getPreferences'] = () =>
    catalogQ.getPreferences(this.#opts.db, this.#ctx.userId);
  updatePreferences: LeaderApi['updatePreferences'] = (changes) =>
    cmd.updatePreferences(this.#deps, changes);

  // --- dashboard ---
  dashboard: LeaderApi['dashboard'] = async (o) => {
    const start = performance.now();
    const db = this.#opts.db;
    const userId = this.#ctx.userId;
    const now = o.now ?? this.#now();
    const summary = await dashQ.rangeSummary(db, userId, o);
    const trend = await dashQ.monthlyTrend(db, userId, now, 12, o.org_id);
    const recent = await activityQ.recentActivities(db, userId, o.recentLimit ?? 5, o.org_id);
    performance.measure('db:dashboard', { start, end: performance.now() });
    return {
      ...dashQ.comparisonOf(trend),
      period_total_kg: summary.kg,
      activity_count: summary.n,
      by_category: summary.byCategory,
      scope_split: summary.scopeSplit,
      trend,
      recent,
    };
  };
  totalsByPeriod: LeaderApi['totalsByPeriod'] = (r) =>
    dashQ.totalsByPeriod(this.#opts.db, this.#ctx.userId, r);
  monthComparison: LeaderApi['monthComparison'] = (o) =>
    dashQ.monthComparison(this.#opts.db, this.#ctx.userId, o?.now ?? this.#now(), o?.org_id);
  byCategory: LeaderApi['byCategory'] = (r) => dashQ.byCategory(this.#opts.db, this.#ctx.userId, r);
  monthlyTrend: LeaderApi['monthlyTrend'] = (o) =>
    dashQ.monthlyTrend(
      this.#opts.db,
      this.#ctx.userId,
      o?.now ?? this.#now(),
      o?.months ?? 12,
      o?.org_id,
    );
  scopeSplit: LeaderApi['scopeSplit'] = (r) => dashQ.scopeSplit(this.#opts.db, this.#ctx.userId, r);
  recentActivities: LeaderApi['recentActivities'] = (limit) =>
    activityQ.recentActivities(this.#opts.db, this.#ctx.userId, limit);

  // --- reports, catalogues, organisations, export ---
  listReports: LeaderApi['listReports'] = (f) =>
    catalogQ.listReports(this.#opts.db, this.#ctx.userId, f);
  getReport: LeaderApi['getReport'] = (id) => catalogQ.getReport(this.#opts.db, id);
  listRecommendations: LeaderApi['listRecommendations'] = (f) =>
    catalogQ.listRecommendations(this.#opts.db, this.#ctx.userId, f);
  markRecommendation: LeaderApi['markRecommendation'] = (id, flags) =>
    cmd.markRecommendation(this.#deps, id, flags);
  listChallenges: LeaderApi['listChallenges'] = () =>
    catalogQ.listChallenges(this.#opts.db, this.#ctx.userId);
  listAchievements: LeaderApi['listAchievements'] = () =>
    catalogQ.listAchievements(this.#opts.db, this.#ctx.userId);
  listOrganisations: LeaderApi['listOrganisations'] = () =>
    catalogQ.listOrganisations(this.#opts.db, this.#ctx.userId);
  listMembers: LeaderApi['listMembers'] = (orgId) => catalogQ.listMembers(this.#opts.db, orgId);
  exportAllData: LeaderApi['exportAllData'] = (format) =>
    exportAllData(this.#opts.db, this.#ctx.userId, format, this.#now());

  // --- live queries ---
  async subscribe(
    tables: readonly WatchedTable[],
    callback: (changed: WatchedTable[]) => void,
  ): Promise<number> {
    return Promise.resolve(this.hub.subscribe(tables, (t) => callback(t as WatchedTable[])));
  }

  async unsubscribe(id: number): Promise<void> {
    this.hub.unsubscribe(id);
    this.#statusSubs.delete(id);
    return Promise.resolve();
  }

  // --- sync status ---
  async getSyncStatus(): Promise<SyncStatus> {
    const e = this.#engine?.status();
    const rejected: RejectedMutation[] = (await listRejected(this.#opts.db)).map((r) => ({
      mutation_id: r.mutation_id,
      table: r.tbl,
      op: r.op,
      row_id: r.row_id,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
      detail: r.detail,
      rejected_at: r.rejected_at,
    }));
    const shapes = await this.#opts.db.all<{ shape: string; done: number; last: string | null }>(
      'SELECT shape, initial_done AS done, last_synced_at AS last FROM _shapes',
    );
    const done = new Set(shapes.filter((s) => s.done === 1).map((s) => s.shape));
    const lastSynced = shapes.reduce<string | null>(
      (m, s) => (s.last && (!m || s.last > m) ? s.last : m),
      null,
    );
    const online = this.#opts.online.isOnline();
    const state = e?.state ?? 'signed_out';
    return {
      online,
      state: !online && state !== 'signed_out' && state !== 'needs_login' ? 'offline' : state,
      syncing: e?.syncing ?? false,
      pendingCount: await pendingCount(this.#opts.db),
      lastSyncedAt: e?.lastSyncedAt ?? lastSynced,
      lastError: e?.lastError ?? null,
      needsLogin: state === 'needs_login',
      ...syncProgress(this.#tables, done),
      retryAt: e?.retryAt ?? null,
      rejected,
      isLeader: this.isLeader,
    };
  }

  async subscribeSyncStatus(callback: (status: SyncStatus) => void): Promise<number> {
    const id = this.hub.subscribe([], () => undefined);
    this.#statusSubs.set(id, callback);
    callback(await this.getSyncStatus());
    return id;
  }

  async syncNow(): Promise<void> {
    this.#engine?.syncNow();
    return Promise.resolve();
  }

  async setOnline(online: boolean): Promise<void> {
    this.#opts.online.set?.(online);
    this.#statusChanged();
    return Promise.resolve();
  }

  async dismissRejected(mutationId: string): Promise<void> {
    await dismissRejected(this.#opts.db, mutationId);
    this.#statusChanged();
  }

  /** Coalesces status pushes to one per macrotask. */
  #statusChanged(): void {
    if (this.#statusScheduled || this.#statusSubs.size === 0) return;
    this.#statusScheduled = true;
    setTimeout(() => {
      this.#statusScheduled = false;
      void this.getSyncStatus().then(
        (s) => {
          for (const cb of this.#statusSubs.values()) {
            try {
              cb(s);
            } catch {
              // a closed tab's proxy
            }
          }
        },
        () => undefined,
      );
    }, 0);
  }

  /** Stops syncing, keeping the database open. */
  async stopSync(): Promise<void> {
    this.#engine?.stop();
    await this.#engine?.flusher.settled();
    this.#engine = undefined;
  }

  /** Stops syncing and closes the database (the worker ends). */
  async close(): Promise<void> {
    await this.stopSync();
    await this.#opts.db.close();
  }
}
