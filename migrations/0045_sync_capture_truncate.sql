-- TRUNCATE of a synced table reaches clients (sync-server/src/sync). Row triggers never fire for
-- TRUNCATE, so a truncated table's rows stayed on every device. Now a statement-level trigger on
-- each synced table (cascaded truncations fire it too) does two things in the truncating
-- transaction:
--   - bumps the table's generation, which is part of the handle hash of every shape of that table
--     (shape-scope.ts): any handle issued before the truncation answers 409 must-refetch, and the
--     client re-syncs from an empty table;
--   - appends a 'T' entry to the log, published in commit order like any change, so every server
--     process's change feed forgets its cached shapes of the table and wakes their held
--     long-polls at once (they answer 409).
-- A TRUNCATE of memberships rotates every organisation-scoped shape the same way (the membership
-- epochs its row trigger keeps do not move on a TRUNCATE).

ALTER TABLE sync_changes DROP CONSTRAINT sync_changes_op_check;
ALTER TABLE sync_changes ADD CONSTRAINT sync_changes_op_check CHECK (op IN ('I', 'U', 'D', 'T'));

CREATE TABLE sync_table_generations (
  tbl text PRIMARY KEY,
  generation bigint NOT NULL
);

CREATE FUNCTION sync_capture_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sync_table_generations (tbl, generation) VALUES (TG_TABLE_NAME, 1)
  ON CONFLICT (tbl) DO UPDATE SET generation = sync_table_generations.generation + 1;
  INSERT INTO sync_changes (txid, tbl, op, row_data)
  VALUES (pg_current_xact_id()::text::bigint, TG_TABLE_NAME, 'T', '{}'::jsonb);
  PERFORM pg_notify('eco_sync_changes', '');
  RETURN NULL;
END
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOR t IN SELECT tbl FROM sync_tables ORDER BY tbl LOOP
    EXECUTE format('CREATE TRIGGER sync_capture_truncate AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION sync_capture_truncate()', t);
  END LOOP;
END
$$;
