-- Inserts are captured once per statement (sync write path, owner: sync mutations).
--
-- Measured on PostgreSQL 15 (EXPLAIN ANALYZE of a sync batch's bulk insert of 200 activities and
-- their 200 emissions): the per-row capture triggers took 34 of the statement's 49 ms (activities
-- 9.7 ms, emissions 24.2 ms): PL/pgSQL entry and one single-row INSERT into sync_changes per
-- captured row. A statement-level AFTER INSERT trigger reading the statement's new rows from a
-- transition table writes the same sync_changes rows with one INSERT ... SELECT.
--
-- What a client receives is unchanged: the same row_data text values (rendered under UTC/ISO as in
-- 0022), one 'I' entry per inserted row in insertion order, this transaction's txid, one NOTIFY
-- per transaction. Updates and deletes keep the per-row trigger of 0022 (an update needs each
-- row's old and new values side by side to list the changed columns and catch key changes).
-- An INSERT ... ON CONFLICT DO UPDATE fires both: the inserted rows here, the updated ones per row.
-- Order: a statement's inserts are logged when it ends, after any row-level capture its own
-- triggers caused; no trigger changes a row of a synced table inserted by the same statement, so
-- every row's entries stay in the order they happened.

CREATE OR REPLACE FUNCTION sync_install_capture(p_table text, p_columns text[], p_pk text, p_user_col text, p_org_col text)
RETURNS void LANGUAGE plpgsql AS $gen$
DECLARE
  fn text := 'sync_capture_' || p_table;
  ins_fn text := 'sync_capture_inserts_' || p_table;
  new_row text;
  ins_row text;
  old_pk text;
  new_pk text;
  checks text;
  nu text := CASE WHEN p_user_col IS NULL THEN 'NULL::uuid' ELSE format('NEW.%I', p_user_col) END;
  no text := CASE WHEN p_org_col IS NULL THEN 'NULL::uuid' ELSE format('NEW.%I', p_org_col) END;
  ou text := CASE WHEN p_user_col IS NULL THEN 'NULL::uuid' ELSE format('OLD.%I', p_user_col) END;
  oo text := CASE WHEN p_org_col IS NULL THEN 'NULL::uuid' ELSE format('OLD.%I', p_org_col) END;
  iu text := CASE WHEN p_user_col IS NULL THEN 'NULL::uuid' ELSE format('n.%I', p_user_col) END;
  io text := CASE WHEN p_org_col IS NULL THEN 'NULL::uuid' ELSE format('n.%I', p_org_col) END;
  -- Values render under UTC/ISO (see 0022): a session that differs switches for its transaction.
  utc text := $s$
      IF current_setting('TimeZone') <> 'UTC' OR left(current_setting('DateStyle'), 3) <> 'ISO'
         OR current_setting('extra_float_digits')::int < 1 THEN
        PERFORM set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, DMY', true),
                set_config('extra_float_digits', '1', true);
      END IF;$s$;
BEGIN
  SELECT 'jsonb_build_object(' || string_agg(format('%L, NEW.%I::text', c, c), ', ' ORDER BY i) || ')',
         'jsonb_build_object(' || string_agg(format('%L, n.%I::text', c, c), ', ' ORDER BY i) || ')',
         string_agg(format('IF OLD.%I IS DISTINCT FROM NEW.%I THEN changed := changed || %L::text; END IF;', c, c, c), E'\n' ORDER BY i)
    INTO new_row, ins_row, checks
    FROM unnest(p_columns) WITH ORDINALITY AS u(c, i);
  old_pk := format('jsonb_build_object(%L, OLD.%I::text)', p_pk, p_pk);
  new_pk := format('NEW.%I', p_pk);

  -- Updates and deletes, one row at a time (0022's body without the insert branch).
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION %1$I() RETURNS trigger LANGUAGE plpgsql
    AS $body$
    DECLARE
      changed text[] := '{}';
      xid bigint := pg_current_xact_id()::text::bigint;
    BEGIN
      %12$s
      IF TG_OP = 'UPDATE' THEN
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
  $f$, fn, p_table, new_row, nu, no, ou, oo, old_pk, p_pk, new_pk, checks, utc);

  -- Inserts, once per statement, from the transition table sync_new.
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION %1$I() RETURNS trigger LANGUAGE plpgsql
    AS $body$
    BEGIN
      %6$s
      INSERT INTO sync_changes (txid, tbl, op, row_data, user_id, org_id)
      SELECT pg_current_xact_id()::text::bigint, %2$L, 'I', %3$s, %4$s, %5$s FROM sync_new n;
      IF FOUND THEN
        -- Delivered at commit, once per transaction: wakes a publisher.
        PERFORM pg_notify('eco_sync_changes', '');
      END IF;
      RETURN NULL;
    END
    $body$
  $f$, ins_fn, p_table, ins_row, iu, io, utc);

  EXECUTE format('DROP TRIGGER IF EXISTS sync_capture ON %I', p_table);
  EXECUTE format('CREATE TRIGGER sync_capture AFTER UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION %I()', p_table, fn);
  EXECUTE format('DROP TRIGGER IF EXISTS sync_capture_inserts ON %I', p_table);
  EXECUTE format('CREATE TRIGGER sync_capture_inserts AFTER INSERT ON %I REFERENCING NEW TABLE AS sync_new FOR EACH STATEMENT EXECUTE FUNCTION %I()', p_table, ins_fn);
  INSERT INTO sync_tables (tbl, columns, pk, user_col, org_col)
  VALUES (p_table, p_columns, p_pk, p_user_col, p_org_col)
  ON CONFLICT (tbl) DO UPDATE SET columns = EXCLUDED.columns, pk = EXCLUDED.pk,
    user_col = EXCLUDED.user_col, org_col = EXCLUDED.org_col;
END
$gen$;

SELECT sync_install_capture(tbl, columns, pk, user_col, org_col) FROM sync_tables ORDER BY tbl;
