/**
 * One mutation on its own (see apply-batch.ts): validate, authorise and apply it through the
 * table's handler, optionally inside a savepoint so a refusal undoes exactly its own writes.
 */
import {
  MUTATION_TABLE_RULES,
  WRITABLE_TABLES,
  opAllowed,
  type Mutation,
  type MutationResult,
  type WritableTable,
} from '@eco-track/shared-schema';
import type { Queryable } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { TABLE_HANDLERS, type Actor } from './table-handlers.ts';

export class Rejection extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isWritable = (t: string): t is WritableTable =>
  (WRITABLE_TABLES as readonly string[]).includes(t);

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint): the input's fault. */
function isDataError(err: unknown): err is { code: string; message: string } {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

export function rowId(m: Mutation): string {
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
export class RetryWithSavepoints extends Error {}

export function refusalDetail(err: unknown): string | undefined {
  if (err instanceof Rejection || err instanceof AppError) return err.message;
  if (isDataError(err)) return `refused by the database: ${err.message}`;
  return undefined;
}

export async function applyOne(
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
