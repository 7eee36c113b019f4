/** Capped exponential backoff with jitter that honours a server's Retry-After as a minimum. */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  multiplier: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1000, maxMs: 60_000, multiplier: 2 };

/** Longest Retry-After we obey; beyond it a misconfigured header would stall the outbox for hours. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/**
 * The wait before retry number `attempt` (0-based): the exponential step capped at maxMs, jittered
 * into [½, 1] of itself so many devices do not retry in lockstep, and never less than Retry-After.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number,
  retryAfterMs?: number,
): number {
  const step = Math.min(policy.maxMs, policy.initialMs * policy.multiplier ** Math.max(0, attempt));
  const jittered = step / 2 + (random() * step) / 2;
  const floor = Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
  return Math.round(Math.max(jittered, floor));
}

/** Retry-After as seconds or an HTTP date → milliseconds from `nowMs`; undefined when absent/bad. */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
