/**
 * Failed-login limiter: a sliding window of failure times per key (a username, an address).
 *
 *   fail(key)   records a failure            check(key) → 0, or seconds until the key may retry
 *   reset(key)  forgets a key (a successful login clears its username)
 *
 * A key is blocked once it holds `limit` failures younger than `windowMs`; it unblocks when the
 * oldest of them ages out. State lives in this process's memory, so several server processes
 * each count separately (an attacker spread over N processes gets N times the budget); a shared
 * store (Postgres or Redis) would be needed to make the limit global. The number of keys is
 * capped so a flood of distinct usernames cannot exhaust memory: the oldest keys are dropped.
 */
export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export interface RateLimiterOptions extends RateLimitRule {
  /** Injected clock (ms), for tests. */
  now?: () => number;
  maxKeys?: number;
}

export class FailureRateLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly now: () => number;
  private readonly maxKeys: number;
  readonly limit: number;
  readonly windowMs: number;

  constructor(opts: RateLimiterOptions) {
    this.limit = opts.limit;
    this.windowMs = opts.windowMs;
    this.now = opts.now ?? Date.now;
    this.maxKeys = opts.maxKeys ?? 100_000;
  }

  private recent(key: string, now: number): number[] {
    const times = this.failures.get(key);
    if (!times) return [];
    const fresh = times.filter((t) => now - t < this.windowMs);
    if (fresh.length === 0) this.failures.delete(key);
    else if (fresh.length !== times.length) this.failures.set(key, fresh);
    return fresh;
  }

  /** Seconds until `key` may try again; 0 when it is not blocked. */
  check(key: string): number {
    const now = this.now();
    const times = this.recent(key, now);
    if (times.length < this.limit) return 0;
    const oldest = times[times.length - this.limit] ?? now;
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }

  fail(key: string): void {
    const now = this.now();
    const times = this.recent(key, now);
    times.push(now);
    // Only the newest `limit` failures matter for blocking.
    this.failures.delete(key);
    this.failures.set(key, times.slice(-this.limit));
    if (this.failures.size > this.maxKeys) {
      const oldestKey = this.failures.keys().next().value;
      if (oldestKey !== undefined) this.failures.delete(oldestKey);
    }
  }

  reset(key: string): void {
    this.failures.delete(key);
  }
}

/** Defaults: 10 failures per username and 100 per address within 15 minutes. */
export const LOGIN_LIMITS = {
  perUsername: { limit: 10, windowMs: 15 * 60_000 },
  perAddress: { limit: 100, windowMs: 15 * 60_000 },
} as const satisfies Record<string, RateLimitRule>;
