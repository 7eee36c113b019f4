-- ESG inventory rollup (owner: ESG/leaderboards).
--
-- Why a rollup: an organisation's inventory aggregates every emission of a period (1M rows in the
-- benchmark). Summing the raw rows costs ~100-200 ms per figure set on real Postgres; the inventory
-- needs several periods (current, prior year, base year). Rows are therefore pre-summed per
-- (owner, UTC day, every dimension a figure or its traceability is cut by). Day granularity keeps
-- date-range queries exact; numeric sums keep totals exact (numeric addition does not round), so
-- an inventory over the rollup equals one over the raw rows to the last digit.
--
-- Owner: an emission with org_id belongs to that organisation's inventory ('o'); one without to
-- its user's personal inventory ('u'). The rollup is maintained by statement-level triggers with
-- transition tables, so a bulk insert of a million rows costs one grouped upsert, and a single-row
-- write costs one small upsert.
--
-- data_quality lives on activities. Invariant: a rollup row's data_quality is the activity's
-- current value. Kept by (1) the activities update trigger moving an emission between qualities,
-- and (2) deleting an activity's emission BEFORE the activity row goes (so the emission delete
-- trigger can still read the activity's quality; the FK cascade then finds nothing to delete).

CREATE TABLE esg_emission_rollup (
  owner_kind char(1) NOT NULL CHECK (owner_kind IN ('o', 'u')),
  owner_id uuid NOT NULL,
  day date NOT NULL,
  scope varchar(3) NOT NULL,
  scope3_category smallint NOT NULL, -- 0 = none
  factor_key varchar(160) NOT NULL,
  factor_year integer NOT NULL,
  factor_source text NOT NULL,
  gwp_set varchar(3) NOT NULL,
  factor_unit varchar(20) NOT NULL,
  data_quality varchar(10) NOT NULL,
  activity_count bigint NOT NULL,
  co2e_kg numeric NOT NULL,
  co2_kg numeric NOT NULL,
  ch4_kg numeric NOT NULL,
  n2o_kg numeric NOT NULL,
  biogenic_co2_kg numeric NOT NULL,
  -- CO2e of emissions whose source gives no per-gas masses (e.g. spend-based, food): by_gas
  -- reports it apart rather than pretending it is CO2.
  unsplit_co2e_kg numeric NOT NULL,
  -- the activity amount in the factor's unit (kWh for electricity: market-based Scope 2 needs it)
  quantity numeric NOT NULL,
  PRIMARY KEY (owner_kind, owner_id, day, scope, scope3_category, factor_key, factor_year,
               factor_source, gwp_set, factor_unit, data_quality)
);

CREATE TYPE esg_rollup_delta AS (
  owner_kind char(1), owner_id uuid, day date, scope varchar(3), scope3_category smallint,
  factor_key varchar(160), factor_year integer, factor_source text, gwp_set varchar(3),
  factor_unit varchar(20), data_quality varchar(10), activity_count bigint, co2e_kg numeric,
  co2_kg numeric, ch4_kg numeric, n2o_kg numeric, biogenic_co2_kg numeric,
  unsplit_co2e_kg numeric, quantity numeric
);

-- Adds pre-grouped signed deltas (one element per rollup key) and drops rows that reach zero.
CREATE FUNCTION esg_rollup_apply(d esg_rollup_delta[]) RETURNS void LANGUAGE plpgsql AS $$
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
  DELETE FROM esg_emission_rollup r
  USING unnest(d) x
  WHERE x.activity_count < 0 AND r.activity_count = 0
    AND r.owner_kind = x.owner_kind AND r.owner_id = x.owner_id AND r.day = x.day
    AND r.scope = x.scope AND r.scope3_category = x.scope3_category
    AND r.factor_key = x.factor_key AND r.factor_year = x.factor_year
    AND r.factor_source = x.factor_source AND r.gwp_set = x.gwp_set
    AND r.factor_unit = x.factor_unit AND r.data_quality = x.data_quality;
END
$$;

-- The grouping every trigger applies to a set of signed emission rows `c` joined to activities
-- `a`; kept in one place and spliced into the triggers' dynamic SQL (transition tables are only
-- visible to SQL run by the trigger function itself, not to functions it calls).
CREATE FUNCTION esg_rollup_grouping_sql(src text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    SELECT coalesce(array_agg(ROW(g.owner_kind, g.owner_id, g.day, g.scope, g.cat, g.factor_key,
      g.factor_year, g.factor_source, g.gwp_set, g.factor_unit, g.data_quality, g.n, g.co2e, g.co2,
      g.ch4, g.n2o, g.bio, g.unsplit, g.qty)::esg_rollup_delta), '{}')
    FROM (
      SELECT CASE WHEN c.org_id IS NULL THEN 'u' ELSE 'o' END AS owner_kind,
        coalesce(c.org_id, c.user_id) AS owner_id,
        (c."timestamp" AT TIME ZONE 'UTC')::date AS day,
        c.scope, coalesce(c.scope3_category, 0)::smallint AS cat, c.factor_key, c.factor_year,
        c.factor_source, c.gwp_set, c.factor_unit, c.data_quality,
        sum(c.sign)::bigint AS n,
        sum(c.sign * c.co2_equivalent) AS co2e,
        sum(c.sign * c.co2_kg) AS co2,
        sum(c.sign * c.ch4_kg) AS ch4,
        sum(c.sign * c.n2o_kg) AS n2o,
        sum(c.sign * c.biogenic_co2_kg) AS bio,
        sum(CASE WHEN c.co2_kg = 0 AND c.ch4_kg = 0 AND c.n2o_kg = 0
                 THEN c.sign * c.co2_equivalent ELSE 0 END) AS unsplit,
        sum(c.sign * c.converted_amount) AS qty
      FROM (%s) c
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    ) g
  $q$, src)
$$;

-- Per (user, UTC day) signed CO2e, for the leaderboards' reduction ranking (migration 0032).
CREATE TYPE leaderboard_emission_delta AS (user_id uuid, day date, co2e_kg numeric, activity_count bigint);

CREATE FUNCTION leaderboard_user_day_sql(src text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    SELECT coalesce(array_agg(ROW(g.user_id, g.day, g.co2e, g.n)::leaderboard_emission_delta), '{}')
    FROM (
      SELECT c.user_id, (c."timestamp" AT TIME ZONE 'UTC')::date AS day,
        sum(c.sign * c.co2_equivalent) AS co2e, sum(c.sign)::bigint AS n
      FROM (%s) c
      GROUP BY 1, 2
    ) g
  $q$, src)
$$;

-- Replaced by migration 0032 with the leaderboard rollup; a no-op until then.
CREATE FUNCTION leaderboard_emissions_apply(d leaderboard_emission_delta[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  RETURN;
END
$$;

-- Columns that change what an emission contributes; other updates (touch, derivation text) skip.
CREATE FUNCTION esg_emissions_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  src text;
  rollup esg_rollup_delta[];
  user_days leaderboard_emission_delta[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    src := 'SELECT 1 AS sign, e.*, a.data_quality FROM new_rows e
            JOIN activities a ON a.activity_id = e.activity_id';
  ELSIF TG_OP = 'DELETE' THEN
    src := 'SELECT -1 AS sign, e.*, a.data_quality FROM old_rows e
            JOIN activities a ON a.activity_id = e.activity_id';
  ELSE
    src := 'WITH changed AS (
              SELECT o.emission_id FROM old_rows o JOIN new_rows n USING (emission_id)
              WHERE (o.org_id, o.user_id, o."timestamp", o.scope, o.scope3_category, o.factor_key,
                     o.factor_year, o.factor_source, o.gwp_set, o.factor_unit, o.co2_equivalent,
                     o.co2_kg, o.ch4_kg, o.n2o_kg, o.biogenic_co2_kg, o.converted_amount,
                     o.activity_id)
                IS DISTINCT FROM
                    (n.org_id, n.user_id, n."timestamp", n.scope, n.scope3_category, n.factor_key,
                     n.factor_year, n.factor_source, n.gwp_set, n.factor_unit, n.co2_equivalent,
                     n.co2_kg, n.ch4_kg, n.n2o_kg, n.biogenic_co2_kg, n.converted_amount,
                     n.activity_id))
            SELECT -1 AS sign, e.*, a.data_quality FROM old_rows e
              JOIN changed USING (emission_id) JOIN activities a ON a.activity_id = e.activity_id
            UNION ALL
            SELECT 1 AS sign, e.*, a.data_quality FROM new_rows e
              JOIN changed USING (emission_id) JOIN activities a ON a.activity_id = e.activity_id';
  END IF;
  EXECUTE esg_rollup_grouping_sql(src) INTO rollup;
  PERFORM esg_rollup_apply(rollup);
  EXECUTE leaderboard_user_day_sql(src) INTO user_days;
  PERFORM leaderboard_emissions_apply(user_days);
  RETURN NULL;
END
$fn$;

CREATE TRIGGER esg_emissions_insert AFTER INSERT ON emissions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION esg_emissions_changed();
CREATE TRIGGER esg_emissions_update AFTER UPDATE ON emissions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION esg_emissions_changed();
CREATE TRIGGER esg_emissions_delete AFTER DELETE ON emissions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION esg_emissions_changed();

-- An activity's data_quality changed: move its emission from the old quality to the new one.
CREATE FUNCTION esg_activities_quality_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  rollup esg_rollup_delta[];
BEGIN
  EXECUTE esg_rollup_grouping_sql(
    'SELECT s.sign, e.*, CASE WHEN s.sign < 0 THEN o.data_quality ELSE n.data_quality END
              AS data_quality
       FROM old_acts o
       JOIN new_acts n ON n.activity_id = o.activity_id AND n.data_quality <> o.data_quality
       JOIN emissions e ON e.activity_id = n.activity_id
       CROSS JOIN (VALUES (-1), (1)) s(sign)') INTO rollup;
  PERFORM esg_rollup_apply(rollup);
  RETURN NULL;
END
$fn$;

CREATE TRIGGER esg_activities_quality AFTER UPDATE ON activities
  REFERENCING OLD TABLE AS old_acts NEW TABLE AS new_acts
  FOR EACH STATEMENT EXECUTE FUNCTION esg_activities_quality_changed();

-- Delete the emission while its activity (and so its data_quality) is still visible.
CREATE FUNCTION esg_activity_deleting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM emissions WHERE activity_id = OLD.activity_id;
  RETURN OLD;
END
$$;

CREATE TRIGGER esg_activity_delete BEFORE DELETE ON activities
  FOR EACH ROW EXECUTE FUNCTION esg_activity_deleting();

-- Traceability lists the activities behind one figure (scope, Scope 3 category) in time order;
-- these indexes make that a short index range scan instead of a scan of the org's period.
CREATE INDEX emissions_org_scope_trace_idx ON emissions (org_id, scope, scope3_category, "timestamp")
  WHERE org_id IS NOT NULL;
CREATE INDEX emissions_user_scope_trace_idx ON emissions (user_id, scope, scope3_category, "timestamp")
  WHERE org_id IS NULL;

-- Backfill from emissions already present when this migration runs.
DO $$
DECLARE
  rollup esg_rollup_delta[];
BEGIN
  EXECUTE esg_rollup_grouping_sql('SELECT 1 AS sign, e.*, a.data_quality FROM emissions e
    JOIN activities a ON a.activity_id = e.activity_id') INTO rollup;
  PERFORM esg_rollup_apply(rollup);
END
$$;
