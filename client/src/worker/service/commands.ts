/**
 * Write commands: validate with the server's own schemas (MUTATION_TABLE_RULES), then queue the
 * mutation and write its overlay in one transaction (store/local-writes.ts). The activities
 * writer runs strictly on a new command, so an emission the engine cannot calculate refuses the
 * write with the engine's message instead of queueing something the server would reject.
 */
import { EmissionError, MUTATION_TABLE_RULES, refusalField } from '@eco-track/shared-schema';
import type { z } from 'zod';
import type { WorkerError, WriteResult } from '../api.ts';
import type { SqlDb } from '../db/sql-db.ts';
import { uuidv7 } from '../domain/uuidv7.ts';
import { NotVisibleError } from '../store/activity-writer.ts';
import { writeLocal, type WriterContext, type Writers } from '../store/local-writes.ts';
import type { Op } from '../store/overlay.ts';

export interface CommandDeps {
  db: SqlDb;
  writers: Writers;
  ctx: WriterContext;
  now: () => number;
  /** After a committed write: notify live queries, wake the outbox. */
  afterWrite: (tables: readonly string[]) => void;
}

export const fail = (
  code: WorkerError['code'],
  message: string,
  field?: string,
): WriteResult<never> => ({
  ok: false,
  error: { code, message, ...(field ? { field } : {}) },
});

/** Validates `input` with a shared schema; the first issue becomes the message, like the API's. */
export function validate<T>(
  schema: z.ZodType<T> | undefined,
  input: unknown,
): { ok: true; value: T } | { ok: false; error: WorkerError } {
  if (!schema) return { ok: true, value: input as T };
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  const message = field
    ? `${field}: ${issue?.message ?? 'is invalid'}`
    : (issue?.message ?? 'invalid input');
  return { ok: false, error: { code: 'validation', message, ...(field ? { field } : {}) } };
}

export function emissionFailure(err: EmissionError, fallback = 'factor_key'): WriteResult<never> {
  const field = refusalField(err, fallback);
  return fail(err.code, `${field}: ${err.message}`, field);
}

/** Queues one mutation and writes its overlay; maps refusals to WriteResult errors. */
export async function runWrite(
  deps: CommandDeps,
  table: string,
  op: Op,
  rowId: string,
  payload: Record<string, unknown>,
): Promise<WriteResult<{ mutationId: string }>> {
  if (!deps.ctx.userId) return fail('not_signed_in', 'log in to make changes on this device');
  const mutationId = uuidv7(deps.now());
  let touched: readonly string[];
  try {
    touched = await deps.db.transaction((tx) =>
      writeLocal(
        tx,
        deps.writers,
        { mutation_id: mutationId, table, op, row_id: rowId, payload },
        new Date(deps.now()).toISOString(),
      ),
    );
  } catch (err) {
    if (err instanceof EmissionError) return emissionFailure(err);
    if (err instanceof NotVisibleError) return fail('not_found', 'Activity not found');
    throw err;
  }
  deps.afterWrite(touched);
  return { ok: true, value: { mutationId } };
}

export const RULES = MUTATION_TABLE_RULES;
