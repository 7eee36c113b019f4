/** zod failures as one `{detail}` line, shared by the API's validation hook and the services. */
import type { ZodError, ZodType, z } from 'zod';
import { ValidationError } from '../errors.ts';

type Issue = ZodError['issues'][number];

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

const TARGET_NAMES: Record<string, string> = {
  json: 'body',
  form: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
  cookie: 'cookie',
};

function describeIssue(issue: Issue, target: string, input: unknown): string[] {
  const where = issue.path.length ? issue.path.map(String).join('.') : target;
  if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => `${k}: unknown field`);
  if (
    issue.code === 'invalid_type' &&
    issue.path.length &&
    valueAt(input, issue.path) === undefined
  ) {
    return [`${where}: field required`];
  }
  return [`${where}: ${issue.message}`];
}

/**
 * `"amount: must be at least 0; unit: field required"`: every problem, one line. `input` is the
 * value that was validated, used to tell a missing field from one of the wrong type.
 */
export function formatZodError(error: ZodError, input?: unknown, target = 'json'): string {
  const name = TARGET_NAMES[target] ?? target;
  const parts = error.issues.flatMap((i) => describeIssue(i, name, input));
  return [...new Set(parts)].join('; ');
}

/** Parses `input` with `schema` or throws a 422 ValidationError naming every problem. */
export function parseOr422<S extends ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(formatZodError(parsed.error, input));
  return parsed.data;
}
