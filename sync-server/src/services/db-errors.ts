/**
 * Database errors that bad input can still provoke (a race on a unique key, a value Postgres
 * refuses) become named 4xx errors instead of a 500. Validation at the edge should catch nearly
 * everything first; this is the safety net. Codes are SQLSTATEs, identical on PGlite and Postgres.
 */
import { AppError, ConflictError, UnavailableError, ValidationError } from '../errors.ts';

const BY_SQLSTATE: Record<string, () => AppError> = {
  '23505': () => new ConflictError('Conflicts with an existing record'),
  '23503': () => new ValidationError('Refers to a record that does not exist'),
  '23514': () => new ValidationError('A value is outside its allowed range'),
  '23502': () => new ValidationError('A required value is missing'),
  '22001': () => new ValidationError('A value is too long'),
  '22003': () => new ValidationError('A number is out of range'),
  '22007': () => new ValidationError('A date or time is invalid'),
  '22008': () => new ValidationError('A date or time is out of range'),
  '22P02': () => new ValidationError('A value has the wrong format'),
  '40001': () => new UnavailableError('Concurrent update; retry the request', 1),
  '40P01': () => new UnavailableError('Concurrent update; retry the request', 1),
};

/** The SQLSTATE of a driver error (postgres.js and PGlite both expose `code`). */
export function sqlState(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code = err.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** The constraint a driver error names, when it names one. */
export function constraintName(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { constraint?: unknown; constraint_name?: unknown };
  const name = e.constraint ?? e.constraint_name;
  return typeof name === 'string' ? name : undefined;
}

/** A 4xx/503 AppError for a database error caused by the request, or the error unchanged. */
export function mapDbError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const state = sqlState(err);
  const make = state ? BY_SQLSTATE[state] : undefined;
  return make ? make() : err;
}
