-- The sync write path's memory (sync-server/src/sync/mutations): the first answer to every
-- mutation_id, so a device that resends a batch (it never saw the answer: timeout, crash, server
-- killed mid-flush) gets the same answer back and nothing is applied twice. A batch claims its
-- ids first, inside its transaction: a concurrent resend of the same ids waits on that claim and
-- then reads the committed answer.
CREATE TABLE sync_mutations (
  mutation_id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  status varchar(10) NOT NULL CHECK (status IN ('pending', 'applied', 'rejected')),
  detail text,
  -- The 32-bit xid of the transaction that applied it (what clients wait for in `txids`).
  txid bigint,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sync_mutations_user_idx ON sync_mutations (user_id, created_at);
