/** The dashboard's numbers as a local query: the page's, and its prefetch on a cold start. */
import type { QueryClient } from '@tanstack/react-query';
import { localQueryOptions, type LocalQueryOptions } from '../../hooks/use-local-query.ts';
import type { Db } from '../../services/db.ts';
import { presetRange, type PeriodPreset } from '../../utils/dates.ts';
import type { DashboardSummary } from '../../worker/api.ts';

/** `workspace`: '' = everything visible, 'personal' = own rows only, otherwise an organisation id. */
export function dashboardQuery(
  range: { from: string; to: string },
  workspace: string,
): LocalQueryOptions<DashboardSummary> {
  const orgFilter = workspace === '' ? {} : { org_id: workspace === 'personal' ? null : workspace };
  return {
    key: ['dashboard', range.from, range.to, workspace],
    tables: ['activities', 'emissions'],
    query: (db) => db.dashboard({ ...range, ...orgFilter, recentLimit: 5 }),
    keepPrevious: true,
    snapshot: true,
  };
}

export const FIRST_PRESET: PeriodPreset = 'this_month';

/**
 * Asks for the dashboard's first numbers before React renders (main.tsx, on /dashboard): the
 * worker answers as soon as its database is open, instead of when the page has mounted.
 */
export function prefetchDashboard(client: QueryClient, db: Db): void {
  void client.prefetchQuery(localQueryOptions(db, dashboardQuery(presetRange(FIRST_PRESET), '')));
}
