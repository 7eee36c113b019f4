/**
 * Applies one ordered batch of mutations in ONE transaction.
 *
 *   BEGIN
 *     claim every mutation_id (sync_mutations, ON CONFLICT DO NOTHING)
 *     for each mutation, in order:
 *       already answered before ─► replay that first answer, apply nothing
 *       SAVEPOINT ─► validate, authorise, apply through the services ─► RELEASE   (applied)
 *                  └ a refusal (4xx-style AppError, constraint violation) ─► ROLLBACK TO (rejected)
 *     store every new answer with this transaction's txid
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
 * trips on the common path.
 */
import {
  MUTATION_TABLE_RULES,
  WRITABLE_TABLES,
  opAllowed,
  type Mutation,
  type MutationResponse,
  type MutationResult,
  type WritableTable,
} from '@eco-track/shared-schema';
import type { Db, Queryable } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { evaluateAchievements } from '../../services/achievements.ts';
import { TABLE_HANDLERS, type Actor } from './table-handlers.ts';

class Rejection extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isWritable = (t: string): t is WritableTable =>
  (WRITABLE_TABLES as readonly string[]).includes(t);

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint): the input's fault. */
function isDataError(err: unknown): err is { code: string; message: string } {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

function rowId(m: Mutation): string {
  if (!isWritable(m.table)) {
    throw new Rejection(
      `table '${m.table}' cannot be written through sync; writable tables: ${WRITABLE_TABLES.join(', ')}`,
    );
  }
  const rules = MUTATION_TABLE_RULES[m.table];
  if (!opAllowed(rules, m.op)) throw new Rejection(`${m.op} is not allowed on ${m.table}`);
  const fields = m.op === 'update' ? m.changes : m.row;
  const id = fields[rules.pk];
  if (typeof id !== 'string' || !UUID.test(id)) {
    throw new Rejection(`${rules.pk}: a UUID is required to ${m.op} a ${m.table} row`);
  }
  return id.toLowerCase();
}

/** Thrown on the fast path at the first refusal: the batch is redone with savepoints. */
class RetryWithSavepoints extends Error {}

function refusalDetail(err: unknown): string | undefined {
  if (err instanceof Rejection || err instanceof AppError) return err.message;
  if (isDataError(err)) return `refused by the database: ${err.message}`;
  return undefined;
}

async function applyOne(
  tx: Queryable,
  actor: Actor,
  m: Mutation,
  savepoints: boolean,
): Promise<MutationResult> {
  if (savepoints) await tx.exec('SAVEPOINT sync_mutation');
  try {
    const id = rowId(m);
    await TABLE_HANDLERS[m.table as WritableTable](tx, actor, m, id);
    if (savepoints) await tx.exec('RELEASE SAVEPOINT sync_mutation');
    return { mutation_id: m.mutation_id, status: 'applied' };
  } catch (err) {
    const detail = refusalDetail(err);
    if (detail === undefined) throw err;
    if (!savepoints) throw new RetryWithSavepoints();
    await tx.exec('ROLLBACK TO SAVEPOINT sync_mutation; RELEASE SAVEPOINT sync_mutation');
    return { mutation_id: m.mutation_id, status: 'rejected', detail };
  }
}

interface StoredAnswer extends Record<string, unknown> {
  mutation_id: string;
  user_id: string;
  status: 'pending' | 'applied' | 'rejected';
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
    const claimedRows = await tx.query<{ mutation_id: string }>(
      `INSERT INTO sync_mutations (mutation_id, user_id, status)
       SELECT id, $2::uuid, 'pending' FROM unnest($1::uuid[]) AS id
       ON CONFLICT (mutation_id) DO NOTHING RETURNING mutation_id`,
      [ids, actor.userId],
    );
    const claimed = new Set(claimedRows.map((r) => r.mutation_id));
    const earlier = new Map<string, StoredAnswer>();
    if (claimed.size < ids.length) {
      const rows = await tx.query<StoredAnswer>(
        `SELECT mutation_id, user_id, status, detail, txid FROM sync_mutations
         WHERE mutation_id = ANY($1::uuid[])`,
        [ids.filter((id) => !claimed.has(id))],
      );
      for (const r of rows) earlier.set(r.mutation_id, r);
    }
    const [{ txid } = { txid: '0' }] = await tx.query<{ txid: string }>(
      'SELECT pg_current_xact_id()::xid::text AS txid',
    );

    const results: MutationResult[] = [];
    const fresh: MutationResult[] = [];
    const replayedTxids: number[] = [];
    for (const m of list) {
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

    if (fresh.length) {
      // (The ANY() lets the planner use the primary key instead of scanning the whole table.)
      await tx.query(
        `UPDATE sync_mutations s SET status = r.status, detail = r.detail, txid = $4::bigint
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS r(id, status, detail)
         WHERE s.mutation_id = r.id AND s.mutation_id = ANY($1::uuid[])`,
        [
          fresh.map((r) => r.mutation_id),
          fresh.map((r) => r.status),
          fresh.map((r) => r.detail ?? null),
          txid,
        ],
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
