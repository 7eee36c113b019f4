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

interface Candidate {
  [k: string]: unknown;
  user_id: string;
  display_name: string;
  points: number;
  reduction: number | null;
  rnk?: number;
}

/**
 * The candidates' SELECT. $1 kind, $2 period_start, $3 elapsed days, $4 today, $5 scope id,
 * $6 window start as timestamptz (challenge points), $7 the caller.
 * `who` picks the rows: opted-in users, or the caller alone.
 */
function candidatesSql(scope: LeaderboardQuery['scope'], who: 'listed' | 'me'): string {
  const reduction = `CASE
      WHEN $1 <> 'a' THEN
        CASE WHEN b.baseline_kg > 0 AND b.first_day + ${BASELINE_DAYS} <= $2::date AND p.activity_count > 0
             THEN (1 - (p.co2e_kg / $3::numeric) / (b.baseline_kg / ${BASELINE_DAYS})) * 100 END
      ELSE
        CASE WHEN b.baseline_kg > 0 AND $4::date - (b.first_day + ${BASELINE_DAYS}) + 1 >= ${MIN_DAYS_AFTER_BASELINE}
             THEN (1 - ((p.co2e_kg - b.baseline_kg) / ($4::date - (b.first_day + ${BASELINE_DAYS}) + 1))
                       / (b.baseline_kg / ${BASELINE_DAYS})) * 100 END
    END`;
  const include = who === 'listed' ? 'u.leaderboard_opt_in' : 'u.user_id = $7::uuid';
  // every variant types every parameter, so one parameter list serves all of them
  const typed =
    '($5::uuid IS NULL OR TRUE) AND ($6::timestamptz IS NULL OR TRUE) AND ($7::uuid IS NULL OR TRUE)';
  if (scope === 'challenge') {
    return `SELECT u.user_id, coalesce(u.display_name, 'Anonymous') AS display_name,
        CASE WHEN $6::timestamptz IS NULL OR coalesce(uc.end_date, uc.start_date) >= $6::timestamptz
             THEN uc.points_awarded ELSE 0 END::bigint AS points,
        ${reduction} AS reduction
      FROM user_challenges uc
      JOIN users u ON u.user_id = uc.user_id
      LEFT JOIN leaderboard_user_period p ON p.user_id = uc.user_id AND p.kind = $1 AND p.period_start = $2::date
      LEFT JOIN leaderboard_user_baseline b ON b.user_id = uc.user_id
      WHERE uc.challenge_id = $5::uuid AND ${include} AND ${typed}`;
  }
  const member =
    scope === 'org' ? 'JOIN memberships m ON m.user_id = p.user_id AND m.org_id = $5::uuid' : '';
  return `SELECT u.user_id, coalesce(u.display_name, 'Anonymous') AS display_name, p.points, ${reduction} AS reduction
    FROM leaderboard_user_period p
    ${member}
    JOIN users u ON u.user_id = p.user_id AND ${include}
    LEFT JOIN leaderboard_user_baseline b ON b.user_id = p.user_id
    WHERE p.kind = $1 AND p.period_start = $2::date AND ${typed}`;
}

const metric = (rankBy: LeaderboardQuery['rank_by']) =>
  rankBy === 'points' ? 'points' : 'reduction';
const qualifies = (rankBy: LeaderboardQuery['rank_by']) =>
  rankBy === 'points' ? 'c.points > 0' : 'c.reduction IS NOT NULL';

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
  const m = metric(q.rank_by);
  const listed = await tx.query<Candidate & { rn: number }>(
    `WITH c AS (${candidatesSql(q.scope, 'listed')}),
     ranked AS (
       SELECT c.*, RANK() OVER (ORDER BY c.${m} DESC) AS rnk,
              ROW_NUMBER() OVER (ORDER BY c.${m} DESC, c.display_name, c.user_id) AS rn
       FROM c WHERE ${qualifies(q.rank_by)}
     )
     SELECT * FROM ranked WHERE rn <= $8 OR user_id = $7::uuid ORDER BY rn`,
    [...params, q.limit],
  );
  const toEntry = (c: Candidate, rank: number): LeaderboardEntry => ({
    rank,
    display_name: c.display_name,
    points: Number(c.points ?? 0),
    reduction_pct: c.reduction === null ? null : Number(c.reduction),
    is_me: c.user_id === userId,
  });
  const entries = listed.filter((c) => c.rn <= q.limit).map((c) => toEntry(c, Number(c.rnk)));

  let me: Leaderboard['me'] = null;
  const mine = listed.find((c) => c.user_id === userId);
  if (mine) {
    me = { ...toEntry(mine, Number(mine.rnk)), listed: true };
  } else {
    // not listed (not opted in, or not qualifying): where the caller would stand
    const [self] = await tx.query<Candidate>(
      `SELECT * FROM (${candidatesSql(q.scope, 'me')}) c`,
      params,
    );
    const value = self
      ? q.rank_by === 'points'
        ? Number(self.points ?? 0)
        : self.reduction
      : null;
    if (self && value !== null && (q.rank_by === 'reduction' || Number(value) > 0)) {
      const [better] = await tx.query<{ n: number }>(
        `WITH c AS (${candidatesSql(q.scope, 'listed')})
         SELECT count(*) AS n FROM c WHERE ${qualifies(q.rank_by)} AND c.${m} > $8::numeric`,
        [...params, value],
      );
      me = { ...toEntry(self, Number(better?.n ?? 0) + 1), listed: false };
    }
  }
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
