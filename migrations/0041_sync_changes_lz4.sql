-- The change log's row values compressed with lz4 where the server has it (owner: sync mutations).
--
-- An emission's row_data (~2 KB of text values, most of it the derivation) is just over the
-- inline-compression threshold, so every captured emission is compressed on insert, by default
-- with pglz. Measured on PostgreSQL 15, inserting 200 such rows: pglz 12 ms, lz4 2-5 ms (reading
-- them back is no slower). PGlite is built without lz4: there the column keeps pglz.
DO $$
BEGIN
  ALTER TABLE sync_changes ALTER COLUMN row_data SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 not available: sync_changes.row_data stays pglz-compressed';
END
$$;
