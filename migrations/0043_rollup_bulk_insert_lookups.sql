-- Rollup triggers for bulk inserts (owner: sync mutations; the rollups are 0030-0035's).
--
-- 1. esg_emissions_inserted (0035) joined the statement's new emissions to activities for their
--    data_quality. Its plan is cached per session, and for a many-row statement the planner hashes
--    the whole activities table: EXPLAIN ANALYZE of a 200-emission sync batch on PostgreSQL 15
--    showed a Seq Scan of all 37,620 activities, 18.8 ms of the trigger, growing with the table.
--    Each emission now looks its activity up by primary key (a scalar subquery: one index probe
--    per row whatever the statistics say). Every emission has its activity (foreign key, checked
--    before statement triggers run), so the figures are unchanged.
-- 2. leaderboard_emissions_apply (0042) upserted a user's window rows and then updated them again
--    with the new baseline rate: two new row versions per bucket and batch, in every index of the
--    table (the rate and CO2e are indexed). The baseline is now settled first and the upsert writes
--    the rate with the sums; only the user's other rows are updated when their rate moved.

CREATE OR REPLACE FUNCTION esg_emissions_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM esg_rollup_apply(ARRAY(
    SELECT ROW(g.owner_kind, g.owner_id, g.day, g.scope, g.cat, g.factor_key, g.factor_year,
      g.factor_source, g.gwp_set, g.factor_unit, g.data_quality, g.n, g.co2e, g.co2, g.ch4, g.n2o,
      g.bio, g.unsplit, g.qty)::esg_rollup_delta
    FROM (
      SELECT CASE WHEN c.org_id IS NULL THEN 'u' ELSE 'o' END AS owner_kind,
        coalesce(c.org_id, c.user_id) AS owner_id,
        (c."timestamp" AT TIME ZONE 'UTC')::date AS day,
        c.scope, coalesce(c.scope3_category, 0)::smallint AS cat, c.factor_key, c.factor_year,
        c.factor_source, c.gwp_set, c.factor_unit,
        (SELECT a.data_quality FROM activities a WHERE a.activity_id = c.activity_id) AS data_quality,
        count(*) AS n, sum(c.co2_equivalent) AS co2e, sum(c.co2_kg) AS co2, sum(c.ch4_kg) AS ch4,
        sum(c.n2o_kg) AS n2o, sum(c.biogenic_co2_kg) AS bio,
        sum(CASE WHEN c.co2_kg = 0 AND c.ch4_kg = 0 AND c.n2o_kg = 0 THEN c.co2_equivalent ELSE 0 END) AS unsplit,
        sum(c.converted_amount) AS qty
      FROM new_rows c
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    ) g));
  PERFORM leaderboard_emissions_apply(ARRAY(
    SELECT ROW(g.user_id, g.day, g.co2e, g.n)::leaderboard_emission_delta
    FROM (
      SELECT c.user_id, (c."timestamp" AT TIME ZONE 'UTC')::date AS day,
        sum(c.co2_equivalent) AS co2e, count(*) AS n
      FROM new_rows c GROUP BY 1, 2
    ) g));
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION leaderboard_emissions_apply(d leaderboard_emission_delta[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  affected uuid[];
  recompute uuid[];
BEGIN
  IF d IS NULL OR cardinality(d) = 0 THEN
    RETURN;
  END IF;

  -- baseline (0042): users whose write falls in or before their first 30 days; those keeping their
  -- first day move by the window's deltas, the others are recomputed from their emissions
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

  -- the window rows of the deltas, with the (new) baseline's rate; users deleted in this
  -- transaction (cascades) are skipped: their rows go with them
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
    activity_count = p.activity_count + EXCLUDED.activity_count,
    baseline_rate = EXCLUDED.baseline_rate,
    baseline_first_day = EXCLUDED.baseline_first_day;

  IF affected IS NULL THEN
    RETURN;
  END IF;
  -- the affected users' other window rows follow their new baseline
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
