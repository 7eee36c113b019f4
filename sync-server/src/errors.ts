/**
 * Named errors with a typed code; one table maps codes to HTTP statuses and the app's single
 * onError turns them into `{ "detail": ... }`. Anything else is unexpected: logged, answered 500,
 * never echoed.
 */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable';

export const STATUS_BY_CODE = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
} as const satisfies Record<ErrorCode, number>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
  get status(): (typeof STATUS_BY_CODE)[ErrorCode] {
    return STATUS_BY_CODE[this.code];
  }
}

export class ValidationError extends AppError {
  override readonly name = 'ValidationError';
  constructor(message: string, code: 'bad_request' | 'unprocessable' = 'unprocessable') {
    super(code, message);
  }
}
export class UnauthorizedError extends AppError {
  override readonly name = 'UnauthorizedError';
  constructor(message = 'Not authenticated') {
    super('unauthorized', message, { 'WWW-Authenticate': 'Bearer' });
  }
}
export class ForbiddenError extends AppError {
  override readonly name = 'ForbiddenError';
  constructor(message = 'Not allowed') {
    super('forbidden', message);
  }
}
export class NotFoundError extends AppError {
  override readonly name = 'NotFoundError';
  constructor(message = 'Not found') {
    super('not_found', message);
  }
}
export class ConflictError extends AppError {
  override readonly name = 'ConflictError';
  constructor(message: string) {
    super('conflict', message);
  }
}
export class RateLimitedError extends AppError {
  override readonly name = 'RateLimitedError';
  constructor(message: string, retryAfterSeconds: number) {
    super('rate_limited', message, {
      'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))),
    });
  }
}
export class UnavailableError extends AppError {
  override readonly name = 'UnavailableError';
  constructor(message: string, retryAfterSeconds = 5) {
    super('unavailable', message, { 'Retry-After': String(retryAfterSeconds) });
  }
}
