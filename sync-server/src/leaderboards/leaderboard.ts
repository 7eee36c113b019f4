/**
 * Leaderboards over the rollup of migration 0032 (one row per user and window bucket), ranked
 * by points (challenges + achievements earned in the window) or by % reduction against the
 * user's own baseline (mean daily CO2e of their first 30 days of tracking, against the mean
 * daily CO2e of the window; all-time: of everything after the baseline).
 *
 * Privacy: only users who opted in (users.leaderboard_opt_in, false by default) are listed, in
 * every scope, by display name only (no ids, usernames or emails). The caller always sees their
 * own standing in `me`; when they have not opted in it is where they would stand, and they are
 * not part of anyone's list, their own included.
 *
 * Scopes: global; org (members of the organisation; the caller must be one); challenge (its
 * participants; points are that challenge's points awarded in the window).
 */
import type { Leaderboard, LeaderboardEntry, LeaderboardQuery } from '@eco-track/shared-schema';
import type { Queryable } from '../db/types.ts';
import { NotFoundError } from '../errors.ts';
import {
  BASELINE_DAYS,
  MIN_DAYS_AFTER_BASELINE,
  windowBucket,
  type WindowBucket,
} from './windows.ts';

interface Row {
  [k: string]: unknown;
  user_id: string;
  display_name: string;
  points: number | null;
  reduction: number | null;
  metric: number | null;
  listed: boolean;
  better?: number;
}

/**
 * One ranking as SQL over the rollup. Parameters: $1 kind, $2 period_start, $3 elapsed days,
 * $4 today, $5 scope id, $6 window start (challenge points), $7 the caller.
 * `inner(listedOnly)` yields (user_id, points, reduction, metric, listed) for qualifying users;
 * `metric` orders them (`dir`). With the partial indexes of migration 0034 the global and
 * organisation lists are index scans that stop after `limit` rows and a rank is an index count;
 * display names are joined for the listed rows only.
 */
interface Plan {
  inner: (listedOnly: boolean) => string;
  dir: 'ASC' | 'DESC';
  /** the SQL type of `metric` */
  metricType: 'numeric' | 'float8';
}

// every plan types every parameter, so one parameter list serves all of them
const TYPED =
  '($1::text IS NULL OR TRUE) AND ($2::date IS NULL OR TRUE) AND ($3::numeric IS NULL OR TRUE) AND ($4::date IS NULL OR TRUE) AND ($5::uuid IS NULL OR TRUE) ' +
  'AND ($6::timestamptz IS NULL OR TRUE) AND ($7::uuid IS NULL OR TRUE)';

/**
 * The bucket as literals, not parameters: the partial indexes of migration 0034 are chosen only
 * when the planner sees the values (both come from windowBucket, never from the request).
 */
const bucketSql = (w: WindowBucket, t: string): string => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(w.periodStart)) throw new Error('bad bucket date');
  return `${t}.kind = '${w.kind}' AND ${t}.period_start = DATE '${w.periodStart}'`;
};

const daysAfterBaseline = (t: string) =>
  `($4::date - (${t}.baseline_first_day + ${BASELINE_DAYS}) + 1)`;

/** Reduction eligibility and the per-day ratio (lower is better) on rollup rows aliased `t`. */
function reductionSql(
  kind: WindowBucket['kind'],
  t: string,
): { eligible: string; ratio: string; pct: string } {
  if (kind === 'a') {
    // float8: this one is computed for every candidate (it depends on today), so it must be cheap
    const ratio = `((${t}.co2e_kg::float8 - ${t}.baseline_rate::float8 * ${BASELINE_DAYS}) / ${daysAfterBaseline(t)}) / ${t}.baseline_rate::float8`;
    return {
      eligible: `${t}.baseline_rate > 0 AND ${daysAfterBaseline(t)} >= ${MIN_DAYS_AFTER_BASELINE}`,
      ratio,
      pct: `(1 - ${ratio}) * 100`,
    };
  }
  // the expression of leaderboard_listed_reduction_idx, so the order is an index scan
  return {
    eligible: `${t}.baseline_rate > 0 AND ${t}.activity_count > 0`,
    ratio: `(${t}.co2e_kg / ${t}.baseline_rate)`,
    pct: `(1 - (${t}.co2e_kg / $3::numeric) / ${t}.baseline_rate) * 100`,
  };
}

function plan(q: LeaderboardQuery, w: WindowBucket): Plan {
  const kind = w.kind;
  const bucket = bucketSql(w, 'p');
  const challenge = q.scope === 'challenge';
  const byPoints = q.rank_by === 'points';
  const red = reductionSql(kind, 'p');
  // challenge points ranked: the challenge's points awarded in the window, in the order of
  // user_challenges_points_idx (0036); otherwise shown for the window (0 outside it)
  const inWindow =
    '($6::timestamptz IS NULL OR coalesce(uc.end_date, uc.start_date) >= $6::timestamptz)';
  const points = !challenge
    ? 'p.points'
    : byPoints
      ? 'uc.points_awarded'
      : `(CASE WHEN ${inWindow} THEN uc.points_awarded ELSE 0 END)`;
  const qualifies = byPoints ? `${points} > 0` : red.eligible;
  const metric = byPoints ? points : red.ratio;
  const listed = challenge ? 'u.leaderboard_opt_in' : 'p.listed';
  const from = challenge
    ? `user_challenges uc
       JOIN users u ON u.user_id = uc.user_id
       ${byPoints ? '' : `JOIN leaderboard_user_period p ON p.user_id = uc.user_id AND ${bucket}`}
       WHERE uc.challenge_id = $5::uuid${byPoints ? ` AND ${inWindow}` : ''}`
    : `leaderboard_user_period p
       ${q.scope === 'org' ? 'JOIN memberships m ON m.user_id = p.user_id AND m.org_id = $5::uuid' : ''}
       WHERE ${bucket}`;
  return {
    dir: byPoints ? 'DESC' : 'ASC',
    metricType: !byPoints && kind === 'a' ? 'float8' : 'numeric',
    inner: (listedOnly) =>
      `SELECT ${challenge ? 'uc' : 'p'}.user_id, ${points} AS points, ${metric} AS metric, ${listed} AS listed
       FROM ${from} AND ${TYPED} AND ${qualifies}${listedOnly ? ` AND ${listed}` : ''}`,
  };
}

/** Display name and reduction of ranked rows `i` (looked up for the listed rows only). */
function outer(w: WindowBucket): string {
  const red = reductionSql(w.kind, 'r');
  return `coalesce(u.display_name, 'Anonymous') AS display_name,
    CASE WHEN ${red.eligible} THEN ${red.pct} END AS reduction
    FROM users u
    LEFT JOIN leaderboard_user_period r ON r.user_id = u.user_id AND ${bucketSql(w, 'r')}`;
}

/** How many listed users rank strictly above `value`. */
async function countAbove(
  tx: Queryable,
  pl: Plan,
  params: unknown[],
  value: string,
  op: '<' | '>',
): Promise<number> {
  const [row] = await tx.query<{ n: number }>(
    `SELECT count(*) AS n FROM (${pl.inner(true)}) o WHERE o.metric ${op} $8::${pl.metricType}`,
    [...params, value],
  );
  return Number(row?.n ?? 0);
}

const toEntry = (r: Row, rank: number, userId: string): LeaderboardEntry => ({
  rank,
  display_name: r.display_name,
  points: Number(r.points ?? 0),
  reduction_pct: r.reduction === null ? null : Number(r.reduction),
  is_me: r.user_id === userId,
});

export async function getLeaderboard(
  tx: Queryable,
  userId: string,
  q: LeaderboardQuery,
  now: Date = new Date(),
): Promise<Leaderboard> {
  const id = q.id ?? null;
  if (q.scope === 'org' && id) {
    const rows = await tx.query(
      'SELECT 1 FROM memberships WHERE org_id = $1::uuid AND user_id = $2::uuid',
      [id, userId],
    );
    if (rows.length === 0) throw new NotFoundError('Organisation not found');
  }
  if (q.scope === 'challenge' && id) {
    const rows = await tx.query('SELECT 1 FROM challenges WHERE challenge_id = $1::uuid', [id]);
    if (rows.length === 0) throw new NotFoundError('Challenge not found');
  }
  const w: WindowBucket = windowBucket(q.window, now);
  const params = [
    w.kind,
    w.periodStart,
    w.elapsedDays,
    w.today,
    id,
    w.from ? `${w.from}T00:00:00Z` : null,
    userId,
  ];
  const pl = plan(q, w);
  const op = pl.dir === 'DESC' ? '>' : '<';
  // the caller first: their value goes back as an exact literal (its text form), so the count
  // below is planned from statistics (an index-only scan of the partial index)
  const [mine] = await tx.query<Row & { metric_text: string }>(
    `SELECT i.*, i.metric::text AS metric_text, ${outer(w)}
     JOIN (${pl.inner(false)}) i ON i.user_id = u.user_id
     WHERE u.user_id = $7::uuid`,
    params,
  );
  let listed: Row[];
  let above = 0;
  const top = `SELECT i.*, ${outer(w)}
     JOIN (SELECT * FROM c ORDER BY metric ${pl.dir}, user_id LIMIT $8) i ON i.user_id = u.user_id
     ORDER BY i.metric ${pl.dir}, i.user_id`;
  if (pl.metricType === 'float8' && mine) {
    // all-time reduction depends on today, so it is computed for every candidate: once, shared by
    // the top N and the caller's count
    listed = await tx.query<Row>(
      `WITH c AS MATERIALIZED (${pl.inner(true)})
       SELECT t.*, (SELECT count(*) FROM c WHERE c.metric ${op} $9::float8) AS better FROM (${top}) t`,
      [...params, q.limit, mine.metric_text],
    );
    above = Number(listed[0]?.better ?? (await countAbove(tx, pl, params, mine.metric_text, op)));
  } else {
    listed = await tx.query<Row>(`WITH c AS (${pl.inner(true)}) ${top}`, [...params, q.limit]);
    if (mine) above = await countAbove(tx, pl, params, mine.metric_text, op);
  }
  const entries: LeaderboardEntry[] = [];
  listed.forEach((r, i) => {
    // competition ranking: equal values share the rank of the first of them
    const prev = entries[i - 1];
    const rank = prev && Number(listed[i - 1]?.metric) === Number(r.metric) ? prev.rank : i + 1;
    entries.push(toEntry(r, rank, userId));
  });
  const me: Leaderboard['me'] = mine
    ? { ...toEntry(mine, above + 1, userId), listed: mine.listed === true }
    : null;

  return {
    scope: q.scope,
    id,
    window: q.window,
    rank_by: q.rank_by,
    period: { from: w.from, to: w.today },
    entries,
    me,
  };
}
