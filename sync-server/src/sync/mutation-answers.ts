/**
 * How long the write path remembers its answers (sync_mutations), and what it refuses once it may
 * have forgotten one.
 *
 * An answer is what makes a resent batch harmless: the device never saw the first answer (timeout,
 * crash, a server killed mid-flush), resends, and gets the stored answer back instead of a second
 * application. Answers older than the retention are pruned, so a mutation first received before
 * then could be applied twice if it came back. Our devices name mutations with UUIDv7, whose
 * first 48 bits are their creation time: a mutation created before the horizon is refused
 * (rejected, with a reason the device shows) instead of applied, whether or not it arrived before.
 * The horizon sits up to a day inside the retention, for device clocks running ahead (an id
 * stamped later than the device really sent it). Ids of other UUID versions carry no time and
 * are always accepted. See docs/decisions.md.
 */
import type { Queryable } from '../db/types.ts';

const DAY_MS = 86_400_000;
const PRUNE_BATCH = 10_000;

/** Mutations created longer ago than this (by their UUIDv7 time) are refused. */
export function replayWindowMs(retentionMs: number): number {
  return retentionMs - Math.min(DAY_MS, retentionMs / 2);
}

/** The creation time (ms since the epoch) a UUIDv7 carries; undefined for other versions. */
export function uuidv7Time(id: string): number | undefined {
  const hex = id.replaceAll('-', '');
  if (!/^[0-9a-f]{12}7[0-9a-f]{19}$/i.test(hex)) return undefined;
  return parseInt(hex.slice(0, 12), 16);
}

/** Whether a mutation is too old to apply: its answer, had it arrived before, may be pruned. */
export function tooOldToApply(mutationId: string, retentionMs: number, now: number): boolean {
  const created = uuidv7Time(mutationId);
  return created !== undefined && created < now - replayWindowMs(retentionMs);
}

export function tooOldDetail(retentionMs: number): string {
  const days = Math.floor(replayWindowMs(retentionMs) / DAY_MS);
  const window = days >= 1 ? `${days} days` : `${Math.round(replayWindowMs(retentionMs))} ms`;
  return `mutation is older than ${window}: the server no longer knows whether it was applied`;
}

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
