/**
 * Dashboard figures, all from the local emissions view (synced rows with pending writes merged),
 * so they are instant and work offline. Periods are UTC calendar periods; series are zero-filled.
 */
import type {
  CategoryTotal,
  MonthComparison,
  PeriodRange,
  PeriodTotal,
  ScopeSplit,
} from '../api.ts';
import type { SqlRunner, SqlValue } from '../db/sql-db.ts';
import { ownerFilter } from './scope-filter.ts';

type GroupBy = 'day' | 'week' | 'month';

function rangeWhere(r: PeriodRange, userId: string | null): { sql: string; params: SqlValue[] } {
  const owner = ownerFilter('e', userId, r.org_id);
  return {
    sql: `${owner.sql} AND e.timestamp >= ? AND e.timestamp < ?`,
    params: [...owner.params, r.from, r.to],
  };
}

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

const SQL_PERIOD: Record<GroupBy, string> = {
  day: 'substr(e.timestamp, 1, 10)',
  month: 'substr(e.timestamp, 1, 7)',
  week: "date(substr(e.timestamp, 1, 10), '-' || ((CAST(strftime('%w', substr(e.timestamp, 1, 10)) AS INTEGER) + 6) % 7) || ' days')",
};

export async function totalsByPeriod(
  db: SqlRunner,
  userId: string | null,
  r: PeriodRange & { groupBy: GroupBy },
): Promise<PeriodTotal[]> {
  const w = rangeWhere(r, userId);
  const rows = await db.all<{ period: string; kg: number; n: number }>(
    `SELECT ${SQL_PERIOD[r.groupBy]} AS period, SUM(e.co2_equivalent) AS kg, COUNT(*) AS n
     FROM emissions e WHERE ${w.sql} GROUP BY period`,
    w.params,
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
    out.push({ period: key, co2e_kg: hit?.kg ?? 0, activity_count: hit?.n ?? 0 });
    cursor = nextPeriod(cursor, r.groupBy);
  }
  return out;
}

export async function periodTotal(
  db: SqlRunner,
  userId: string | null,
  r: PeriodRange,
): Promise<{ kg: number; n: number }> {
  const w = rangeWhere(r, userId);
  const row = await db.get<{ kg: number | null; n: number }>(
    `SELECT SUM(e.co2_equivalent) AS kg, COUNT(*) AS n FROM emissions e WHERE ${w.sql}`,
    w.params,
  );
  return { kg: row?.kg ?? 0, n: row?.n ?? 0 };
}

export async function monthComparison(
  db: SqlRunner,
  userId: string | null,
  nowIso: string,
  orgId?: string | null,
): Promise<MonthComparison> {
  const thisStart = monthStart(nowIso);
  const nextStart = monthStart(nowIso, 1);
  const lastStart = monthStart(nowIso, -1);
  const scope = orgId !== undefined ? { org_id: orgId } : {};
  const cur = await periodTotal(db, userId, { from: thisStart, to: nextStart, ...scope });
  const prev = await periodTotal(db, userId, { from: lastStart, to: thisStart, ...scope });
  return {
    this_month_kg: cur.kg,
    last_month_kg: prev.kg,
    change_pct: prev.kg === 0 ? null : ((cur.kg - prev.kg) / prev.kg) * 100,
  };
}

export async function byCategory(
  db: SqlRunner,
  userId: string | null,
  r: PeriodRange,
): Promise<CategoryTotal[]> {
  const w = rangeWhere(r, userId);
  return db.all<CategoryTotal>(
    `SELECT e.category AS category, SUM(e.co2_equivalent) AS co2e_kg, COUNT(*) AS activity_count
     FROM emissions e WHERE ${w.sql} GROUP BY e.category ORDER BY co2e_kg DESC`,
    w.params,
  );
}

export async function scopeSplit(
  db: SqlRunner,
  userId: string | null,
  r: PeriodRange,
): Promise<ScopeSplit> {
  const w = rangeWhere(r, userId);
  const rows = await db.all<{ scope: string; kg: number }>(
    `SELECT e.scope AS scope, SUM(e.co2_equivalent) AS kg FROM emissions e WHERE ${w.sql} GROUP BY e.scope`,
    w.params,
  );
  const kg = (s: string) => rows.find((x) => x.scope === s)?.kg ?? 0;
  return { scope1_kg: kg('1'), scope2_kg: kg('2'), scope3_kg: kg('3'), scope2_3_kg: kg('2+3') };
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
