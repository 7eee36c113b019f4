-- Rollup triggers, insert fast path (owner: ESG/leaderboards).
--
-- Measured (1,000 single-row activity+emission inserts, one transaction each, on the loaded
-- 2-core dev machine): no rollup 140/s; rollup trigger of 0030 (dynamic SQL, planned on every
-- statement) 52/s. Inserts are the sync write path's common case, so they get static SQL
-- (plans cached per session) and skip the zero-row cleanup, which only a decrement can need.

CREATE OR REPLACE FUNCTION esg_rollup_apply(d esg_rollup_delta[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF d IS NULL OR cardinality(d) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO esg_emission_rollup AS r (owner_kind, owner_id, day, scope, scope3_category,
    factor_key, factor_year, factor_source, gwp_set, factor_unit, data_quality, activity_count,
    co2e_kg, co2_kg, ch4_kg, n2o_kg, biogenic_co2_kg, unsplit_co2e_kg, quantity)
  SELECT x.owner_kind, x.owner_id, x.day, x.scope, x.scope3_category, x.factor_key,
    x.factor_year, x.factor_source, x.gwp_set, x.factor_unit, x.data_quality, x.activity_count,
    x.co2e_kg, x.co2_kg, x.ch4_kg, x.n2o_kg, x.biogenic_co2_kg, x.unsplit_co2e_kg, x.quantity
  FROM unnest(d) x
  ON CONFLICT (owner_kind, owner_id, day, scope, scope3_category, factor_key, factor_year,
               factor_source, gwp_set, factor_unit, data_quality)
  DO UPDATE SET
    activity_count = r.activity_count + EXCLUDED.activity_count,
    co2e_kg = r.co2e_kg + EXCLUDED.co2e_kg,
    co2_kg = r.co2_kg + EXCLUDED.co2_kg,
    ch4_kg = r.ch4_kg + EXCLUDED.ch4_kg,
    n2o_kg = r.n2o_kg + EXCLUDED.n2o_kg,
    biogenic_co2_kg = r.biogenic_co2_kg + EXCLUDED.biogenic_co2_kg,
    unsplit_co2e_kg = r.unsplit_co2e_kg + EXCLUDED.unsplit_co2e_kg,
    quantity = r.quantity + EXCLUDED.quantity;
  -- only a decrement can bring a row to zero
  IF EXISTS (SELECT 1 FROM unnest(d) x WHERE x.activity_count < 0) THEN
    DELETE FROM esg_emission_rollup r
    USING unnest(d) x
    WHERE x.activity_count < 0 AND r.activity_count = 0
      AND r.owner_kind = x.owner_kind AND r.owner_id = x.owner_id AND r.day = x.day
      AND r.scope = x.scope AND r.scope3_category = x.scope3_category
      AND r.factor_key = x.factor_key AND r.factor_year = x.factor_year
      AND r.factor_source = x.factor_source AND r.gwp_set = x.gwp_set
      AND r.factor_unit = x.factor_unit AND r.data_quality = x.data_quality;
  END IF;
END
$$;

-- The same grouping as esg_rollup_grouping_sql (0030) and leaderboard_user_day_sql, for inserts.
CREATE FUNCTION esg_emissions_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
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
        c.factor_source, c.gwp_set, c.factor_unit, a.data_quality,
        count(*) AS n, sum(c.co2_equivalent) AS co2e, sum(c.co2_kg) AS co2, sum(c.ch4_kg) AS ch4,
        sum(c.n2o_kg) AS n2o, sum(c.biogenic_co2_kg) AS bio,
        sum(CASE WHEN c.co2_kg = 0 AND c.ch4_kg = 0 AND c.n2o_kg = 0 THEN c.co2_equivalent ELSE 0 END) AS unsplit,
        sum(c.converted_amount) AS qty
      FROM new_rows c JOIN activities a ON a.activity_id = c.activity_id
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

DROP TRIGGER esg_emissions_insert ON emissions;
CREATE TRIGGER esg_emissions_insert AFTER INSERT ON emissions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION esg_emissions_inserted();
