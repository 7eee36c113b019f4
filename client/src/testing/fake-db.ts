/**
 * An in-memory stand-in for the DB worker's API, for component tests of the UI. It keeps the
 * contract the UI relies on (WriteResult errors, live-query notifications, sync status pushes)
 * and calculates emissions with the real shared engine, but has no SQLite and no sync.
 */
import {
  calculateEmission,
  compatibleUnits,
  EmissionError,
  FACTORS,
} from '@eco-track/shared-schema';
import { createFactorLibrary } from '../worker/factors/factor-library.ts';
import type {
  Activity,
  ActivityDetail,
  ActivityFilter,
  ActivityInput,
  ActivityListItem,
  ActivityQuery,
  Emission,
  Goal,
  GoalWithProgress,
  Preferences,
  SyncStatus,
  WatchedTable,
  WorkerApi,
  WriteResult,
} from '../worker/api.ts';

type Listener = { tables: readonly WatchedTable[]; cb: (changed: WatchedTable[]) => void };

export const IDLE_STATUS: SyncStatus = {
  online: true,
  state: 'live',
  syncing: false,
  pendingCount: 0,
  lastSyncedAt: '2025-03-01T09:00:00.000Z',
  lastError: null,
  needsLogin: false,
  initialSyncDone: true,
  ownDataSynced: true,
  retryAt: null,
  rejected: [],
  isLeader: true,
};

export interface FakeDb extends WorkerApi {
  activities: Map<string, ActivityListItem & { emission: Emission | null }>;
  goals: Map<string, Goal>;
  setStatus(s: Partial<SyncStatus>): void;
  /** Adds n synthetic activities at once (virtual list tests). */
  seed(n: number): void;
}

let counter = 0;
const id = () => `00000000-0000-7000-8000-${String(++counter).padStart(12, '0')}`;

export function createFakeDb(initial: Partial<SyncStatus> = {}): FakeDb {
  const listeners = new Map<number, Listener>();
  const statusListeners = new Map<number, (s: SyncStatus) => void>();
  let status: SyncStatus = { ...IDLE_STATUS, ...initial };
  let nextSub = 1;
  const activities = new Map<string, ActivityListItem & { emission: Emission | null }>();
  const goals = new Map<string, Goal>();
  let prefs: Preferences = {
    display_name: null,
    unit_system: 'metric',
    default_region: 'GB',
    gwp_set: 'AR5',
    leaderboard_opt_in: false,
  };

  let sortedCache: ActivityListItem[] | null = null;
  const notify = (changed: WatchedTable[]) => {
    sortedCache = null;
    for (const l of listeners.values())
      if (l.tables.some((t) => changed.includes(t))) l.cb(changed);
  };
  const now = () => new Date().toISOString();

  const emissionFor = (a: Activity): WriteResult<Emission> => {
    try {
      const r = calculateEmission({
        factorKey: a.factor_key ?? '',
        amount: a.amount,
        unit: a.unit,
        gwpSet: a.gwp_set ?? prefs.gwp_set,
      });
      return {
        ok: true,
        value: {
          emission_id: id(),
          activity_id: a.activity_id,
          user_id: a.user_id,
          org_id: a.org_id,
          co2_equivalent: r.co2eKg,
          co2_kg: r.co2Kg,
          ch4_kg: r.ch4Kg,
          n2o_kg: r.n2oKg,
          biogenic_co2_kg: r.biogenicCo2Kg,
          co2e_basis: r.co2eBasis,
          factor_key: r.factor.key,
          factor_year: r.factor.year,
          factor_source: r.factor.source,
          gwp_set: r.gwpSet,
          scope: r.factor.scope,
          scope3_category: r.factor.scope3Category,
          category: r.factor.category,
          converted_amount: r.convertedAmount,
          factor_unit: r.factorUnit,
          timestamp: a.timestamp,
          created_at: now(),
          updated_at: now(),
        },
      };
    } catch (err) {
      if (err instanceof EmissionError)
        return {
          ok: false,
          error: {
            code: err.code === 'invalid_gwp_set' ? 'validation' : err.code,
            message: err.message,
            field: 'unit',
          },
        };
      throw err;
    }
  };

  const store = (a: Activity): WriteResult<ActivityDetail> => {
    const e = emissionFor(a);
    if (!e.ok) return e;
    activities.set(a.activity_id, {
      ...a,
      co2_equivalent: e.value.co2_equivalent,
      scope: e.value.scope,
      pending: true,
      emission: e.value,
    });
    notify(['activities', 'emissions']);
    return { ok: true, value: { ...a, emission: e.value, pending: true } };
  };

  const matches = (a: ActivityListItem, f: ActivityFilter) =>
    (!f.from || a.timestamp >= f.from) &&
    (!f.to || a.timestamp < f.to) &&
    (!f.category || a.category === f.category) &&
    (!f.pendingOnly || a.pending) &&
    (!f.search ||
      `${a.description ?? ''} ${a.activity_type}`.toLowerCase().includes(f.search.toLowerCase()));

  const sorted = (q: ActivityQuery) => {
    sortedCache ??= [...activities.values()].sort((x, y) =>
      x.timestamp < y.timestamp ? 1 : x.timestamp > y.timestamp ? -1 : 0,
    );
    return sortedCache.filter((a) => matches(a, q));
  };

  const toActivity = (input: ActivityInput, activityId: string): Activity => ({
    activity_id: activityId,
    user_id: 'user-1',
    org_id: input.org_id ?? null,
    activity_type: input.activity_type ?? 'Other',
    category: input.category ?? null,
    description: input.description ?? null,
    amount: input.amount,
    unit: input.unit,
    factor_key: input.factor_key ?? null,
    fuel_type: input.fuel_type ?? null,
    region: input.region ?? null,
    location: input.location ?? null,
    gwp_set: input.gwp_set ?? null,
    data_quality: input.data_quality ?? 'measured',
    timestamp: input.timestamp,
    created_at: now(),
    updated_at: now(),
  });

  const progress = (g: Goal): GoalWithProgress => ({
    ...g,
    emitted_kg: [...activities.values()]
      .filter(
        (a) => a.timestamp.slice(0, 10) >= g.start_date && a.timestamp.slice(0, 10) <= g.end_date,
      )
      .reduce((s, a) => s + (a.co2_equivalent ?? 0), 0),
    elapsed_fraction: 0.5,
    pending: true,
  });

  const db: FakeDb = {
    activities,
    goals,
    // The real factor library and search, as the DB worker answers them.
    ...createFactorLibrary(() => Promise.resolve({ FACTORS, compatibleUnits })),
    setStatus(s) {
      status = { ...status, ...s };
      for (const cb of statusListeners.values()) cb(status);
    },
    seed(n) {
      const factor = FACTORS.find((f) => f.category === 'energy' && f.unit === 'kWh') ?? FACTORS[0];
      if (!factor) throw new Error('no factors');
      const base = Date.UTC(2025, 0, 1);
      for (let i = 0; i < n; i++) {
        const a = toActivity(
          {
            activity_type: 'Energy Consumption',
            category: 'energy',
            factor_key: factor.key,
            amount: i,
            unit: factor.unit,
            timestamp: new Date(base + i * 60_000).toISOString(),
            description: `Seeded ${i}`,
          },
          `seed-${i}`,
        );
        activities.set(a.activity_id, {
          ...a,
          co2_equivalent: i / 10,
          scope: factor.scope,
          pending: false,
          emission: null,
        });
      }
      sortedCache = null;
      notify(['activities', 'emissions']);
    },
    ready: () => Promise.resolve({ isLeader: true }),
    setSession: () => Promise.resolve(),
    clearSession: () => Promise.resolve(),
    previewEmission: (input) => {
      const r = emissionFor(
        toActivity(
          {
            activity_type: 'x',
            factor_key: input.factor_key,
            amount: input.amount,
            unit: input.unit,
            timestamp: now(),
            gwp_set: input.gwp_set ?? null,
          },
          'preview',
        ),
      );
      if (!r.ok) return Promise.resolve(r);
      return Promise.resolve({
        ok: true as const,
        value: calculateEmission({
          factorKey: input.factor_key ?? '',
          amount: input.amount,
          unit: input.unit,
          gwpSet: input.gwp_set ?? prefs.gwp_set,
        }),
      });
    },
    logActivity: (input) => Promise.resolve(store(toActivity(input, id()))),
    updateActivity: (activityId, changes) => {
      const old = activities.get(activityId);
      if (!old)
        return Promise.resolve({
          ok: false,
          error: { code: 'not_found', message: 'No such activity' },
        });
      return Promise.resolve(store({ ...old, ...changes, updated_at: now() }));
    },
    deleteActivity: (activityId) => {
      const old = activities.get(activityId);
      if (!old)
        return Promise.resolve({
          ok: false,
          error: { code: 'not_found', message: 'No such activity' },
        });
      activities.delete(activityId);
      notify(['activities', 'emissions']);
      const { emission: _e, co2_equivalent: _c, scope: _s, pending: _p, ...activity } = old;
      return Promise.resolve({ ok: true, value: activity });
    },
    restoreActivity: (a) => Promise.resolve(store(a)),
    getActivity: (activityId) => {
      const a = activities.get(activityId);
      return Promise.resolve(a ? { ...a } : null);
    },
    listActivities: (q = {}) => {
      const all = sorted(q);
      const offset = q.offset ?? 0;
      return Promise.resolve({
        rows: all.slice(offset, offset + (q.limit ?? 50)),
        offset,
        total: all.length,
      });
    },
    countActivities: (f = {}) => Promise.resolve(sorted(f).length),
    listGoals: () => Promise.resolve([...goals.values()].map(progress)),
    createGoal: (input) => {
      const g: Goal = {
        goal_id: id(),
        user_id: 'user-1',
        org_id: input.org_id ?? null,
        goal_type: input.goal_type,
        description: input.description ?? null,
        target_value: input.target_value,
        unit: input.unit,
        start_date: input.start_date,
        end_date: input.end_date,
        current_value: null,
        status: 'active',
        created_at: now(),
        updated_at: now(),
      };
      goals.set(g.goal_id, g);
      notify(['goals']);
      return Promise.resolve({ ok: true, value: g });
    },
    updateGoal: (goalId, changes) => {
      const g = goals.get(goalId);
      if (!g)
        return Promise.resolve({
          ok: false,
          error: { code: 'not_found', message: 'No such goal' },
        });
      const next = {
        ...g,
        ...changes,
        description: changes.description ?? g.description,
        org_id: changes.org_id ?? g.org_id,
        status: changes.status ?? g.status,
      };
      goals.set(goalId, next);
      notify(['goals']);
      return Promise.resolve({ ok: true, value: next });
    },
    deleteGoal: (goalId) => {
      goals.delete(goalId);
      notify(['goals']);
      return Promise.resolve({ ok: true, value: { goal_id: goalId } });
    },
    getPreferences: () => Promise.resolve(prefs),
    updatePreferences: (changes) => {
      prefs = { ...prefs, ...changes };
      notify(['users']);
      return Promise.resolve({ ok: true, value: prefs });
    },
    dashboard: (range) => {
      const all = [...activities.values()];
      const inRange = all.filter((a) => a.timestamp >= range.from && a.timestamp < range.to);
      const sum = (xs: ActivityListItem[]) => xs.reduce((t, a) => t + (a.co2_equivalent ?? 0), 0);
      const now = new Date(range.now ?? Date.now());
      const month = (offset: number) => {
        const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
        return d.toISOString().slice(0, 7);
      };
      const inMonth = (m: string) => all.filter((a) => a.timestamp.startsWith(m));
      const thisMonth = sum(inMonth(month(0)));
      const lastMonth = sum(inMonth(month(-1)));
      const byCategory = new Map<string, { co2e_kg: number; activity_count: number }>();
      for (const a of inRange) {
        const c = byCategory.get(a.category ?? 'other') ?? { co2e_kg: 0, activity_count: 0 };
        c.co2e_kg += a.co2_equivalent ?? 0;
        c.activity_count += 1;
        byCategory.set(a.category ?? 'other', c);
      }
      const scopeKg = (scope: string) => sum(inRange.filter((a) => a.scope === scope));
      return Promise.resolve({
        this_month_kg: thisMonth,
        last_month_kg: lastMonth,
        change_pct: lastMonth ? ((thisMonth - lastMonth) / lastMonth) * 100 : null,
        period_total_kg: sum(inRange),
        activity_count: inRange.length,
        by_category: [...byCategory]
          .map(([category, v]) => ({ category, ...v }))
          .sort((a, b) => b.co2e_kg - a.co2e_kg),
        scope_split: {
          scope1_kg: scopeKg('1'),
          scope2_kg: scopeKg('2'),
          scope3_kg: scopeKg('3'),
          scope2_3_kg: scopeKg('2+3'),
        },
        trend: Array.from({ length: 12 }, (_, i) => {
          const m = month(i - 11);
          const xs = inMonth(m);
          return { period: m, co2e_kg: sum(xs), activity_count: xs.length };
        }),
        recent: sorted({}).slice(0, range.recentLimit ?? 5),
      });
    },
    totalsByPeriod: () => Promise.resolve([]),
    monthComparison: () =>
      Promise.resolve({ this_month_kg: 0, last_month_kg: 0, change_pct: null }),
    byCategory: () => Promise.resolve([]),
    monthlyTrend: () => Promise.resolve([]),
    scopeSplit: () => Promise.resolve({ scope1_kg: 0, scope2_kg: 0, scope3_kg: 0, scope2_3_kg: 0 }),
    recentActivities: () => Promise.resolve([]),
    listReports: () => Promise.resolve([]),
    getReport: () => Promise.resolve(null),
    listRecommendations: () => Promise.resolve([]),
    markRecommendation: () =>
      Promise.resolve({ ok: false, error: { code: 'not_found', message: 'none' } }),
    listChallenges: () => Promise.resolve([]),
    listAchievements: () => Promise.resolve([]),
    listOrganisations: () => Promise.resolve([]),
    listMembers: () => Promise.resolve([]),
    exportAllData: () => Promise.resolve([]),
    subscribe: (tables, cb) => {
      const n = nextSub++;
      listeners.set(n, { tables, cb });
      return Promise.resolve(n);
    },
    unsubscribe: (n) => {
      listeners.delete(n);
      statusListeners.delete(n);
      return Promise.resolve();
    },
    getSyncStatus: () => Promise.resolve(status),
    subscribeSyncStatus: (cb) => {
      const n = nextSub++;
      statusListeners.set(n, cb);
      cb(status);
      return Promise.resolve(n);
    },
    syncNow: () => Promise.resolve(),
    setOnline: (online) => {
      db.setStatus({ online, state: online ? 'live' : 'offline' });
      return Promise.resolve();
    },
    dismissRejected: (mutationId) => {
      db.setStatus({ rejected: status.rejected.filter((m) => m.mutation_id !== mutationId) });
      return Promise.resolve();
    },
  };
  return db;
}
