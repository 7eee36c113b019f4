/**
 * A run of consecutive activity inserts in a batch (a device flushing offline logging: nearly
 * every batch), applied at once on the fast path through createActivitiesInBulk: one preference
 * lookup, emissions calculated in JS, one INSERT of every activity and emission, and so one firing
 * of the statement-level capture and rollup triggers instead of one per row.
 *
 * The answers are those of applying the run one mutation at a time (applyOne):
 *   - a mutation refused before anything was written (its id, its row, the user, the org, the
 *     engine) is rejected in place with the same detail; it wrote nothing, so it needs no savepoint;
 *   - an insert whose activity_id already exists is answered afterwards by applyOne (the replay
 *     rules of createActivity: same content applied, else rejected);
 *   - a refusal by the database itself ends the attempt like any refusal on the fast path
 *     (RetryWithSavepoints): the batch is redone one mutation at a time with savepoints.
 */
import type { Mutation, MutationResult } from '@eco-track/shared-schema';
import type { Queryable } from '../../db/types.ts';
import { createActivitiesInBulk } from '../../services/activity-bulk-create.ts';
import { RetryWithSavepoints, applyOne, refusalDetail, rowId } from './apply-one.ts';
import type { Actor } from './table-handlers.ts';

type Insert = Extract<Mutation, { op: 'insert' }>;

export const isActivityInsert = (m: Mutation): m is Insert =>
  m.table === 'activities' && m.op === 'insert';

function rejected(m: Mutation, err: unknown): MutationResult {
  const detail = refusalDetail(err);
  if (detail === undefined) throw err;
  return { mutation_id: m.mutation_id, status: 'rejected', detail };
}

/** Applies `run` (activity inserts, all claimed) without savepoints; answers in run order. */
export async function applyInsertRun(
  tx: Queryable,
  actor: Actor,
  run: readonly Insert[],
): Promise<MutationResult[]> {
  const results = new Map<number, MutationResult>();
  // The rows themselves are validated once, by createActivitiesInBulk, against the same schema
  // as the rule's (MUTATION_TABLE_RULES.activities.insert), and refused there with its detail.
  const rows: { at: number; row: unknown }[] = [];
  run.forEach((m, at) => {
    try {
      rowId(m);
      rows.push({ at, row: m.row });
    } catch (err) {
      results.set(at, rejected(m, err));
    }
  });
  let outcomes;
  try {
    outcomes = await createActivitiesInBulk(
      tx,
      actor,
      rows.map((r) => r.row),
    );
  } catch (err) {
    if (refusalDetail(err) === undefined) throw err;
    throw new RetryWithSavepoints();
  }
  for (const [k, o] of outcomes.entries()) {
    const at = rows[k]?.at ?? -1;
    const m = run[at];
    if (!m) throw new Error('bulk insert answered more rows than it was given');
    if (o.kind === 'created') results.set(at, { mutation_id: m.mutation_id, status: 'applied' });
    else if (o.kind === 'refused') results.set(at, rejected(m, o.error));
    else results.set(at, await applyOne(tx, actor, m, false));
  }
  return run.map((m, at) => {
    const r = results.get(at);
    if (!r) throw new Error(`no answer for mutation ${m.mutation_id}`);
    return r;
  });
}
