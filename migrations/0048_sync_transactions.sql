-- Log positions per transaction, not per captured row (owner: sync; publisher.ts).
--
-- Until now the publisher gave each committed transaction its position by UPDATE-ing every row
-- the transaction had captured: a second version of each sync_changes row, three more index
-- entries per row (position, table+position, primary key: not a HOT update) and as many dead rows
-- for vacuum, which is why row_data had to live out of line (0044). A 200-activity sync batch
-- captures 400 rows. Statement durations in the PG15 log over one 20,000-activity run of
-- tests/bench/sync-mutations.ts each way: a publish round 77 ms -> 5.6 ms, the change feed's read
-- of the new entries 55 -> 40 ms (docs/decisions.md).
--
-- Now each transaction that captures changes gets one sync_transactions row (position NULL: not
-- yet published), and the publisher numbers those rows, one per transaction, in the same order as
-- before. The log is the join of the two tables; sync_changes rows are written once and never
-- updated, so row_data goes back inline (compressed) when it fits.
--
-- The marker row is inserted by a statement trigger on sync_changes itself, from the statement's
-- new rows: every capture path (row and statement triggers, TRUNCATE) is covered without
-- regenerating the capture functions, and only statements that captured something mark their
-- transaction. A savepoint rolled back takes its marker with it, like its captured rows.

CREATE TABLE sync_transactions (
  -- pg_current_xact_id() with its epoch, as sync_changes.txid.
  txid bigint PRIMARY KEY,
  -- NULL until a publisher numbers the transaction.
  position bigint UNIQUE,
  published_at timestamptz
);
CREATE INDEX sync_transactions_unpublished_idx ON sync_transactions (txid) WHERE position IS NULL;

INSERT INTO sync_transactions (txid, position, published_at)
SELECT txid, min(position), min(published_at) FROM sync_changes
WHERE position IS NOT NULL GROUP BY txid;
INSERT INTO sync_transactions (txid)
SELECT DISTINCT txid FROM sync_changes WHERE position IS NULL
ON CONFLICT (txid) DO NOTHING;

CREATE FUNCTION sync_mark_transactions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sync_transactions (txid)
  SELECT DISTINCT txid FROM sync_captured
  ON CONFLICT (txid) DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER sync_mark_transactions AFTER INSERT ON sync_changes
  REFERENCING NEW TABLE AS sync_captured FOR EACH STATEMENT EXECUTE FUNCTION sync_mark_transactions();

DROP INDEX sync_changes_unpublished_idx;
DROP INDEX sync_changes_table_position_idx;
DROP INDEX sync_changes_position_idx;
ALTER TABLE sync_changes DROP COLUMN position, DROP COLUMN published_at;
-- A transaction's changes in order (the change feed; the publisher's max(change_id) is one probe).
CREATE INDEX sync_changes_txid_idx ON sync_changes (txid, change_id);
-- One table's changes of a transaction (a shape's catch-up read of a table with few changes).
CREATE INDEX sync_changes_tbl_txid_idx ON sync_changes (tbl, txid);
ALTER TABLE sync_changes RESET (toast_tuple_target);
