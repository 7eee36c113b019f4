/**
 * Applies one ordered batch of mutations in ONE transaction.
 *
 *   BEGIN
 *     claim every mutation_id (sync_mutations, ON CONFLICT DO NOTHING) as applied by this txid
 *     for each mutation, in order:
 *       already answered before ─► replay that first answer, apply nothing
 *       SAVEPOINT ─► validate, authorise, apply through the services ─► RELEASE   (applied)
 *                  └ a refusal (4xx-style AppError, constraint violation) ─► ROLLBACK TO (rejected)
 *     store the refusals among the new answers
 *   COMMIT
 *
 * A rejected mutation therefore never blocks the rest of its batch: its savepoint undoes exactly
 * its own writes and the others still apply (a later mutation that depended on it is then
 * rejected on its own merits, e.g. "Activity not found"). Anything unexpected (a 5xx) rolls the
 * whole batch back, stores nothing, and the device retries it later.
 *
 * Savepoints cost two round trips per mutation, and nearly every batch applies cleanly, so a
 * batch is first tried without them; the first refusal abandons that attempt (its transaction is
 * rolled back) and the batch runs again with a savepoint per mutation. Same answers, fewer round
 * trips on the common path. On that path a run of consecutive activity inserts (a device
 * flushing offline logging) is applied at once by applyInsertRun (insert-run.ts): one INSERT for
 * the whole run, and inserts refused before writing anything are rejected in place, with the same
 * answers as one at a time.
 */
import type { Mutation, MutationResponse, MutationResult } from '@eco-track/shared-schema';
import type { Db } from '../../db/types.ts';
import { evaluateAchievements } from '../../services/achievements.ts';
import { RetryWithSavepoints, applyOne } from './apply-one.ts';
import { applyInsertRun, isActivityInsert } from './insert-run.ts';
import type { Actor } from './table-handlers.ts';

interface StoredAnswer extends Record<string, unknown> {
  mutation_id: string;
  user_id: string;
  status: 'applied' | 'rejected';
  detail: string | null;
  txid: number | null;
}

export async function applyBatch(
  db: Db,
  actor: Actor,
  mutations: readonly Mutation[],
): Promise<MutationResponse> {
  try {
    return await attempt(db, actor, mutations, false);
  } catch (err) {
    if (!(err instanceof RetryWithSavepoints)) throw err;
    return attempt(db, actor, mutations, true);
  }
}

async function attempt(
  db: Db,
  actor: Actor,
  mutations: readonly Mutation[],
  savepoints: boolean,
): Promise<MutationResponse> {
  const list = mutations.map((m) => ({ ...m, mutation_id: m.mutation_id.toLowerCase() }));
  const ids = list.map((m) => m.mutation_id);
  return db.transaction(async (tx) => {
    // Claimed as applied, with this transaction's txid: only refusals are rewritten at the end.
    // Nobody sees a claim before it commits (a concurrent resend waits on it), so the stored
    // answer is always the final one.
    const [claim] = await tx.query<{ txid: string; claimed: string[] }>(
      `WITH c AS (
         INSERT INTO sync_mutations (mutation_id, user_id, status, txid)
         SELECT id, $2::uuid, 'applied', pg_current_xact_id()::xid::text::bigint
         FROM unnest($1::uuid[]) AS id
         ON CONFLICT (mutation_id) DO NOTHING RETURNING mutation_id)
       SELECT pg_current_xact_id()::xid::text AS txid, ARRAY(SELECT mutation_id::text FROM c) AS claimed`,
      [ids, actor.userId],
    );
    const txid = claim?.txid ?? '0';
    const claimed = new Set(claim?.claimed ?? []);
    const earlier = new Map<string, StoredAnswer>();
    if (claimed.size < ids.length) {
      const rows = await tx.query<StoredAnswer>(
        `SELECT mutation_id, user_id, status, detail, txid FROM sync_mutations
         WHERE mutation_id = ANY($1::uuid[])`,
        [ids.filter((id) => !claimed.has(id))],
      );
      for (const r of rows) earlier.set(r.mutation_id, r);
    }

    const results: MutationResult[] = [];
    const fresh: MutationResult[] = [];
    const replayedTxids: number[] = [];
    for (let i = 0; i < list.length; i++) {
      const m = list[i] as Mutation;
      if (claimed.has(m.mutation_id) && !savepoints && isActivityInsert(m)) {
        const run = [m];
        for (let next = list[i + 1]; next && claimed.has(next.mutation_id); next = list[i + 1]) {
          if (!isActivityInsert(next)) break;
          run.push(next);
          i++;
        }
        const answers = await applyInsertRun(tx, actor, run);
        results.push(...answers);
        fresh.push(...answers);
        continue;
      }
      if (claimed.has(m.mutation_id)) {
        const r = await applyOne(tx, actor, m, savepoints);
        results.push(r);
        fresh.push(r);
        continue;
      }
      const before = earlier.get(m.mutation_id);
      if (!before || before.user_id !== actor.userId) {
        results.push({
          mutation_id: m.mutation_id,
          status: 'rejected',
          detail: 'mutation_id was already used by another user',
        });
        continue;
      }
      results.push({
        mutation_id: m.mutation_id,
        status: before.status === 'applied' ? 'applied' : 'rejected',
        ...(before.detail ? { detail: before.detail } : {}),
      });
      if (before.status === 'applied' && before.txid !== null) {
        replayedTxids.push(Number(before.txid));
      }
    }

    const refused = fresh.filter((r) => r.status === 'rejected');
    if (refused.length) {
      // (The ANY() lets the planner use the primary key instead of scanning the whole table.)
      await tx.query(
        `UPDATE sync_mutations s SET status = 'rejected', detail = r.detail
         FROM unnest($1::uuid[], $2::text[]) AS r(id, detail)
         WHERE s.mutation_id = r.id AND s.mutation_id = ANY($1::uuid[])`,
        [refused.map((r) => r.mutation_id), refused.map((r) => r.detail ?? null)],
      );
    }
    // The txid a device waits for in the stream: this transaction's when it applied something;
    // for a pure replay, the one that applied it the first time.
    const appliedNow = fresh.some((r) => r.status === 'applied');
    // Challenge progress, goal status and awards follow the writes: once per batch, not per row.
    if (appliedNow) await evaluateAchievements(tx, actor.userId);
    const answerTxid =
      appliedNow || replayedTxids.length === 0 ? Number(txid) : Math.max(...replayedTxids);
    return { txid: answerTxid, results };
  });
}
