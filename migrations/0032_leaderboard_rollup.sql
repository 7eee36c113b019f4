-- Leaderboard rollups (owner: ESG/leaderboards).
--
-- Why: a global leaderboard ranks up to 100k users. Summing user_challenges, user_achievements
-- and emissions per user at query time touches millions of rows; instead each user has one row
-- per window bucket (current ISO week 'w', calendar month 'm', all time 'a', all UTC) holding
-- the points earned and the CO2e logged in it, kept by triggers. A ranking is then one indexed
-- read of <= one row per user. The reduction baseline (the user's first 30 days of tracking)
-- is kept per user and recomputed only when a write lands inside or before those 30 days.

CREATE TABLE leaderboard_user_period (
  kind char(1) NOT NULL CHECK (kind IN ('w', 'm', 'a')),
  period_start date NOT NULL,
  user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  points bigint NOT NULL DEFAULT 0,
  co2e_kg numeric NOT NULL DEFAULT 0,
  activity_count bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, period_start, user_id)
);
CREATE INDEX leaderboard_user_period_user_idx ON leaderboard_user_period (user_id);
-- top-N by points without sorting every row of the bucket
CREATE INDEX leaderboard_user_period_points_idx ON leaderboard_user_period (kind, period_start, points DESC);

CREATE TABLE leaderboard_user_baseline (
  user_id uuid PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
  first_day date NOT NULL,
  baseline_kg numeric NOT NULL
);

-- the buckets a UTC day falls in
CREATE FUNCTION leaderboard_buckets(day date) RETURNS TABLE (kind char(1), period_start date)
LANGUAGE sql IMMUTABLE AS $$
  VALUES ('w'::char(1), date_trunc('week', day::timestamp)::date),
         ('m'::char(1), date_trunc('month', day::timestamp)::date),
         ('a'::char(1), DATE '1970-01-01')
$$;

CREATE OR REPLACE FUNCTION leaderboard_emissions_apply(d leaderboard_emission_delta[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF d IS NULL OR cardinality(d) = 0 THEN
    RETURN;
  END IF;
  -- users deleted in this transaction (cascades) are skipped: their rows go with them
  INSERT INTO leaderboard_user_period AS p (kind, period_start, user_id, co2e_kg, activity_count)
  SELECT b.kind, b.period_start, x.user_id, sum(x.co2e_kg), sum(x.activity_count)
  FROM unnest(d) x
  JOIN users u ON u.user_id = x.user_id
  CROSS JOIN LATERAL leaderboard_buckets(x.day) b
  GROUP BY 1, 2, 3
  ON CONFLICT (kind, period_start, user_id) DO UPDATE SET
    co2e_kg = p.co2e_kg + EXCLUDED.co2e_kg,
    activity_count = p.activity_count + EXCLUDED.activity_count;

  -- baseline: recompute for users whose write falls in or before their first 30 days
  WITH affected AS (
    SELECT DISTINCT x.user_id
    FROM unnest(d) x
    JOIN users u ON u.user_id = x.user_id
    LEFT JOIN leaderboard_user_baseline b ON b.user_id = x.user_id
    WHERE b.user_id IS NULL OR x.day < b.first_day + 30
  ), fresh AS (
    SELECT a.user_id, f.first_day,
      (SELECT coalesce(sum(e.co2_equivalent), 0) FROM emissions e
        WHERE e.user_id = a.user_id
          AND e."timestamp" >= f.first_day::timestamp AT TIME ZONE 'UTC'
          AND e."timestamp" < (f.first_day + 30)::timestamp AT TIME ZONE 'UTC') AS baseline_kg
    FROM affected a
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
END
$$;

CREATE TYPE leaderboard_points_delta AS (user_id uuid, day date, points bigint);

CREATE FUNCTION leaderboard_points_apply(d leaderboard_points_delta[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF d IS NULL OR cardinality(d) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO leaderboard_user_period AS p (kind, period_start, user_id, points)
  SELECT b.kind, b.period_start, x.user_id, sum(x.points)
  FROM unnest(d) x
  JOIN users u ON u.user_id = x.user_id
  CROSS JOIN LATERAL leaderboard_buckets(x.day) b
  GROUP BY 1, 2, 3
  HAVING sum(x.points) <> 0
  ON CONFLICT (kind, period_start, user_id) DO UPDATE SET points = p.points + EXCLUDED.points;
END
$$;

-- Challenge points count on the day the challenge ended for the user (completion), else the
-- day they joined.
CREATE FUNCTION leaderboard_user_challenges_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  src text;
  d leaderboard_points_delta[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    src := 'SELECT 1 AS sign, r.* FROM new_rows r';
  ELSIF TG_OP = 'DELETE' THEN
    src := 'SELECT -1 AS sign, r.* FROM old_rows r';
  ELSE
    src := 'SELECT -1 AS sign, r.* FROM old_rows r UNION ALL SELECT 1, r.* FROM new_rows r';
  END IF;
  EXECUTE format($q$
    SELECT coalesce(array_agg(ROW(g.user_id, g.day, g.points)::leaderboard_points_delta), '{}')
    FROM (SELECT c.user_id, (coalesce(c.end_date, c.start_date) AT TIME ZONE 'UTC')::date AS day,
                 sum(c.sign * c.points_awarded) AS points
          FROM (%s) c GROUP BY 1, 2) g
    WHERE g.points <> 0$q$, src) INTO d;
  PERFORM leaderboard_points_apply(d);
  RETURN NULL;
END
$fn$;

CREATE TRIGGER leaderboard_user_challenges_insert AFTER INSERT ON user_challenges
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION leaderboard_user_challenges_changed();
CREATE TRIGGER leaderboard_user_challenges_update AFTER UPDATE ON user_challenges
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION leaderboard_user_challenges_changed();
CREATE TRIGGER leaderboard_user_challenges_delete AFTER DELETE ON user_challenges
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION leaderboard_user_challenges_changed();

-- Achievement points count on the day the achievement was awarded.
CREATE FUNCTION leaderboard_user_achievements_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  src text;
  d leaderboard_points_delta[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    src := 'SELECT 1 AS sign, r.* FROM new_rows r';
  ELSIF TG_OP = 'DELETE' THEN
    src := 'SELECT -1 AS sign, r.* FROM old_rows r';
  ELSE
    src := 'SELECT -1 AS sign, r.* FROM old_rows r UNION ALL SELECT 1, r.* FROM new_rows r';
  END IF;
  -- an achievement deleted from the catalogue was already subtracted by its BEFORE DELETE trigger
  EXECUTE format($q$
    SELECT coalesce(array_agg(ROW(g.user_id, g.day, g.points)::leaderboard_points_delta), '{}')
    FROM (SELECT c.user_id, (c."timestamp" AT TIME ZONE 'UTC')::date AS day,
                 sum(c.sign * a.points) AS points
          FROM (%s) c JOIN achievements a ON a.achievement_id = c.achievement_id
          GROUP BY 1, 2) g
    WHERE g.points <> 0$q$, src) INTO d;
  PERFORM leaderboard_points_apply(d);
  RETURN NULL;
END
$fn$;

CREATE TRIGGER leaderboard_user_achievements_insert AFTER INSERT ON user_achievements
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION leaderboard_user_achievements_changed();
CREATE TRIGGER leaderboard_user_achievements_update AFTER UPDATE ON user_achievements
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION leaderboard_user_achievements_changed();
CREATE TRIGGER leaderboard_user_achievements_delete AFTER DELETE ON user_achievements
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION leaderboard_user_achievements_changed();

-- The catalogue changes an achievement's points: holders gain or lose the difference.
CREATE FUNCTION leaderboard_achievement_points_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM leaderboard_points_apply(ARRAY(
      SELECT ROW(ua.user_id, (ua."timestamp" AT TIME ZONE 'UTC')::date, -OLD.points::bigint)::leaderboard_points_delta
      FROM user_achievements ua WHERE ua.achievement_id = OLD.achievement_id));
    RETURN OLD;
  END IF;
  IF NEW.points IS DISTINCT FROM OLD.points THEN
    PERFORM leaderboard_points_apply(ARRAY(
      SELECT ROW(ua.user_id, (ua."timestamp" AT TIME ZONE 'UTC')::date,
                 (NEW.points - OLD.points)::bigint)::leaderboard_points_delta
      FROM user_achievements ua WHERE ua.achievement_id = NEW.achievement_id));
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER leaderboard_achievement_points BEFORE UPDATE OR DELETE ON achievements
  FOR EACH ROW EXECUTE FUNCTION leaderboard_achievement_points_changed();

-- Backfill from rows already present when this migration runs.
SELECT leaderboard_emissions_apply(ARRAY(
  SELECT ROW(g.user_id, g.day, g.co2e, g.n)::leaderboard_emission_delta
  FROM (SELECT e.user_id, (e."timestamp" AT TIME ZONE 'UTC')::date AS day,
               sum(e.co2_equivalent) AS co2e, count(*) AS n
        FROM emissions e GROUP BY 1, 2) g));
SELECT leaderboard_points_apply(ARRAY(
  SELECT ROW(g.user_id, g.day, g.points)::leaderboard_points_delta
  FROM (SELECT uc.user_id, (coalesce(uc.end_date, uc.start_date) AT TIME ZONE 'UTC')::date AS day,
               sum(uc.points_awarded) AS points
        FROM user_challenges uc GROUP BY 1, 2) g));
SELECT leaderboard_points_apply(ARRAY(
  SELECT ROW(g.user_id, g.day, g.points)::leaderboard_points_delta
  FROM (SELECT ua.user_id, (ua."timestamp" AT TIME ZONE 'UTC')::date AS day, sum(a.points) AS points
        FROM user_achievements ua JOIN achievements a USING (achievement_id) GROUP BY 1, 2) g));
