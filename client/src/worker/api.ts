/**
 * The DB worker's public surface, as the UI sees it through comlink:
 *
 *   const api = Comlink.wrap<WorkerApi>(new Worker(new URL('./worker/db.worker.ts', import.meta.url), { type: 'module' }))
 *   // or: const api = await connectDbWorker()   (client/src/worker/connect.ts)
 *
 * Every tab runs its own worker; one of them (the leader, elected with Web Locks) owns the SQLite
 * database and the sync, the others forward their calls to it. The UI never needs to know which
 * one it talks to.
 *
 * Rows use the Postgres / REST API field names (snake_case: `activity_id`, `co2_equivalent`, ...).
 * Timestamps are ISO 8601 strings in UTC with milliseconds (`2025-03-01T09:12:44.123Z`), dates are
 * `YYYY-MM-DD`, numeric columns are JS numbers. Reads come from the local replica (synced rows with
 * the device's pending writes merged over them) and work offline.
 *
 * Commands that can fail for a reason the user must see (validation, unknown factor, not found)
 * resolve to a `WriteResult` instead of throwing, because comlink drops custom error fields.
 */
import type { EmissionResult, GwpSet } from '@eco-track/shared-schema';

export type { EmissionResult, GwpSet };

/** A UUID (v7 when born on this device). */
export type Uuid = string;
/** `2025-03-01T09:12:44.123Z` */
export type IsoDateTime = string;
/** `2025-03-01` */
export type IsoDate = string;

// ---------------------------------------------------------------------------------------------
// Session

export interface Session {
  accessToken: string;
  /** When the access token expires (epoch ms); the worker asks for a refresh shortly before. */
  accessTokenExpiresAt?: number;
  userId: Uuid;
  username: string;
}

/**
 * Called by the worker (through a comlink proxy) when the access token is expired or refused.
 * Resolve with a fresh session, or null when the refresh failed for good (the status then says
 * `needsLogin`). Reject (throw) when it could not be tried, e.g. offline: the worker retries later.
 */
export type TokenRefresher = () => Promise<Session | null>;

// ---------------------------------------------------------------------------------------------
// Results and errors

export type WorkerErrorCode =
  | 'validation' // a field is missing or out of range; `field` names it
  | 'unknown_factor'
  | 'unknown_unit'
  | 'incompatible_unit'
  | 'invalid_amount'
  | 'no_factor_found'
  | 'invalid_gwp_set'
  | 'not_found'
  | 'forbidden' // e.g. writing to an organisation the user is only a viewer of
  | 'not_signed_in';

export interface WorkerError {
  code: WorkerErrorCode;
  /** Says what was wrong and how to fix it; fit to show to the user. */
  message: string;
  field?: string;
}

export type WriteResult<T> = { ok: true; value: T } | { ok: false; error: WorkerError };

export interface Page<T> {
  rows: T[];
  /** Offset of rows[0] in the full, filtered and sorted list. */
  offset: number;
  /** Total number of rows matching the filter (for the virtual list's height). */
  total: number;
}

// ---------------------------------------------------------------------------------------------
// Activities and emissions

export type DataQuality = 'measured' | 'estimated';
export type ScopeName = '1' | '2' | '3' | '2+3';

/** What the log form submits. The emission is calculated on the device from factor_key/amount/unit. */
export interface ActivityInput {
  /** Required unless factor_key is given (then it defaults to the factor's activity). */
  activity_type?: string;
  /** A factor key; without it the default factor for activity_type, unit and region is chosen. */
  factor_key?: string;
  amount: number;
  /** Any unit convertible to the factor's (see compatibleUnits in shared-schema). */
  unit: string;
  timestamp: IsoDateTime;
  category?: string | null;
  description?: string | null;
  fuel_type?: string | null;
  region?: string | null;
  location?: string | null;
  /** Overrides the user's / organisation's GWP set for this activity. */
  gwp_set?: GwpSet | null;
  data_quality?: DataQuality;
  /** Log into an organisation's shared workspace instead of the personal one. */
  org_id?: Uuid | null;
}

export interface Activity {
  activity_id: Uuid;
  user_id: Uuid;
  org_id: Uuid | null;
  activity_type: string;
  category: string | null;
  description: string | null;
  amount: number;
  unit: string;
  factor_key: string | null;
  fuel_type: string | null;
  region: string | null;
  location: string | null;
  gwp_set: GwpSet | null;
  data_quality: DataQuality;
  timestamp: IsoDateTime;
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
}

export interface Emission {
  emission_id: Uuid;
  activity_id: Uuid;
  user_id: Uuid;
  org_id: Uuid | null;
  co2_equivalent: number;
  co2_kg: number;
  ch4_kg: number;
  n2o_kg: number;
  biogenic_co2_kg: number;
  co2e_basis: 'per_gas' | 'source_co2e';
  factor_key: string;
  factor_year: number;
  factor_source: string;
  gwp_set: GwpSet;
  scope: ScopeName;
  scope3_category: number | null;
  category: string;
  converted_amount: number;
  factor_unit: string;
  timestamp: IsoDateTime;
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
}

/** One row of the (virtualised) activity list. */
export interface ActivityListItem extends Activity {
  /** kg CO2e, null only while an emission is missing (e.g. a factor no longer in the library). */
  co2_equivalent: number | null;
  scope: ScopeName | null;
  /** True while this activity has local changes the server has not confirmed yet. */
  pending: boolean;
}

export interface ActivityDetail extends Activity {
  emission: Emission | null;
  pending: boolean;
}

export type ActivitySort = 'timestamp_desc' | 'timestamp_asc' | 'co2e_desc' | 'co2e_asc';

export interface ActivityFilter {
  /** Inclusive lower bound on `timestamp`. */
  from?: IsoDateTime;
  /** Exclusive upper bound on `timestamp`. */
  to?: IsoDateTime;
  category?: string;
  activity_type?: string;
  scope?: ScopeName;
  /** Personal rows only (null), one organisation's rows (its id), or all visible rows (omitted). */
  org_id?: Uuid | null;
  /** Case-insensitive match on description, activity_type, factor_key and location. */
  search?: string;
  pendingOnly?: boolean;
}

export interface ActivityQuery extends ActivityFilter {
  sort?: ActivitySort;
  offset?: number;
  /** Default 50, at most 500. */
  limit?: number;
}

/** What a preview needs: the parts of ActivityInput the calculation uses. */
export interface EmissionPreviewInput {
  activity_type?: string;
  factor_key?: string;
  region?: string | null;
  amount: number;
  unit: string;
  gwp_set?: GwpSet | null;
}

// ---------------------------------------------------------------------------------------------
// Goals, preferences

export type GoalStatus = 'active' | 'completed' | 'failed';

export interface GoalInput {
  goal_type: string;
  description?: string | null;
  target_value: number;
  /** e.g. 'kg CO2e' */
  unit: string;
  start_date: IsoDate;
  end_date: IsoDate;
  status?: GoalStatus;
  org_id?: Uuid | null;
}

export interface Goal {
  goal_id: Uuid;
  user_id: Uuid;
  org_id: Uuid | null;
  goal_type: string;
  description: string | null;
  target_value: number;
  unit: string;
  start_date: IsoDate;
  end_date: IsoDate;
  current_value: number | null;
  status: GoalStatus;
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
}

export interface GoalWithProgress extends Goal {
  /** kg CO2e of the goal's scope (personal or its organisation) between start_date and end_date. */
  emitted_kg: number;
  /** 0..1, how much of the goal's period has passed (clamped). */
  elapsed_fraction: number;
  pending: boolean;
}

export interface Preferences {
  display_name: string | null;
  unit_system: 'metric' | 'imperial';
  default_region: string;
  gwp_set: GwpSet;
  leaderboard_opt_in: boolean;
}

// ---------------------------------------------------------------------------------------------
// Dashboard

export interface PeriodRange {
  from: IsoDateTime;
  /** exclusive */
  to: IsoDateTime;
  /** Restrict to one organisation (its id) or to personal rows (null); omitted = everything visible. */
  org_id?: Uuid | null;
}

export interface PeriodTotal {
  /** `YYYY-MM-DD` for day, the Monday for week, `YYYY-MM` for month. */
  period: string;
  co2e_kg: number;
  activity_count: number;
}

export interface MonthComparison {
  this_month_kg: number;
  last_month_kg: number;
  /** (this - last) / last × 100; null when last month is 0. */
  change_pct: number | null;
}

export interface CategoryTotal {
  category: string;
  co2e_kg: number;
  activity_count: number;
}

export interface ScopeSplit {
  scope1_kg: number;
  scope2_kg: number;
  scope3_kg: number;
  /** Factors the sources publish as Scope 2+3 (e.g. grid electricity including T&D losses). */
  scope2_3_kg: number;
}

export interface DashboardSummary extends MonthComparison {
  period_total_kg: number;
  activity_count: number;
  by_category: CategoryTotal[];
  scope_split: ScopeSplit;
  /** 12 entries, oldest first, zero-filled. */
  trend: PeriodTotal[];
  recent: ActivityListItem[];
}

// ---------------------------------------------------------------------------------------------
// The factor library (the log form's picker)

/** A factor as the picker offers it: the newest edition of its key. */
export interface FactorOption {
  key: string;
  category: string;
  activity: string;
  fuelOrMode: string | null;
  region: string;
  unit: string;
  year: number;
  source: string;
  scope: string;
  /**
   * The source gives only CH4 and N2O for this factor (EPA's per-distance road factors): its CO2
   * comes from logging the fuel burnt, so the picker says so.
   */
  gasesOnly: boolean;
  /** "Natural gas (stationary combustion) · US · per therm" */
  label: string;
}

export interface FactorSearchQuery {
  category?: string;
  text?: string;
  /** The user's default region, preferred in the ranking. */
  region?: string;
  limit?: number;
}

// ---------------------------------------------------------------------------------------------
// Catalogues, reports, organisations

export interface Report {
  report_id: Uuid;
  user_id: Uuid;
  org_id: Uuid | null;
  report_type: string;
  framework: 'gri' | 'sasb' | 'esrs' | null;
  start_date: IsoDate;
  end_date: IsoDate;
  /** The report body as the server generated it (JSON). */
  data: unknown;
  version: number;
  supersedes: Uuid | null;
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
}

export interface Recommendation {
  recommendation_id: Uuid;
  activity_type: string;
  category: string;
  description: string;
  impact_description: string | null;
  estimated_reduction_pct: number | null;
  source: string;
  source_url: string | null;
  seen: boolean;
  acted_on: boolean;
}

export interface Challenge {
  challenge_id: Uuid;
  challenge_name: string;
  description: string | null;
  start_date: IsoDate;
  end_date: IsoDate;
  reward_points: number;
  criteria: unknown;
  /** The user's participation, null when not joined. */
  participation: {
    progress: number;
    status: GoalStatus;
    points_awarded: number;
    start_date: IsoDateTime;
    end_date: IsoDateTime | null;
  } | null;
}

export interface Achievement {
  achievement_id: Uuid;
  achievement_name: string;
  description: string | null;
  points: number;
  criteria: unknown;
  /** When the user earned it, null when not (yet). */
  earned_at: IsoDateTime | null;
}

export type OrgRole = 'owner' | 'admin' | 'member' | 'viewer';

export interface Organisation {
  org_id: Uuid;
  name: string;
  join_code: string | null;
  industry: string | null;
  employees: number | null;
  revenue: number | null;
  revenue_currency: string;
  gwp_set: GwpSet;
  base_year: number | null;
  /** The signed-in user's role in it. */
  role: OrgRole;
}

export interface Membership {
  membership_id: Uuid;
  org_id: Uuid;
  user_id: Uuid;
  role: OrgRole;
  created_at: IsoDateTime;
}

export interface ExportFile {
  /** e.g. `eco-track-activities.csv` */
  name: string;
  mime: 'application/json' | 'text/csv';
  content: string;
}

// ---------------------------------------------------------------------------------------------
// Sync status

/**
 * The sync engine's state (the state machine in sync/sync-machine.ts):
 * - `signed_out`: no session; local data is readable, nothing syncs.
 * - `offline`: no connection; writes queue in the outbox.
 * - `connecting`: starting or resuming the shape streams.
 * - `initial_sync`: the first full download is running (the UI should not show empty states).
 * - `catching_up`: fetching changes made while this device was away.
 * - `live`: up to date and listening; pending writes are being sent.
 * - `backoff`: the server failed or refused; retrying after `retryAt`.
 * - `needs_login`: the refresh failed; ask the user to log in again.
 */
export type SyncState =
  | 'signed_out'
  | 'offline'
  | 'connecting'
  | 'initial_sync'
  | 'catching_up'
  | 'live'
  | 'backoff'
  | 'needs_login';

export interface RejectedMutation {
  mutation_id: Uuid;
  table: string;
  op: 'insert' | 'update' | 'delete';
  /** The row id the change was about. */
  row_id: Uuid;
  /** What the user submitted, so the UI can offer it back for correction. */
  payload: Record<string, unknown>;
  /** The server's reason. */
  detail: string;
  rejected_at: IsoDateTime;
}

export interface SyncStatus {
  online: boolean;
  state: SyncState;
  /** True while downloading or uploading. */
  syncing: boolean;
  /** Local writes not yet confirmed by the server. */
  pendingCount: number;
  lastSyncedAt: IsoDateTime | null;
  lastError: string | null;
  needsLogin: boolean;
  /** False until every shape has completed its first download on this device. */
  initialSyncDone: boolean;
  /**
   * False until every shape of the user's own and organisations' rows has completed its first
   * download on this device; the public catalogues (challenges, recommendations, ...) follow.
   */
  ownDataSynced: boolean;
  retryAt: IsoDateTime | null;
  rejected: RejectedMutation[];
  /** Whether this tab's worker holds the database (diagnostics). */
  isLeader: boolean;
}

/** Names of the replicated tables a subscription can watch. */
export type WatchedTable =
  | 'activities'
  | 'emissions'
  | 'goals'
  | 'users'
  | 'reports'
  | 'recommendations'
  | 'user_recommendations'
  | 'challenges'
  | 'user_challenges'
  | 'achievements'
  | 'user_achievements'
  | 'organizations'
  | 'memberships';

/** Identifies a subscription; pass it to `unsubscribe`. */
export type SubscriptionId = number;

// ---------------------------------------------------------------------------------------------
// The API

export interface WorkerApi {
  /**
   * Resolves once this tab's worker is connected to the database (as leader or through it).
   * `serverUrl` defaults to the page's origin. Safe to call more than once.
   */
  ready(options?: { serverUrl?: string }): Promise<{ isLeader: boolean }>;

  // --- session ---
  /**
   * Starts (or continues) syncing as this user. `refresh` is a `Comlink.proxy(fn)` the worker calls
   * when the token expired or was refused. A session for a different user than the one whose data
   * is on the device wipes the local database first, so one user never sees another's rows.
   */
  setSession(session: Session, refresh?: TokenRefresher): Promise<void>;
  /**
   * Stops syncing. With `wipeLocalData` (log out on a shared device) the replica and the unsent
   * writes are deleted; without it they stay for the next login of the same user.
   */
  clearSession(options?: { wipeLocalData?: boolean }): Promise<void>;

  // --- factor library (answered by every tab's own worker: no database, no leader) ---
  /**
   * Factors matching every word of `text` (in key, activity, fuel or mode, region, unit, source),
   * in `category`; the user's region first, then its country, then GLOBAL; factors that give only
   * CH4 and N2O last. At most `limit` (50) options, and how many matched.
   */
  searchFactors(query: FactorSearchQuery): Promise<{ options: FactorOption[]; total: number }>;
  /** The newest edition of a factor key, or null. */
  getFactor(key: string): Promise<FactorOption | null>;
  /** Units an amount can be given in for this factor key (the factor's own first). */
  factorUnits(key: string): Promise<string[]>;

  // --- activities ---
  /** Calculates an emission with the shared engine without writing anything (live form preview). */
  previewEmission(input: EmissionPreviewInput): Promise<WriteResult<EmissionResult>>;
  /**
   * Validates, calculates the emission on the device and writes activity + emission locally and to
   * the outbox in one transaction. Visible to reads at once; synced when online.
   */
  logActivity(input: ActivityInput): Promise<WriteResult<ActivityDetail>>;
  /** Changes some fields; the emission is recalculated when amount, unit, factor or GWP set change. */
  updateActivity(
    activityId: Uuid,
    changes: Partial<ActivityInput>,
  ): Promise<WriteResult<ActivityDetail>>;
  /**
   * Deletes an activity and its emission. The value is the deleted activity; to undo, pass it to
   * `restoreActivity` (it is logged again under the same id).
   */
  deleteActivity(activityId: Uuid): Promise<WriteResult<Activity>>;
  /** Re-creates a deleted activity with its former id and values (the "undo" of a delete). */
  restoreActivity(activity: Activity): Promise<WriteResult<ActivityDetail>>;
  /** One activity with its emission (derivation included), or null. */
  getActivity(activityId: Uuid): Promise<ActivityDetail | null>;
  /** A window of the filtered, sorted activity list, for a virtualised list. */
  listActivities(query?: ActivityQuery): Promise<Page<ActivityListItem>>;
  /** How many activities match. */
  countActivities(filter?: ActivityFilter): Promise<number>;

  // --- goals ---
  listGoals(filter?: { status?: GoalStatus; org_id?: Uuid | null }): Promise<GoalWithProgress[]>;
  createGoal(input: GoalInput): Promise<WriteResult<Goal>>;
  updateGoal(goalId: Uuid, changes: Partial<GoalInput>): Promise<WriteResult<Goal>>;
  deleteGoal(goalId: Uuid): Promise<WriteResult<{ goal_id: Uuid }>>;

  // --- preferences (the signed-in user's row) ---
  getPreferences(): Promise<Preferences | null>;
  updatePreferences(changes: Partial<Preferences>): Promise<WriteResult<Preferences>>;

  // --- dashboard (all local, offline) ---
  /** Everything the dashboard shows in one round trip. `now` defaults to the current time. */
  dashboard(
    options: PeriodRange & { now?: IsoDateTime; recentLimit?: number },
  ): Promise<DashboardSummary>;
  /** Totals per day, week or month in [from, to), zero-filled. */
  totalsByPeriod(
    range: PeriodRange & { groupBy: 'day' | 'week' | 'month' },
  ): Promise<PeriodTotal[]>;
  /** This calendar month (UTC) against the previous one. */
  monthComparison(options?: { now?: IsoDateTime; org_id?: Uuid | null }): Promise<MonthComparison>;
  byCategory(range: PeriodRange): Promise<CategoryTotal[]>;
  /** The 12 calendar months ending with the month of `now`, oldest first, zero-filled. */
  monthlyTrend(options?: {
    now?: IsoDateTime;
    months?: number;
    org_id?: Uuid | null;
  }): Promise<PeriodTotal[]>;
  scopeSplit(range: PeriodRange): Promise<ScopeSplit>;
  recentActivities(limit?: number): Promise<ActivityListItem[]>;

  // --- reports (generated by the server, synced for offline reading) ---
  listReports(filter?: { org_id?: Uuid | null }): Promise<Report[]>;
  getReport(reportId: Uuid): Promise<Report | null>;

  // --- recommendations, challenges, achievements ---
  listRecommendations(filter?: {
    category?: string;
    unseenOnly?: boolean;
  }): Promise<Recommendation[]>;
  /** Marks a recommendation seen and/or acted on (synced). */
  markRecommendation(
    recommendationId: Uuid,
    flags: { seen?: boolean; acted_on?: boolean },
  ): Promise<WriteResult<Recommendation>>;
  /** Challenges with the user's participation (joining one is a server call: POST /api/v1/challenges/{id}/join). */
  listChallenges(): Promise<Challenge[]>;
  listAchievements(): Promise<Achievement[]>;

  // --- organisations (read; creating and joining are server calls) ---
  listOrganisations(): Promise<Organisation[]>;
  listMembers(orgId: Uuid): Promise<Membership[]>;

  // --- export ---
  /** All of the user's local data: one JSON file, or one CSV file per table. */
  exportAllData(format: 'json' | 'csv'): Promise<ExportFile[]>;

  // --- live queries ---
  /**
   * Calls `callback(changedTables)` (a `Comlink.proxy`) after any committed change to one of
   * `tables`, whether written locally, in another tab, or arriving from the server. Re-run the
   * query in the callback. Pass the returned id to `unsubscribe` when the view goes away.
   */
  subscribe(
    tables: readonly WatchedTable[],
    callback: (changedTables: WatchedTable[]) => void,
  ): Promise<SubscriptionId>;
  /** Ends a `subscribe` or `subscribeSyncStatus` subscription. */
  unsubscribe(id: SubscriptionId): Promise<void>;

  // --- sync status ---
  getSyncStatus(): Promise<SyncStatus>;
  /** Calls `callback` (a `Comlink.proxy`) with the status now and on every change. */
  subscribeSyncStatus(callback: (status: SyncStatus) => void): Promise<SubscriptionId>;
  /** Retry now: skips a running backoff wait and flushes the outbox. */
  syncNow(): Promise<void>;
  /**
   * The page's view of connectivity (forward the window's online/offline events): the worker
   * pauses sync at once when offline and resumes at once when back, instead of waiting for a
   * request to fail or a backoff to end.
   */
  setOnline(online: boolean): Promise<void>;
  /** Forgets a rejected mutation once the user has seen it. */
  dismissRejected(mutationId: Uuid): Promise<void>;
}
