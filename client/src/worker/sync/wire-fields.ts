/**
 * Which fields of a locally written row go over the wire. The outbox keeps the whole row the device
 * shows (user_id, timestamps, the category it derived) so overlays can be rebuilt from it; the
 * server accepts only what its REST schemas allow (MUTATION_TABLE_RULES, shared with the server)
 * and derives the rest itself.
 */
import { MUTATION_TABLE_RULES, type MutationTableRules } from '@eco-track/shared-schema';
import type { Op } from '../store/overlay.ts';

const RULES: Readonly<Record<string, MutationTableRules>> = MUTATION_TABLE_RULES;

function fieldsOf(schema: unknown): readonly string[] | undefined {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : undefined;
}

/** The wire fields of a mutation: insert → the schema's fields; update → PK + changed; delete → PK. */
export function wireRow(
  table: string,
  op: Op,
  payload: Record<string, unknown>,
): Record<string, unknown> {
  const rules = RULES[table];
  if (!rules) return { ...payload };
  const out: Record<string, unknown> = { [rules.pk]: payload[rules.pk] };
  if (op === 'delete') return out;
  const allowed = fieldsOf(op === 'insert' ? rules.insert : rules.update);
  if (!allowed) return { ...payload };
  for (const f of allowed) if (f in payload && payload[f] !== undefined) out[f] = payload[f];
  return out;
}
