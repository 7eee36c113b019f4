/** Errors of calls to our REST API, each with a message fit to show to the user. */

/** The server answered with an error status; `detail` is its `{ "detail": … }` message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** The request never reached the server (offline, DNS, connection refused). */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(message = 'You are offline, or the server cannot be reached. Try again later.') {
    super(message);
  }
}

/** The session is gone (refresh refused): the user must log in again. */
export class NeedsLoginError extends Error {
  override readonly name = 'NeedsLoginError';
  constructor() {
    super('Your session has ended. Log in again to continue.');
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
