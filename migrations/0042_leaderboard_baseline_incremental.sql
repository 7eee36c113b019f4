-- Leaderboard baseline kept by increments where that is exact (owner: sync mutations; the
-- leaderboard rollup itself is 0032/0034's).
--
-- 0034 recomputed a user's baseline (kg CO2e of their first 30 days of tracking) from the
-- emissions table on every write that fell in or before those 30 days: a scan of all the user's
-- emissions in the window, per statement. A device logging its first weeks writes exactly there,
-- so each sync batch re-read everything the user had logged so far: measured on PostgreSQL 15,
-- the emissions insert trigger grew from 3 ms to 8-12 ms per 200-row batch by the 2,400th row.
--
-- When a write keeps the user's first day (every delta on or after it, and none removing rows of
-- that day), the baseline moves by exactly the deltas inside the window: numeric sums are exact,
-- so baseline + deltas equals the recomputed sum to the last digit. Only the other writes (a
-- first write, a write before the first day, a delete on the first day) recompute as before.
CREATE OR REPLACE FUNCTION leaderboard_emissions_apply(d leaderboard_emission_delta[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  affected uuid[];
  recompute uuid[];
BEGIN
  IF d IS NULL OR cardinality(d) = 0 THEN
    RETURN;
  END IF;
  -- users deleted in this transaction (cascades) are skipped: their rows go with them
  INSERT INTO leaderboard_user_period AS p (kind, period_start, user_id, co2e_kg, activity_count,
    listed, baseline_rate, baseline_first_day)
  SELECT b.kind, b.period_start, x.user_id, sum(x.co2e_kg), sum(x.activity_count),
    bool_or(u.leaderboard_opt_in), max(leaderboard_rate_for(b.kind, b.period_start, bl.first_day, bl.baseline_kg)),
    max(bl.first_day)
  FROM unnest(d) x
  JOIN users u ON u.user_id = x.user_id
  LEFT JOIN leaderboard_user_baseline bl ON bl.user_id = x.user_id
  CROSS JOIN LATERAL leaderboard_buckets(x.day) b
  GROUP BY 1, 2, 3
  ON CONFLICT (kind, period_start, user_id) DO UPDATE SET
    co2e_kg = p.co2e_kg + EXCLUDED.co2e_kg,
    activity_count = p.activity_count + EXCLUDED.activity_count;

  -- baseline: users whose write falls in or before their first 30 days; those keeping their first
  -- day move by the window's deltas, the others are recomputed below
  WITH touched AS (
    SELECT x.user_id,
      bool_and(b.user_id IS NOT NULL
               AND (x.day > b.first_day OR (x.day = b.first_day AND x.activity_count >= 0)))
        AS keeps_first_day,
      sum(x.co2e_kg) AS window_kg
    FROM unnest(d) x
    JOIN users u ON u.user_id = x.user_id
    LEFT JOIN leaderboard_user_baseline b ON b.user_id = x.user_id
    WHERE b.user_id IS NULL OR x.day < b.first_day + 30
    GROUP BY x.user_id
  ), shifted AS (
    UPDATE leaderboard_user_baseline b SET baseline_kg = b.baseline_kg + t.window_kg
    FROM touched t
    WHERE t.keeps_first_day AND b.user_id = t.user_id
  )
  SELECT array_agg(user_id), array_agg(user_id) FILTER (WHERE NOT keeps_first_day)
    INTO affected, recompute
  FROM touched;
  IF affected IS NULL THEN
    RETURN;
  END IF;

  IF recompute IS NOT NULL THEN
    WITH fresh AS (
      SELECT a.user_id, f.first_day,
        (SELECT coalesce(sum(e.co2_equivalent), 0) FROM emissions e
          WHERE e.user_id = a.user_id
            AND e."timestamp" >= f.first_day::timestamp AT TIME ZONE 'UTC'
            AND e."timestamp" < (f.first_day + 30)::timestamp AT TIME ZONE 'UTC') AS baseline_kg
      FROM unnest(recompute) AS a(user_id)
      CROSS JOIN LATERAL (
        SELECT (min(e."timestamp") AT TIME ZONE 'UTC')::date AS first_day
        FROM emissions e WHERE e.user_id = a.user_id
      ) f
    ), gone AS (
      DELETE FROM leaderboard_user_baseline b USING fresh f
      WHERE b.user_id = f.user_id AND f.first_day IS NULL
    )
    INSERT INTO leaderboard_user_baseline AS b (user_id, first_day, baseline_kg)
    SELECT user_id, first_day, baseline_kg FROM fresh WHERE first_day IS NOT NULL
    ON CONFLICT (user_id) DO UPDATE SET first_day = EXCLUDED.first_day,
      baseline_kg = EXCLUDED.baseline_kg;
  END IF;

  -- the affected users' window rows follow their (new) baseline
  UPDATE leaderboard_user_period p
  SET baseline_rate = leaderboard_rate_for(p.kind, p.period_start, b.first_day, b.baseline_kg),
      baseline_first_day = b.first_day
  FROM unnest(affected) AS a(user_id)
  LEFT JOIN leaderboard_user_baseline b ON b.user_id = a.user_id
  WHERE p.user_id = a.user_id
    AND (p.baseline_rate IS DISTINCT FROM leaderboard_rate_for(p.kind, p.period_start, b.first_day, b.baseline_kg)
         OR p.baseline_first_day IS DISTINCT FROM b.first_day);
END
$$;
