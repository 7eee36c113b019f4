-- Faster capture triggers. 0020 rendered values under function-level SET clauses (TimeZone,
-- DateStyle, ...), which Postgres applies and reverts on every row: measured at ~5 ms per row on
-- PGlite. The writers' sessions are already UTC/ISO (both drivers set them), so the regenerated
-- triggers only check the settings and, in a session that differs, switch it to UTC/ISO for the
-- rest of that transaction (set_config(..., true)) before rendering: the text a client receives
-- is the same either way, and it matches the snapshot queries (shape-snapshot.ts).

CREATE OR REPLACE FUNCTION sync_install_capture(p_table text, p_columns text[], p_pk text, p_user_col text, p_org_col text)
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
    AS $body$
    DECLARE
      changed text[] := '{}';
      xid bigint := pg_current_xact_id()::text::bigint;
    BEGIN
      IF current_setting('TimeZone') <> 'UTC' OR left(current_setting('DateStyle'), 3) <> 'ISO'
         OR current_setting('extra_float_digits')::int < 1 THEN
        PERFORM set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, DMY', true),
                set_config('extra_float_digits', '1', true);
      END IF;
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

SELECT sync_install_capture(tbl, columns, pk, user_col, org_col) FROM sync_tables ORDER BY tbl;
