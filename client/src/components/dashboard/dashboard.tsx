/**
 * The dashboard (the seed's Dashboard/Dashboard): everything comes from the local database in one
 * worker round trip (`db.dashboard`), so it is instant and works offline; the charts module loads
 * lazily and renders when it arrives.
 */
import { lazy, memo, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useLocalQuery } from '../../hooks/use-local-query.ts';
import { useSyncStatus } from '../../hooks/use-sync-status.tsx';
import { PERIOD_LABELS, presetRange, type PeriodPreset } from '../../utils/dates.ts';
import { formatCo2e, formatKg, formatNumber, formatPercent, humanize } from '../../utils/format.ts';
import type { DashboardSummary, GoalWithProgress, Uuid } from '../../worker/api.ts';
import { ActivityItem } from '../activity/activity-item.tsx';
import { dashboardQuery, FIRST_PRESET } from './dashboard-query.ts';
import { Card } from '../common/card.tsx';
import { EmptyState } from '../common/empty-state.tsx';
import { LoadingSpinner } from '../common/loading-spinner.tsx';
import { Select } from '../common/select.tsx';
import { GoalProgress } from '../goal/goal-progress.tsx';
import { SCOPE_COLORS } from './chart-colors.ts';
import styles from './dashboard.module.css';
import { SummaryCard } from './summary-card.tsx';

const Charts = {
  Trend: lazy(async () => ({ default: (await import('./chart-component.tsx')).TrendChart })),
  Category: lazy(async () => ({ default: (await import('./chart-component.tsx')).CategoryChart })),
  Scope: lazy(async () => ({ default: (await import('./chart-component.tsx')).ScopeChart })),
};

const PRESETS = Object.entries(PERIOD_LABELS).map(([value, label]) => ({ value, label }));
const NO_GOALS: readonly GoalWithProgress[] = [];

function ChartFallback() {
  return (
    <div className={styles.chartFallback}>
      <LoadingSpinner label="Loading chart…" />
    </div>
  );
}

/** '' = everything visible, 'personal' = own rows only, otherwise an organisation id. */
type Workspace = Uuid;

export function Dashboard() {
  const [preset, setPreset] = useState<PeriodPreset>(FIRST_PRESET);
  const [workspace, setWorkspace] = useState<Workspace>('');
  const range = useMemo(() => presetRange(preset), [preset]);

  const orgs = useLocalQuery({
    key: ['organisations'],
    tables: ['organizations', 'memberships'],
    query: (db) => db.listOrganisations(),
  });
  const summary = useLocalQuery(dashboardQuery(range, workspace));
  // The period the numbers on screen are for: while another period loads, the previous numbers
  // keep their own label, and the body (charts) is left alone until the new numbers arrive (a
  // re-render of the charts kept the main thread 50-100 ms busy while the worker answered in 2).
  const [shownPreset, setShownPreset] = useState(preset);
  if (summary.data && !summary.isPlaceholderData && shownPreset !== preset) setShownPreset(preset);
  const fresh = summary.data !== undefined && !summary.isStale;
  useMarkOnce('eco:dashboard-interactive', summary.data !== undefined);
  useMarkOnce('eco:dashboard-fresh', fresh);
  // Numbers first: on a cold start the charts wait until the database has answered, as their
  // first render holds the main thread for 300-500 ms (bench), which delayed the fresh numbers.
  const [chartsShown, setChartsShown] = useState(false);
  if (fresh && !chartsShown) setChartsShown(true);
  const goals = useLocalQuery({
    key: ['goals', 'active'],
    tables: ['goals', 'activities', 'emissions'],
    query: (db) => db.listGoals({ status: 'active' }),
    snapshot: true,
  });

  const workspaceOptions = [
    { value: 'all', label: 'Everything I can see' },
    { value: 'personal', label: 'Personal only' },
    ...(orgs.data ?? []).map((o) => ({ value: o.org_id, label: o.name })),
  ];

  return (
    <div className="stack">
      <div className="page-header">
        <h1>Dashboard</h1>
        {summary.isStale && summary.isFetching && (
          <span className="muted" role="status">
            Updating…
          </span>
        )}
        <div className={styles.filters}>
          <Select
            label="Period"
            value={preset}
            onValueChange={(v) => setPreset(v as PeriodPreset)}
            options={PRESETS}
          />
          {(orgs.data?.length ?? 0) > 0 && (
            <Select
              label="Workspace"
              value={workspace === '' ? 'all' : workspace}
              onValueChange={(v) => setWorkspace(v === 'all' ? '' : v)}
              options={workspaceOptions}
            />
          )}
        </div>
      </div>
      {summary.isPending ? (
        <LoadingSpinner size="large" label="Loading your dashboard…" />
      ) : summary.data ? (
        <DashboardBody
          data={summary.data}
          periodLabel={PERIOD_LABELS[shownPreset]}
          goals={goals.data ?? NO_GOALS}
          chartsShown={chartsShown}
        />
      ) : (
        <p role="alert">{String(summary.error)}</p>
      )}
    </div>
  );
}

const marked = new Set<string>();

/**
 * Marks, once per page load, the first moment the dashboard shows real numbers (from the
 * snapshot or the database) and the first moment they come fresh from the database; read by
 * `npm run bench -w client`.
 */
function useMarkOnce(name: string, when: boolean) {
  useEffect(() => {
    if (!when || marked.has(name)) return;
    marked.add(name);
    performance.mark(name);
  }, [name, when]);
}

const DashboardBody = memo(function DashboardBody({
  data,
  periodLabel,
  goals,
  chartsShown,
}: {
  data: DashboardSummary;
  periodLabel: string;
  goals: readonly GoalWithProgress[];
  chartsShown: boolean;
}) {
  const status = useSyncStatus();
  return (
    <div
      className="stack"
      data-testid="dashboard-ready"
      data-initial-sync={status?.initialSyncDone ? 'done' : 'pending'}
    >
      <div className={styles.summaryGrid}>
        <SummaryCard
          title={`Total · ${periodLabel}`}
          value={formatCo2e(data.period_total_kg)}
          detail={`${formatNumber(data.activity_count, 0)} activities`}
          testId="period-total"
        />
        <SummaryCard
          title="This month"
          value={formatCo2e(data.this_month_kg)}
          detail={
            <>
              Last month {formatCo2e(data.last_month_kg)}
              {data.change_pct !== null && (
                <span className={data.change_pct > 0 ? styles.up : styles.down}>
                  {' '}
                  ({formatPercent(data.change_pct)})
                </span>
              )}
            </>
          }
          testId="this-month"
        />
        <SummaryCard
          title="Largest category"
          value={data.by_category[0] ? humanize(data.by_category[0].category) : '–'}
          detail={data.by_category[0] ? formatCo2e(data.by_category[0].co2e_kg) : 'No activities'}
        />
      </div>

      <DashboardCharts data={data} periodLabel={periodLabel} shown={chartsShown} />

      <div className={styles.chartGrid}>
        <Card title="Goals" actions={<Link to="/goals">All goals</Link>}>
          {goals.length === 0 ? (
            <p className="muted">
              No active goals. <Link to="/goals">Set a goal</Link>
            </p>
          ) : (
            <ul className={styles.plainList}>
              {goals.slice(0, 4).map((g) => (
                <li key={g.goal_id}>
                  <GoalProgress goal={g} compact />
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Recent activities" actions={<Link to="/activities">All activities</Link>}>
          {data.recent.length === 0 ? (
            <p className="muted">Nothing logged yet.</p>
          ) : (
            <ul className={styles.plainList}>
              {data.recent.map((a) => (
                <li key={a.activity_id}>
                  <ActivityItem activity={a} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
});

/** The charts, apart from the rest of the body: re-rendered for new numbers, not for sync status. */
const DashboardCharts = memo(function DashboardCharts({
  data,
  periodLabel,
  shown,
}: {
  data: DashboardSummary;
  periodLabel: string;
  /** false: placeholders in their place (see `chartsShown`). */
  shown: boolean;
}) {
  const chart = (element: ReactNode) =>
    shown ? <Suspense fallback={<ChartFallback />}>{element}</Suspense> : <ChartFallback />;
  const nothingYet = data.activity_count === 0 && data.trend.every((t) => t.co2e_kg === 0);
  const scopes = [
    { label: 'Scope 1' as const, kg: data.scope_split.scope1_kg },
    { label: 'Scope 2' as const, kg: data.scope_split.scope2_kg },
    { label: 'Scope 2+3' as const, kg: data.scope_split.scope2_3_kg },
    { label: 'Scope 3' as const, kg: data.scope_split.scope3_kg },
  ];
  return nothingYet ? (
    <Card>
      <EmptyState title="No activities yet.">
        <Link to="/activities?new=1">Log your first activity</Link>
      </EmptyState>
    </Card>
  ) : (
    <>
      <div className={styles.chartGrid}>
        <Card title="Last 12 months" className={styles.wide}>
          {chart(<Charts.Trend trend={data.trend} />)}
        </Card>
        <Card title={`By category · ${periodLabel}`}>
          {data.by_category.length === 0 ? (
            <p className="muted">No emissions in this period.</p>
          ) : (
            chart(<Charts.Category categories={data.by_category} />)
          )}
        </Card>
        <Card title={`By scope · ${periodLabel}`}>
          {data.period_total_kg > 0 && chart(<Charts.Scope split={data.scope_split} />)}
          <ul className={styles.legend}>
            {scopes.map((s) => (
              <li key={s.label}>
                <span
                  className={styles.swatch}
                  style={{ background: SCOPE_COLORS[s.label] }}
                  aria-hidden="true"
                />
                {s.label}
                <span className={`number ${styles.legendValue}`}>{formatKg(s.kg)} kg</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
});
