/**
 * The emissions of a range as a few summable pieces: whole UTC months and whole UTC days from the
 * rollup (`emissions_totals`), the partial days at the range's ends from the emissions themselves.
 * Every piece yields rows (day, category, scope, micro, n) with `micro` the sum of
 * round(kg × TOTALS_SCALE), the rollup's unit, so the pieces add up exactly.
 *
 * The rollup is only read while its triggers exist (they are dropped during a bulk load, and the
 * rollup is rebuilt at its end); until then the whole range is summed from the rows.
 */
import {
  REPLICA_TABLES,
  TOTALS_GRAINS,
  TOTALS_SCALE,
  totalsTableName,
  totalsTriggerNames,
  type ReplicaTable,
} from '@eco-track/shared-schema';
import type { PeriodRange } from '../api.ts';
import type { SqlRunner, SqlValue } from '../db/sql-db.ts';
import { ownerFilter } from './scope-filter.ts';

const emissions = REPLICA_TABLES.find((t) => t.name === 'emissions') as ReplicaTable;
const TOTALS = `"${totalsTableName(emissions.name)}"`;
const TRIGGERS = totalsTriggerNames(emissions);
const DAY_MS = 86_400_000;

type Span = readonly [from: string, to: string];

export interface RangeCut {
  /** Summed from the rows: ISO instants. */
  rows: Span[];
  /** From the day rollup: `YYYY-MM-DD`, end exclusive. */
  days: Span[];
  /** From the month rollup: `YYYY-MM`, end exclusive. */
  months: Span[];
}

const isCanonical = (iso: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(iso) && new Date(iso).toISOString() === iso;
const isoOf = (ms: number) => new Date(ms).toISOString();
const dayOf = (ms: number) => isoOf(ms).slice(0, TOTALS_GRAINS.day.length);
const monthOf = (ms: number) => isoOf(ms).slice(0, TOTALS_GRAINS.month.length);

/** The UTC month start at or after `ms` (a day start). */
function monthCeil(ms: number): number {
  const d = new Date(ms);
  if (d.getUTCDate() === 1) return ms;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

function monthFloor(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/**
 * Cuts [from, to) into row spans (under a day each, at the ends), whole days and, with `months`,
 * whole months. Bounds that are not canonical ISO instants (as the replica stores timestamps)
 * compare differently as text, so such a range is left to the rows entirely.
 */
export function cutRange(from: string, to: string, months: boolean): RangeCut {
  const whole: RangeCut = { rows: [[from, to]], days: [], months: [] };
  if (!isCanonical(from) || !isCanonical(to)) return whole;
  const f = Date.parse(from);
  const t = Date.parse(to);
  const d0 = Math.ceil(f / DAY_MS) * DAY_MS;
  const d1 = Math.floor(t / DAY_MS) * DAY_MS;
  if (d0 >= d1) return whole;
  const cut: RangeCut = { rows: [], days: [], months: [] };
  if (f < d0) cut.rows.push([from, isoOf(d0)]);
  if (d1 < t) cut.rows.push([isoOf(d1), to]);
  const m0 = monthCeil(d0);
  const m1 = monthFloor(d1);
  if (!months || m0 >= m1) {
    cut.days.push([dayOf(d0), dayOf(d1)]);
    return cut;
  }
  cut.months.push([monthOf(m0), monthOf(m1)]);
  if (d0 < m0) cut.days.push([dayOf(d0), dayOf(m0)]);
  if (m1 < d1) cut.days.push([dayOf(m1), dayOf(d1)]);
  return cut;
}

/** The rollup's owner key of a query's rows (scope-filter.ts), or null when there is no user. */
function ownerKey(userId: string | null, orgId: string | null | undefined): string | null {
  if (typeof orgId === 'string') return `o:${orgId}`;
  if (userId === null) return null;
  return orgId === null ? `p:${userId}` : `u:${userId}`;
}

/** Whether the rollup is exact now: its triggers exist (not in the middle of a bulk load). */
async function rollupReady(db: SqlRunner): Promise<boolean> {
  if (TRIGGERS.length === 0) return false;
  const row = await db.get<{ n: number }>(
    `SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name IN (${TRIGGERS.map(() => '?').join(', ')})`,
    TRIGGERS,
  );
  return row?.n === TRIGGERS.length;
}

/**
 * A UNION ALL of the range's pieces, each row (day, category, scope, micro, n); `months` allows
 * whole-month pieces (whose `day` is `YYYY-MM`), for sums and monthly series.
 */
export async function sumPieces(
  db: SqlRunner,
  userId: string | null,
  r: PeriodRange,
  opts: { months: boolean },
): Promise<{ sql: string; params: SqlValue[] }> {
  const owner = ownerKey(userId, r.org_id);
  const cut =
    owner !== null && (await rollupReady(db))
      ? cutRange(r.from, r.to, opts.months)
      : { rows: [[r.from, r.to] as const], days: [], months: [] };
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const rollup = (grain: string, [a, b]: Span) => {
    parts.push(
      `SELECT period AS day, category, scope, micro, n FROM ${TOTALS}
       WHERE owner = ? AND grain = '${grain}' AND period >= ? AND period < ?`,
    );
    params.push(owner, a, b);
  };
  for (const span of cut.months) rollup(TOTALS_GRAINS.month.grain, span);
  for (const span of cut.days) rollup(TOTALS_GRAINS.day.grain, span);
  const filter = ownerFilter('e', userId, r.org_id);
  for (const [a, b] of cut.rows) {
    parts.push(
      `SELECT substr(e.timestamp, 1, 10) AS day, coalesce(e.category, '') AS category,
         coalesce(e.scope, '') AS scope,
         CAST(round(coalesce(e.co2_equivalent, 0) * ${TOTALS_SCALE}) AS INTEGER) AS micro, 1 AS n
       FROM emissions e WHERE ${filter.sql} AND e.timestamp >= ? AND e.timestamp < ?`,
    );
    params.push(...filter.params, a, b);
  }
  return { sql: parts.join(' UNION ALL '), params };
}
