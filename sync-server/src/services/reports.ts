/**
 * Reports: a footprint report is a snapshot, stored in `reports.data`, of a person's (or an
 * organisation's) stored emissions over a period of UTC days:
 *
 *   total_emissions, activity_count
 *   breakdown (by category), by_activity_type, by_scope      one SQL pass with GROUPING SETS
 *   (about 0.4 s for a year of 50k activities on Postgres: sync-server/bench/engagement-bench.ts)
 *   monthly: every calendar month overlapping the period, zeros included
 *   comparison with the previous period of the same length, ending the day before start_date
 *
 * All sums are numeric in SQL, so each figure equals SUM(co2_equivalent) over its rows exactly.
 *
 * Periods: "Monthly Carbon Footprint" / "Yearly Carbon Footprint" take start_date and end_date
 * when both are given; otherwise the calendar month / year containing start_date, else end_date,
 * else today. "By Activity Type" and "Custom Range" require both dates.
 *
 * "ESG Report" is built by the ESG module when one is wired in (the `esg` option); without it the
 * request is refused with 422 naming the supported types.
 *
 * Access: a personal report is its creator's; an organisation report is created by owners, admins
 * and members and read by every member, viewers included.
 */
import {
  ESG_REPORT_TYPE,
  FOOTPRINT_REPORT_TYPES,
  type EsgFramework,
  type FootprintReportData,
  type Report,
  type ReportCreateRequest,
  type ReportListQuery,
} from '@eco-track/shared-schema';
import type { Queryable } from '../db/types.ts';
import { uuidv7 } from './ids.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { subjectFilter, type Subject } from './footprint.ts';
import type { Actor, Clock } from './goals.ts';
import { orgRole } from './authorization.ts';
import { requireMember, requireWriter } from './org-access.ts';
import {
  addDays,
  daysInclusive,
  monthOf,
  monthsCovering,
  periodWindow,
  todayUtc,
  yearOf,
} from './periods.ts';

/** What the ESG module provides to build an "ESG Report" document (stored as `data`). */
export type EsgReportBuilder = (
  tx: Queryable,
  request: {
    userId: string;
    orgId: string | null;
    framework: EsgFramework;
    startDate: string;
    endDate: string;
    now: Date;
    industry?: string | null;
  },
) => Promise<object>;

export interface ReportOptions extends Clock {
  esg?: EsgReportBuilder;
}

interface ReportRow extends Report {
  [k: string]: unknown;
}

const COLUMNS = `report_id, user_id, org_id, report_type, framework, start_date, end_date, data,
  version, supersedes, created_at, updated_at`;

/** The period a request covers (see the module comment). */
export function resolveReportPeriod(
  input: Pick<ReportCreateRequest, 'report_type' | 'start_date' | 'end_date'>,
  now: Date,
): { start: string; end: string } {
  if (input.start_date && input.end_date) return { start: input.start_date, end: input.end_date };
  const anchor = input.start_date ?? input.end_date ?? todayUtc(now);
  if (input.report_type === 'Monthly Carbon Footprint') return monthOf(anchor);
  if (input.report_type === 'Yearly Carbon Footprint') return yearOf(anchor);
  // The request schema requires both dates for the other types; this is the service's own guard.
  throw new ValidationError(`start_date and end_date are required for "${input.report_type}"`);
}

interface GroupRow {
  g_category: number;
  g_type: number;
  g_scope: number;
  g_month: number;
  category: string | null;
  activity_type: string | null;
  scope: string | null;
  month: string | null;
  total: number | null;
  n: number;
  [k: string]: unknown;
}

/** The footprint of `subject` over the dates [start, end] (see the module comment). */
export async function buildFootprintData(
  tx: Queryable,
  subject: Subject,
  start: string,
  end: string,
  now: Date,
): Promise<FootprintReportData> {
  const f = subjectFilter(subject);
  const period = periodWindow(start, end);
  const days = daysInclusive(start, end);
  const rows = await tx.query<GroupRow>(
    // The finest groups first (one row per category x type x scope x month), then the grouping
    // sets over them: the per-row work is one hash aggregate, and month labels are formatted
    // once per group. Sums stay numeric throughout, so every figure is exact.
    `WITH fine AS (
       SELECT e.category, a.activity_type, e.scope,
              date_trunc('month', e."timestamp" AT TIME ZONE 'UTC') AS month_start,
              SUM(e.co2_equivalent) AS total, count(*) AS n
         FROM emissions e JOIN activities a ON a.activity_id = e.activity_id
        WHERE ${f.sql} AND e."timestamp" >= $2::timestamptz AND e."timestamp" < $3::timestamptz
        GROUP BY 1, 2, 3, 4)
     SELECT GROUPING(category) AS g_category, GROUPING(activity_type) AS g_type,
            GROUPING(scope) AS g_scope, GROUPING(month_start) AS g_month,
            category, activity_type, scope, to_char(month_start, 'YYYY-MM') AS month,
            SUM(total) AS total, SUM(n)::int8 AS n
       FROM fine
      GROUP BY GROUPING SETS ((), (category), (activity_type), (scope), (month_start))`,
    [f.id, period.from.toISOString(), period.to.toISOString()],
  );
  const data: FootprintReportData = {
    unit: 'kg CO2e',
    subject: subject.orgId !== undefined ? { org_id: subject.orgId } : { user_id: subject.userId },
    period: { start_date: start, end_date: end, days },
    total_emissions: 0,
    activity_count: 0,
    breakdown: {},
    by_activity_type: {},
    by_scope: {},
    monthly: [],
    comparison: {
      previous_start_date: addDays(start, -days),
      previous_end_date: addDays(start, -1),
      previous_total_emissions: 0,
      change_kg: 0,
      change_pct: null,
    },
    generated_at: now.toISOString(),
  };
  const months = new Map<string, { total: number; n: number }>();
  for (const r of rows) {
    const total = Number(r.total ?? 0);
    const n = Number(r.n);
    if (r.g_category === 0) data.breakdown[r.category ?? 'unknown'] = total;
    else if (r.g_type === 0) data.by_activity_type[r.activity_type ?? 'unknown'] = total;
    else if (r.g_scope === 0) data.by_scope[r.scope ?? 'unknown'] = total;
    else if (r.g_month === 0 && r.month) months.set(r.month, { total, n });
    else {
      data.total_emissions = total;
      data.activity_count = n;
    }
  }
  data.monthly = monthsCovering(start, end).map((month) => ({
    month,
    total_emissions: months.get(month)?.total ?? 0,
    activity_count: months.get(month)?.n ?? 0,
  }));

  const previous = periodWindow(
    data.comparison.previous_start_date,
    data.comparison.previous_end_date,
  );
  const [cmp] = await tx.query<{ prev: number; change_kg: number; change_pct: number | null }>(
    `SELECT prev, cur - prev AS change_kg,
            CASE WHEN prev > 0 THEN round((cur - prev) * 100 / prev, 2) END AS change_pct
       FROM (SELECT
               COALESCE(SUM(e.co2_equivalent) FILTER (WHERE e."timestamp" >= $4::timestamptz), 0) AS cur,
               COALESCE(SUM(e.co2_equivalent) FILTER (WHERE e."timestamp" < $4::timestamptz), 0) AS prev
               FROM emissions e
              WHERE ${f.sql} AND e."timestamp" >= $2::timestamptz AND e."timestamp" < $3::timestamptz) s`,
    [f.id, previous.from.toISOString(), period.to.toISOString(), period.from.toISOString()],
  );
  if (cmp) {
    data.comparison.previous_total_emissions = Number(cmp.prev);
    data.comparison.change_kg = Number(cmp.change_kg);
    data.comparison.change_pct = cmp.change_pct === null ? null : Number(cmp.change_pct);
  }
  return data;
}

async function loadReport(tx: Queryable, reportId: string): Promise<ReportRow | undefined> {
  const [row] = await tx.query<ReportRow>(
    `SELECT ${COLUMNS} FROM reports WHERE report_id = $1::uuid`,
    [reportId],
  );
  return row;
}

const toReport = (r: ReportRow): Report => ({
  report_id: r.report_id,
  user_id: r.user_id,
  org_id: r.org_id,
  report_type: r.report_type,
  framework: r.framework,
  start_date: r.start_date,
  end_date: r.end_date,
  data: r.data,
  version: r.version,
  supersedes: r.supersedes,
  created_at: r.created_at,
  updated_at: r.updated_at,
});

export async function createReport(
  tx: Queryable,
  actor: Actor,
  input: ReportCreateRequest,
  opts: ReportOptions = {},
): Promise<{ report: Report; created: boolean }> {
  const now = opts.now ?? new Date();
  const orgId = input.org_id ?? null;
  if (input.report_type === ESG_REPORT_TYPE && !opts.esg) {
    throw new ValidationError(
      `report_type "${ESG_REPORT_TYPE}" is not available on this server yet; supported: ` +
        FOOTPRINT_REPORT_TYPES.map((t) => `"${t}"`).join(', '),
    );
  }
  if (orgId) await requireWriter(tx, actor.userId, orgId, 'create organisation reports');
  const { start, end } =
    input.report_type === ESG_REPORT_TYPE && !(input.start_date && input.end_date)
      ? yearOf(input.start_date ?? input.end_date ?? todayUtc(now))
      : resolveReportPeriod(input, now);

  if (input.report_id) {
    const existing = await loadReport(tx, input.report_id);
    if (existing) {
      const same =
        existing.user_id === actor.userId &&
        existing.report_type === input.report_type &&
        existing.org_id === orgId &&
        existing.start_date === start &&
        existing.end_date === end &&
        existing.framework === (input.framework ?? null);
      if (same) return { report: toReport(existing), created: false };
      throw new ConflictError('A report with this report_id already exists');
    }
  }

  let data: object;
  if (input.report_type === ESG_REPORT_TYPE && opts.esg && input.framework) {
    data = await opts.esg(tx, {
      userId: actor.userId,
      orgId,
      framework: input.framework,
      startDate: start,
      endDate: end,
      now,
      industry: input.industry ?? null,
    });
  } else {
    const subject: Subject = orgId ? { orgId } : { userId: actor.userId };
    data = await buildFootprintData(tx, subject, start, end, now);
  }
  const [row] = await tx.query<ReportRow>(
    `INSERT INTO reports (report_id, user_id, org_id, report_type, framework, start_date, end_date, data)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6::date, $7::date, $8::text::jsonb)
     RETURNING ${COLUMNS}`,
    [
      input.report_id ?? uuidv7(),
      actor.userId,
      orgId,
      input.report_type,
      input.framework ?? null,
      start,
      end,
      JSON.stringify(data),
    ],
  );
  if (!row) throw new Error('report insert returned no row');
  return { report: toReport(row), created: true };
}

/** A report the actor may read; 404 otherwise (its existence is not revealed). */
export async function getReport(tx: Queryable, actor: Actor, reportId: string): Promise<Report> {
  const row = await loadReport(tx, reportId);
  if (!row) throw new NotFoundError('Report not found');
  const visible =
    row.org_id === null
      ? row.user_id === actor.userId
      : (await orgRole(tx, actor.userId, row.org_id)) !== null;
  if (!visible) throw new NotFoundError('Report not found');
  return toReport(row);
}

/**
 * The actor's personal reports and the reports of every organisation they belong to, newest
 * first; with org_id only that organisation's (members, viewers included).
 */
export async function listReports(
  tx: Queryable,
  actor: Actor,
  query: ReportListQuery,
): Promise<Report[]> {
  if (query.org_id) await requireMember(tx, actor.userId, query.org_id);
  const rows = await tx.query<ReportRow>(
    `SELECT ${COLUMNS} FROM reports r
      WHERE CASE WHEN $2::uuid IS NOT NULL THEN r.org_id = $2::uuid
                 ELSE (r.org_id IS NULL AND r.user_id = $1::uuid)
                      OR r.org_id IN (SELECT m.org_id FROM memberships m WHERE m.user_id = $1::uuid)
            END
        AND ($3::text IS NULL OR r.report_type = $3::text)
      ORDER BY r.created_at DESC, r.report_id
      LIMIT $4::int OFFSET $5::int`,
    [
      actor.userId,
      query.org_id ?? null,
      query.report_type ?? null,
      query.page_size,
      (query.page - 1) * query.page_size,
    ],
  );
  return rows.map(toReport);
}
