-- Leaderboard rollup, second step (owner: ESG/leaderboards): rank without touching every row.
--
-- Measured on 10k users (bench/esg-bench.ts): ranking all candidates with RANK() over a join with
-- users cost 70-260 ms, growing linearly. Two columns let an index answer instead:
--   listed         = users.leaderboard_opt_in, copied here (kept by a trigger on users), so the
--                    top N is the first N entries of a partial index, and a rank is an index count;
--   baseline_rate  = the user's baseline kg CO2e per day, set only on window rows that start after
--                    the baseline's 30 days (NULL otherwise; all-time rows always carry it), so the
--                    weekly/monthly reduction order is an index on co2e_kg / baseline_rate;
--   baseline_first_day  the baseline's first day, so the all-time reduction (which depends on
--                    today) is one scan of the all-time rows, without a join.

ALTER TABLE leaderboard_user_period
  ADD COLUMN listed boolean NOT NULL DEFAULT false,
  ADD COLUMN baseline_rate numeric,
  ADD COLUMN baseline_first_day date;

DROP INDEX leaderboard_user_period_points_idx;
CREATE INDEX leaderboard_listed_points_idx ON leaderboard_user_period (kind, period_start, points DESC, user_id)
  WHERE listed AND points > 0;
CREATE INDEX leaderboard_listed_reduction_idx
  ON leaderboard_user_period (kind, period_start, (co2e_kg / baseline_rate), user_id)
  WHERE listed AND baseline_rate > 0 AND activity_count > 0;
CREATE INDEX leaderboard_listed_alltime_idx
  ON leaderboard_user_period (period_start, user_id)
  INCLUDE (co2e_kg, baseline_rate, baseline_first_day, points, listed)
  WHERE kind = 'a' AND listed AND baseline_rate > 0;

-- the baseline rate a row of this bucket carries
CREATE FUNCTION leaderboard_rate_for(kind char(1), period_start date, first_day date, baseline_kg numeric)
RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN first_day IS NULL THEN NULL
              WHEN kind = 'a' OR first_day + 30 <= period_start THEN baseline_kg / 30 END
$$;

CREATE OR REPLACE FUNCTION leaderboard_emissions_apply(d leaderboard_emission_delta[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  affected uuid[];
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

  -- baseline: recompute for users whose write falls in or before their first 30 days
  SELECT array_agg(DISTINCT x.user_id) INTO affected
  FROM unnest(d) x
  JOIN users u ON u.user_id = x.user_id
  LEFT JOIN leaderboard_user_baseline b ON b.user_id = x.user_id
  WHERE b.user_id IS NULL OR x.day < b.first_day + 30;
  IF affected IS NULL THEN
    RETURN;
  END IF;

  WITH fresh AS (
    SELECT a.user_id, f.first_day,
      (SELECT coalesce(sum(e.co2_equivalent), 0) FROM emissions e
        WHERE e.user_id = a.user_id
          AND e."timestamp" >= f.first_day::timestamp AT TIME ZONE 'UTC'
          AND e."timestamp" < (f.first_day + 30)::timestamp AT TIME ZONE 'UTC') AS baseline_kg
    FROM unnest(affected) AS a(user_id)
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

CREATE OR REPLACE FUNCTION leaderboard_points_apply(d leaderboard_points_delta[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF d IS NULL OR cardinality(d) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO leaderboard_user_period AS p (kind, period_start, user_id, points, listed, baseline_rate,
    baseline_first_day)
  SELECT b.kind, b.period_start, x.user_id, sum(x.points), bool_or(u.leaderboard_opt_in),
    max(leaderboard_rate_for(b.kind, b.period_start, bl.first_day, bl.baseline_kg)), max(bl.first_day)
  FROM unnest(d) x
  JOIN users u ON u.user_id = x.user_id
  LEFT JOIN leaderboard_user_baseline bl ON bl.user_id = x.user_id
  CROSS JOIN LATERAL leaderboard_buckets(x.day) b
  GROUP BY 1, 2, 3
  HAVING sum(x.points) <> 0
  ON CONFLICT (kind, period_start, user_id) DO UPDATE SET points = p.points + EXCLUDED.points;
END
$$;

-- opting in or out shows or hides every row of the user at once
CREATE FUNCTION leaderboard_opt_in_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE leaderboard_user_period SET listed = NEW.leaderboard_opt_in WHERE user_id = NEW.user_id;
  RETURN NULL;
END
$$;
CREATE TRIGGER leaderboard_opt_in AFTER UPDATE OF leaderboard_opt_in ON users
  FOR EACH ROW WHEN (OLD.leaderboard_opt_in IS DISTINCT FROM NEW.leaderboard_opt_in)
  EXECUTE FUNCTION leaderboard_opt_in_changed();

-- backfill the new columns
UPDATE leaderboard_user_period p SET listed = u.leaderboard_opt_in
FROM users u WHERE u.user_id = p.user_id AND p.listed IS DISTINCT FROM u.leaderboard_opt_in;
UPDATE leaderboard_user_period p
SET baseline_rate = leaderboard_rate_for(p.kind, p.period_start, b.first_day, b.baseline_kg),
    baseline_first_day = b.first_day
FROM leaderboard_user_baseline b WHERE b.user_id = p.user_id;
