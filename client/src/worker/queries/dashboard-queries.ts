/**
 * Dashboard figures, from the local data (synced rows with pending writes merged), so they are
 * instant and work offline. Periods are UTC calendar periods; series are zero-filled.
 *
 * Sums come from the emissions rollup (`emissions_totals`, kept exact by triggers; see
 * shared-schema/src/replica/sqlite-totals.ts): a range is cut into whole UTC months, whole UTC days
 * and the partial days at its ends, which are summed from the emissions themselves (sum-pieces.ts).
 * Values are summed as integer millionths of a kg, so the rollup and the rows agree exactly.
 */
import { TOTALS_SCALE } from '@eco-track/shared-schema';
import type {
  CategoryTotal,
  MonthComparison,
  PeriodRange,
  PeriodTotal,
  ScopeSplit,
} from '../api.ts';
import type { SqlRunner } from '../db/sql-db.ts';
import { sumPieces } from './sum-pieces.ts';

type GroupBy = 'day' | 'week' | 'month';

const kg = (micro: number) => micro / TOTALS_SCALE;

/** The ISO start of the UTC month containing `iso`, shifted by `delta` months. */
export function monthStart(iso: string, delta = 0): string {
  const d = new Date(iso);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + delta, 1)).toISOString();
}

function periodKey(date: Date, groupBy: GroupBy): string {
  const iso = date.toISOString();
  if (groupBy === 'month') return iso.slice(0, 7);
  if (groupBy === 'day') return iso.slice(0, 10);
  const dow = (date.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - dow))
    .toISOString()
    .slice(0, 10);
}

function nextPeriod(date: Date, groupBy: GroupBy): Date {
  if (groupBy === 'month')
    return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
  const days = groupBy === 'day' ? 1 : 7;
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + days));
}

// Over the pieces' `day` column: `YYYY-MM-DD`, or `YYYY-MM` for whole months (grouping by month only).
const SQL_PERIOD: Record<GroupBy, string> = {
  day: 'day',
  month: 'substr(day, 1, 7)',
  week: "date(day, '-' || ((CAST(strftime('%w', day) AS INTEGER) + 6) % 7) || ' days')",
};

export async function totalsByPeriod(
  db: SqlRunner,
  userId: string | null,
  r: PeriodRange & { groupBy: GroupBy },
): Promise<PeriodTotal[]> {
  const pieces = await sumPieces(db, userId, r, { months: r.groupBy === 'month' });
  const rows = await db.all<{ period: string; micro: number; n: number }>(
    `SELECT ${SQL_PERIOD[r.groupBy]} AS period, SUM(micro) AS micro, SUM(n) AS n
     FROM (${pieces.sql}) GROUP BY period`,
    pieces.params,
  );
  const byPeriod = new Map(rows.map((x) => [x.period, x]));
  const out: PeriodTotal[] = [];
  const end = new Date(r.to).getTime();
  let cursor = new Date(r.from);
  // Align the first bucket to its period start.
  const first = periodKey(cursor, r.groupBy);
  cursor = new Date(r.groupBy === 'month' ? `${first}-01T00:00:00Z` : `${first}T00:00:00Z`);
  for (let guard = 0; cursor.getTime() < end && guard < 5000; guard++) {
    const key = periodKey(cursor, r.groupBy);
    const hit = byPeriod.get(key);
    out.push({ period: key, co2e_kg: kg(hit?.micro ?? 0), activity_count: hit?.n ?? 0 });
    cursor = nextPeriod(cursor, r.groupBy);
  }
  return out;
}

export interface RangeSummary {
  kg: number;
  n: number;
  byCategory: CategoryTotal[];
  scopeSplit: ScopeSplit;
}

/** Total, categories and scopes of a range in one query. */
export async function rangeSummary(
  db: SqlRunner,
  userId: string | null,
  r: PeriodRange,
): Promise<RangeSummary> {
  const pieces = await sumPieces(db, userId, r, { months: true });
  const rows = await db.all<{ category: string; scope: string; micro: number; n: number }>(
    `SELECT category, scope, SUM(micro) AS micro, SUM(n) AS n FROM (${pieces.sql})
     GROUP BY category, scope`,
    pieces.params,
  );
  const categories = new Map<string, { micro: number; n: number }>();
  const scopes = new Map<string, number>();
  let micro = 0;
  let n = 0;
  for (const row of rows) {
    const c = categories.get(row.category) ?? { micro: 0, n: 0 };
    c.micro += row.micro;
    c.n += row.n;
    categories.set(row.category, c);
    scopes.set(row.scope, (scopes.get(row.scope) ?? 0) + row.micro);
    micro += row.micro;
    n += row.n;
  }
  const scopeKg = (s: string) => kg(scopes.get(s) ?? 0);
  return {
    kg: kg(micro),
    n,
    byCategory: [...categories]
      .sort(([a, x], [b, y]) => y.micro - x.micro || a.localeCompare(b))
      .map(([category, c]) => ({ category, co2e_kg: kg(c.micro), activity_count: c.n })),
    scopeSplit: {
      scope1_kg: scopeKg('1'),
      scope2_kg: scopeKg('2'),
      scope3_kg: scopeKg('3'),
      scope2_3_kg: scopeKg('2+3'),
    },
  };
}

export async function periodTotal(
  db: SqlRunner,
  userId: string | null,
  r: PeriodRange,
): Promise<{ kg: number; n: number }> {
  const s = await rangeSummary(db, userId, r);
  return { kg: s.kg, n: s.n };
}

export async function byCategory(
  db: SqlRunner,
  userId: string | null,
  r: PeriodRange,
): Promise<CategoryTotal[]> {
  return (await rangeSummary(db, userId, r)).byCategory;
}

export async function scopeSplit(
  db: SqlRunner,
  userId: string | null,
  r: PeriodRange,
): Promise<ScopeSplit> {
  return (await rangeSummary(db, userId, r)).scopeSplit;
}

/** This month against the last, from a monthly series that ends with this month. */
export function comparisonOf(months: readonly PeriodTotal[]): MonthComparison {
  const cur = months.at(-1)?.co2e_kg ?? 0;
  const prev = months.at(-2)?.co2e_kg ?? 0;
  return {
    this_month_kg: cur,
    last_month_kg: prev,
    change_pct: prev === 0 ? null : ((cur - prev) / prev) * 100,
  };
}

export async function monthlyTrend(
  db: SqlRunner,
  userId: string | null,
  nowIso: string,
  months = 12,
  orgId?: string | null,
): Promise<PeriodTotal[]> {
  return totalsByPeriod(db, userId, {
    from: monthStart(nowIso, -(months - 1)),
    to: monthStart(nowIso, 1),
    groupBy: 'month',
    ...(orgId !== undefined ? { org_id: orgId } : {}),
  });
}

export async function monthComparison(
  db: SqlRunner,
  userId: string | null,
  nowIso: string,
  orgId?: string | null,
): Promise<MonthComparison> {
  return comparisonOf(await monthlyTrend(db, userId, nowIso, 2, orgId));
}
