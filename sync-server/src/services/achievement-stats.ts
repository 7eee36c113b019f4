/**
 * The activity figures achievement criteria look at, computed only as far as a pending criterion
 * needs them, because evaluation runs after every activity write (once per sync batch):
 *
 *   activity_count   counted up to the highest threshold still pending (LIMIT), not in full
 *   streak_days      longest run of consecutive UTC days with an activity; the distinct days are
 *                    found by a loose index scan (one probe of activities_user_time_idx per day
 *                    with activity) instead of reading every activity
 *   categories       distinct categories by a loose index scan of emissions_user_category_idx
 *                    (at most 8 probes)
 *   acted_on         recommendations marked acted on
 *
 * A figure no pending achievement needs is not computed (null). Measured by
 * `sync-server/bench/engagement-bench.ts` (see docs/decisions.md).
 */
import type { Queryable } from '../db/types.ts';

export interface StatsNeeds {
  /** Count activities up to this many (the highest pending threshold); undefined: skip. */
  activityCountUpTo?: number;
  streak?: boolean;
  categories?: boolean;
  actedOn?: boolean;
}

export interface ActivityFigures {
  activity_count: number | null;
  streak_days: number | null;
  categories_logged: number | null;
  recommendations_acted_on: number | null;
}

async function scalar(tx: Queryable, sql: string, params: unknown[]): Promise<number> {
  const [row] = await tx.query<{ n: number | null }>(sql, params);
  return Number(row?.n ?? 0);
}

export async function activityFigures(
  tx: Queryable,
  userId: string,
  needs: StatsNeeds,
): Promise<ActivityFigures> {
  const out: ActivityFigures = {
    activity_count: null,
    streak_days: null,
    categories_logged: null,
    recommendations_acted_on: null,
  };
  if (needs.activityCountUpTo !== undefined) {
    out.activity_count = await scalar(
      tx,
      `SELECT count(*)::int8 AS n FROM (
         SELECT 1 FROM activities WHERE user_id = $1::uuid LIMIT $2::int) s`,
      [userId, needs.activityCountUpTo],
    );
  }
  if (needs.streak) {
    // d walks the distinct UTC days: each step asks the index for the first activity at or after
    // the next midnight. A run of consecutive days has a constant day - row_number().
    out.streak_days = await scalar(
      tx,
      `WITH RECURSIVE d(day) AS (
         SELECT (min("timestamp") AT TIME ZONE 'UTC')::date FROM activities WHERE user_id = $1::uuid
         UNION ALL
         SELECT (SELECT (min(a."timestamp") AT TIME ZONE 'UTC')::date FROM activities a
                  WHERE a.user_id = $1::uuid
                    AND a."timestamp" >= ((d.day + 1)::timestamp AT TIME ZONE 'UTC'))
           FROM d WHERE d.day IS NOT NULL)
       SELECT COALESCE(max(len), 0)::int8 AS n FROM (
         SELECT count(*) AS len FROM (
           SELECT day - (row_number() OVER (ORDER BY day))::int AS island FROM d WHERE day IS NOT NULL
         ) x GROUP BY island) runs`,
      [userId],
    );
  }
  if (needs.categories) {
    out.categories_logged = await scalar(
      tx,
      `WITH RECURSIVE c(cat) AS (
         SELECT min(category) FROM emissions WHERE user_id = $1::uuid
         UNION ALL
         SELECT (SELECT min(e.category) FROM emissions e WHERE e.user_id = $1::uuid AND e.category > c.cat)
           FROM c WHERE c.cat IS NOT NULL)
       SELECT count(cat)::int8 AS n FROM c`,
      [userId],
    );
  }
  if (needs.actedOn) {
    out.recommendations_acted_on = await scalar(
      tx,
      'SELECT count(*)::int8 AS n FROM user_recommendations WHERE user_id = $1::uuid AND acted_on',
      [userId],
    );
  }
  return out;
}
