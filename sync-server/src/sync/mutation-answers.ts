/**
 * How long the write path remembers its answers (sync_mutations).
 *
 * An answer is what makes a resent batch harmless: the device never saw the first answer (timeout,
 * crash, a server killed mid-flush), resends, and gets the stored answer back instead of a second
 * application. Answers older than SYNC_MUTATION_RETENTION are pruned. A batch resent after that
 * is applied again, which the mutations' own idempotency makes harmless: an insert of an existing
 * row with the same content, a delete of a row already gone and an update re-setting the same
 * values change nothing (docs/decisions.md). Mutations are never refused for their age: a device
 * offline for longer than the retention must not lose its writes.
 */
import type { Queryable } from '../db/types.ts';

const PRUNE_BATCH = 10_000;

/** Deletes the answers older than the retention, a batch at a time; returns how many. */
export async function pruneMutationAnswers(q: Queryable, retentionMs: number): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await q.query<{ n: number }>(
      `WITH d AS (
         DELETE FROM sync_mutations WHERE mutation_id IN (
           SELECT mutation_id FROM sync_mutations
           WHERE created_at < now() - $1::bigint * interval '1 millisecond' LIMIT $2::int)
         RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [retentionMs, PRUNE_BATCH],
    );
    const n = Number(row?.n ?? 0);
    total += n;
    if (n < PRUNE_BATCH) return total;
  }
}
