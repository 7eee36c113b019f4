/**
 * The publisher turns captured changes into the ordered log shapes read.
 *
 *   writers ─(capture triggers)─► sync_changes rows + one sync_transactions row, position NULL
 *           ─(publish)─► sync_transactions.position = n          log = their join, by position
 *
 * Why not just use change_id: a bigserial is taken when the row is written, not when its
 * transaction commits, so with concurrent writers a reader could see id 11 while id 9 is still
 * uncommitted, hand out offset 11, and lose 9 forever. Instead one publisher at a time (advisory
 * lock) takes every unpublished transaction its statement snapshot can see — exactly the
 * transactions committed so far — and numbers them after the current head. Each round is a prefix
 * of commit order; within a round, transactions are ordered by their last change_id, which
 * respects commit order wherever it matters: a transaction that writes a row another transaction
 * wrote can only do so after that one committed, so its last change_id is larger. A position is
 * one row per transaction (migration 0048): captured rows are written once and never updated.
 */
import type { Db, Queryable } from '../db/types.ts';

/** Shared by every Eco-Track process on one database: one publisher at a time. */
export const PUBLISH_LOCK_KEY = 7_310_202_620;
/** Notified (payload: the new head position) after a round published something. */
export const LOG_CHANNEL = 'eco_sync_log';
/** Notified (payload: the new floor) after a compaction dropped entries. */
export const COMPACTED_CHANNEL = 'eco_sync_compacted';
/** Notified by the capture triggers when a transaction that changed synced rows commits. */
export const CHANGES_CHANNEL = 'eco_sync_changes';

export interface PublishRound {
  /** Head before and after this round; equal when nothing was published. */
  from: number;
  to: number;
}

export interface LogState {
  instanceId: string;
  head: number;
  compactedThrough: number;
}

export async function readLogState(q: Queryable): Promise<LogState> {
  const [row] = await q.query<{
    instance_id: string;
    last_position: number;
    compacted_through: number;
  }>('SELECT instance_id, last_position, compacted_through FROM sync_state');
  if (!row) throw new Error('sync_state is empty: the sync migration has not run');
  return {
    instanceId: row.instance_id,
    head: row.last_position,
    compactedThrough: row.compacted_through,
  };
}

/** Publishes every committed, unpublished transaction; returns the head before and after. */
export async function publish(db: Db): Promise<PublishRound> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [PUBLISH_LOCK_KEY]);
    // A new statement after the lock: its snapshot sees the previous publisher's commit.
    return publishIn(tx);
  });
}

/**
 * The publishing step itself, on a transaction that already holds PUBLISH_LOCK_KEY: numbers every
 * unpublished transaction this transaction's snapshot can see.
 */
export async function publishIn(tx: Queryable): Promise<PublishRound> {
  const [row] = await tx.query<{ from_pos: number; to_pos: number }>(
    `WITH base AS (SELECT last_position FROM sync_state),
     pending AS (
       SELECT t.txid,
              (SELECT max(c.change_id) FROM sync_changes c WHERE c.txid = t.txid) AS last_change
       FROM sync_transactions t WHERE t.position IS NULL
     ),
     numbered AS (
       SELECT p.txid, b.last_position + row_number() OVER (ORDER BY p.last_change, p.txid) AS pos
       FROM pending p CROSS JOIN base b
     ),
     stamped AS (
       UPDATE sync_transactions t SET position = n.pos, published_at = clock_timestamp()
       FROM numbered n WHERE t.position IS NULL AND t.txid = n.txid
       RETURNING n.pos
     ),
     head AS (
       UPDATE sync_state SET last_position = GREATEST(last_position, (SELECT max(pos) FROM stamped))
       WHERE (SELECT count(*) FROM stamped) > 0
       RETURNING last_position
     )
     SELECT (SELECT last_position FROM base) AS from_pos,
            COALESCE((SELECT last_position FROM head), (SELECT last_position FROM base)) AS to_pos`,
  );
  const from = Number(row?.from_pos ?? 0);
  const to = Number(row?.to_pos ?? from);
  if (to > from) await tx.query('SELECT pg_notify($1, $2)', [LOG_CHANNEL, String(to)]);
  return { from, to };
}

/** True when some committed or in-flight change waits for a publisher (cheap: partial index). */
export async function hasUnpublished(q: Queryable): Promise<boolean> {
  const rows = await q.query('SELECT 1 FROM sync_transactions WHERE position IS NULL LIMIT 1');
  return rows.length > 0;
}

/**
 * Drops log entries published `retentionMs` ago or earlier and raises the compaction floor: a
 * client whose offset is below the floor gets 409 and re-syncs from a fresh snapshot. With 0,
 * everything published so far goes: `<=`, because the clock may not have moved since (PGlite
 * and a fast machine: a publish and a compaction in the same tick).
 */
export async function compact(db: Db, retentionMs: number): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [PUBLISH_LOCK_KEY]);
    const [cut] = await tx.query<{ through: number | null }>(
      `SELECT max(position) AS through FROM sync_transactions
       WHERE position IS NOT NULL AND published_at <= now() - $1::bigint * interval '1 millisecond'`,
      [retentionMs],
    );
    const through = cut?.through;
    if (through === null || through === undefined) return 0;
    const [deleted] = await tx.query<{ n: number }>(
      `WITH t AS (DELETE FROM sync_transactions WHERE position <= $1::bigint RETURNING txid),
       d AS (DELETE FROM sync_changes c USING t WHERE c.txid = t.txid RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [through],
    );
    await tx.query(
      'UPDATE sync_state SET compacted_through = GREATEST(compacted_through, $1::bigint)',
      [through],
    );
    await tx.query('SELECT pg_notify($1, $2)', [COMPACTED_CHANNEL, String(through)]);
    return deleted?.n ?? 0;
  });
}
