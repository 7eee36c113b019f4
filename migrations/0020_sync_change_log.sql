-- Change capture for sync (sync-server/src/sync). Every change to a synced table is appended to
-- sync_changes by an AFTER ROW trigger, with the writing transaction's id and the row as Postgres
-- text values. A trigger-filled bigserial is not commit order when writers run concurrently, so
-- rows start unpublished (position NULL); a single publisher at a time (advisory lock) later gives
-- each committed transaction the next log position, in commit order (publisher.ts explains why
-- that order is right). Shapes read only published rows. Runs on PostgreSQL 15 and PGlite.

CREATE TABLE sync_state (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  -- Identifies this database's log: part of every shape handle, so a rebuilt or restored
  -- database never reissues a handle a client has already seen for other data.
  instance_id uuid NOT NULL DEFAULT gen_random_uuid(),
  last_position bigint NOT NULL DEFAULT 0,
  -- Entries at or below this position may have been compacted away.
  compacted_through bigint NOT NULL DEFAULT 0
);
INSERT INTO sync_state DEFAULT VALUES;

CREATE TABLE sync_changes (
  change_id bigserial PRIMARY KEY,
  -- pg_current_xact_id() with its epoch; its low 32 bits are the xid clients see in `txids`.
  txid bigint NOT NULL,
  position bigint,
  published_at timestamptz,
  tbl text NOT NULL,
  op char(1) NOT NULL CHECK (op IN ('I', 'U', 'D')),
  -- Column name to text value. Insert/update: the whole new row; delete: the old primary key.
  row_data jsonb NOT NULL,
  -- Update: the synced columns whose value changed.
  changed text[],
  -- Visibility of the row (the old row for a delete) ...
  user_id uuid,
  org_id uuid,
  -- ... and, for an update, before it: a row that leaves a shape arrives there as a delete.
  old_user_id uuid,
  old_org_id uuid
);
CREATE INDEX sync_changes_unpublished_idx ON sync_changes (txid, change_id) WHERE position IS NULL;
CREATE INDEX sync_changes_table_position_idx ON sync_changes (tbl, position) WHERE position IS NOT NULL;
CREATE INDEX sync_changes_position_idx ON sync_changes (position) WHERE position IS NOT NULL;

-- What each capture trigger records; a server test checks it equals shared-schema's SYNCED_TABLES.
CREATE TABLE sync_tables (
  tbl text PRIMARY KEY,
  columns text[] NOT NULL,
  pk text NOT NULL,
  user_col text,
  org_col text
);

-- Bumped whenever a user's memberships change: part of the handle of that user's
-- organisation-scoped shapes, so those shapes are rotated (409) and re-synced with the new set
-- of organisations instead of silently missing the rows of an organisation just joined.
CREATE TABLE sync_user_epochs (
  user_id uuid PRIMARY KEY,
  epoch bigint NOT NULL
);

-- (Re)generates the capture trigger of one table for an explicit column list. Values are
-- rendered with `::text` under fixed settings (UTC, ISO dates, shortest exact floats), which is
-- the Postgres text output Electric's clients expect. Later migrations that add a synced column
-- call this again with the new list.
CREATE FUNCTION sync_install_capture(p_table text, p_columns text[], p_pk text, p_user_col text, p_org_col text)
RETURNS void LANGUAGE plpgsql AS $gen$
DECLARE
  fn text := 'sync_capture_' || p_table;
  new_row text;
  old_pk text;
  new_pk text;
  checks text;
  nu text := CASE WHEN p_user_col IS NULL THEN 'NULL::uuid' ELSE format('NEW.%I', p_user_col) END;
  no text := CASE WHEN p_org_col IS NULL THEN 'NULL::uuid' ELSE format('NEW.%I', p_org_col) END;
  ou text := CASE WHEN p_user_col IS NULL THEN 'NULL::uuid' ELSE format('OLD.%I', p_user_col) END;
  oo text := CASE WHEN p_org_col IS NULL THEN 'NULL::uuid' ELSE format('OLD.%I', p_org_col) END;
BEGIN
  SELECT 'jsonb_build_object(' || string_agg(format('%L, NEW.%I::text', c, c), ', ' ORDER BY i) || ')',
         string_agg(format('IF OLD.%I IS DISTINCT FROM NEW.%I THEN changed := changed || %L::text; END IF;', c, c, c), E'\n' ORDER BY i)
    INTO new_row, checks
    FROM unnest(p_columns) WITH ORDINALITY AS u(c, i);
  old_pk := format('jsonb_build_object(%L, OLD.%I::text)', p_pk, p_pk);
  new_pk := format('NEW.%I', p_pk);

  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION %1$I() RETURNS trigger LANGUAGE plpgsql
    SET TimeZone = 'UTC' SET DateStyle = 'ISO, DMY' SET IntervalStyle = 'iso_8601' SET extra_float_digits = 1
    AS $body$
    DECLARE
      changed text[] := '{}';
      xid bigint := pg_current_xact_id()::text::bigint;
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO sync_changes (txid, tbl, op, row_data, user_id, org_id)
        VALUES (xid, %2$L, 'I', %3$s, %4$s, %5$s);
      ELSIF TG_OP = 'UPDATE' THEN
        IF OLD.%9$I IS DISTINCT FROM %10$s THEN
          -- A primary-key change is a delete of the old key and an insert of the new one.
          INSERT INTO sync_changes (txid, tbl, op, row_data, user_id, org_id)
          VALUES (xid, %2$L, 'D', %8$s, %6$s, %7$s), (xid, %2$L, 'I', %3$s, %4$s, %5$s);
        ELSE
          %11$s
          IF cardinality(changed) = 0 THEN
            RETURN NULL;
          END IF;
          INSERT INTO sync_changes (txid, tbl, op, row_data, changed, user_id, org_id, old_user_id, old_org_id)
          VALUES (xid, %2$L, 'U', %3$s, changed, %4$s, %5$s, %6$s, %7$s);
        END IF;
      ELSE
        INSERT INTO sync_changes (txid, tbl, op, row_data, user_id, org_id)
        VALUES (xid, %2$L, 'D', %8$s, %6$s, %7$s);
      END IF;
      -- Delivered at commit, once per transaction: wakes a publisher.
      PERFORM pg_notify('eco_sync_changes', '');
      RETURN NULL;
    END
    $body$
  $f$, fn, p_table, new_row, nu, no, ou, oo, old_pk, p_pk, new_pk, checks);

  EXECUTE format('DROP TRIGGER IF EXISTS sync_capture ON %I', p_table);
  EXECUTE format('CREATE TRIGGER sync_capture AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION %I()', p_table, fn);
  INSERT INTO sync_tables (tbl, columns, pk, user_col, org_col)
  VALUES (p_table, p_columns, p_pk, p_user_col, p_org_col)
  ON CONFLICT (tbl) DO UPDATE SET columns = EXCLUDED.columns, pk = EXCLUDED.pk,
    user_col = EXCLUDED.user_col, org_col = EXCLUDED.org_col;
END
$gen$;

SELECT sync_install_capture('users', ARRAY['user_id', 'username', 'email', 'first_name', 'last_name',
  'company_name', 'user_type', 'display_name', 'unit_system', 'default_region', 'gwp_set',
  'leaderboard_opt_in', 'created_at', 'updated_at'], 'user_id', 'user_id', NULL);
SELECT sync_install_capture('organizations', ARRAY['org_id', 'name', 'join_code', 'industry', 'employees',
  'revenue', 'revenue_currency', 'gwp_set', 'consolidation_approach', 'base_year', 'created_by',
  'created_at', 'updated_at'], 'org_id', NULL, 'org_id');
SELECT sync_install_capture('memberships', ARRAY['membership_id', 'org_id', 'user_id', 'role',
  'created_at', 'updated_at'], 'membership_id', 'user_id', 'org_id');
SELECT sync_install_capture('activities', ARRAY['activity_id', 'user_id', 'org_id', 'activity_type',
  'category', 'description', 'amount', 'unit', 'factor_key', 'fuel_type', 'region', 'location',
  'gwp_set', 'data_quality', 'timestamp', 'created_at', 'updated_at'], 'activity_id', 'user_id', 'org_id');
SELECT sync_install_capture('emissions', ARRAY['emission_id', 'activity_id', 'user_id', 'org_id',
  'co2_equivalent', 'co2_kg', 'ch4_kg', 'n2o_kg', 'biogenic_co2_kg', 'co2e_basis', 'factor_key',
  'factor_year', 'factor_source', 'gwp_set', 'scope', 'scope3_category', 'category',
  'converted_amount', 'factor_unit', 'derivation', 'timestamp', 'created_at', 'updated_at'],
  'emission_id', 'user_id', 'org_id');
SELECT sync_install_capture('goals', ARRAY['goal_id', 'user_id', 'org_id', 'goal_type', 'description',
  'target_value', 'unit', 'start_date', 'end_date', 'current_value', 'status', 'created_at',
  'updated_at'], 'goal_id', 'user_id', 'org_id');
SELECT sync_install_capture('reports', ARRAY['report_id', 'user_id', 'org_id', 'report_type', 'framework',
  'start_date', 'end_date', 'data', 'version', 'supersedes', 'created_at', 'updated_at'],
  'report_id', 'user_id', 'org_id');
SELECT sync_install_capture('user_recommendations', ARRAY['user_recommendation_id', 'user_id',
  'recommendation_id', 'seen', 'acted_on', 'timestamp', 'created_at', 'updated_at'],
  'user_recommendation_id', 'user_id', NULL);
SELECT sync_install_capture('user_challenges', ARRAY['user_challenge_id', 'user_id', 'challenge_id',
  'progress', 'status', 'points_awarded', 'start_date', 'end_date', 'created_at', 'updated_at'],
  'user_challenge_id', 'user_id', NULL);
SELECT sync_install_capture('user_achievements', ARRAY['user_achievement_id', 'user_id',
  'achievement_id', 'timestamp', 'created_at', 'updated_at'], 'user_achievement_id', 'user_id', NULL);
SELECT sync_install_capture('emission_factors', ARRAY['emission_factor_id', 'key', 'year', 'category',
  'activity_type', 'fuel_type', 'region', 'unit', 'co2_kg', 'ch4_kg', 'n2o_kg', 'co2e_kg',
  'co2e_gwp_set', 'ch4_co2e_kg', 'n2o_co2e_kg', 'scope', 'scope3_category', 'source', 'source_table',
  'source_url', 'license', 'notes', 'created_at', 'updated_at'], 'emission_factor_id', NULL, NULL);
SELECT sync_install_capture('recommendations', ARRAY['recommendation_id', 'activity_type', 'category',
  'description', 'impact_description', 'estimated_reduction_pct', 'source', 'source_url', 'data',
  'created_at', 'updated_at'], 'recommendation_id', NULL, NULL);
SELECT sync_install_capture('challenges', ARRAY['challenge_id', 'challenge_name', 'description',
  'start_date', 'end_date', 'reward_points', 'criteria', 'created_at', 'updated_at'],
  'challenge_id', NULL, NULL);
SELECT sync_install_capture('achievements', ARRAY['achievement_id', 'achievement_name', 'description',
  'points', 'criteria', 'created_at', 'updated_at'], 'achievement_id', NULL, NULL);

-- Membership changes rotate the affected users' organisation-scoped shapes (see sync_user_epochs).
CREATE FUNCTION sync_bump_membership_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO sync_user_epochs (user_id, epoch) VALUES (OLD.user_id, 1)
    ON CONFLICT (user_id) DO UPDATE SET epoch = sync_user_epochs.epoch + 1;
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.user_id IS DISTINCT FROM OLD.user_id) THEN
    INSERT INTO sync_user_epochs (user_id, epoch) VALUES (NEW.user_id, 1)
    ON CONFLICT (user_id) DO UPDATE SET epoch = sync_user_epochs.epoch + 1;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER sync_membership_epoch AFTER INSERT OR DELETE OR UPDATE OF org_id, user_id, role ON memberships
  FOR EACH ROW EXECUTE FUNCTION sync_bump_membership_epoch();
