import { describe, expect, it } from 'vitest';
import { FailureRateLimiter } from './rate-limiter.ts';

describe('failure rate limiter', () => {
  it('blocks at the limit and unblocks as the oldest failure leaves the window', () => {
    let now = 0;
    const rl = new FailureRateLimiter({ limit: 3, windowMs: 10_000, now: () => now });
    rl.fail('k');
    now = 2_000;
    rl.fail('k');
    now = 4_000;
    expect(rl.check('k')).toBe(0);
    rl.fail('k');
    expect(rl.check('k')).toBe(6); // the failure at t=0 ages out at t=10s
    now = 9_500;
    expect(rl.check('k')).toBe(1);
    now = 10_000;
    expect(rl.check('k')).toBe(0);
    expect(rl.check('other')).toBe(0);
  });

  it('forgets a key on reset, and drops the oldest keys beyond maxKeys', () => {
    const rl = new FailureRateLimiter({ limit: 1, windowMs: 60_000, now: () => 0, maxKeys: 2 });
    rl.fail('a');
    expect(rl.check('a')).toBe(60);
    rl.reset('a');
    expect(rl.check('a')).toBe(0);
    rl.fail('a');
    rl.fail('b');
    rl.fail('c');
    expect(rl.check('a')).toBe(0);
    expect(rl.check('b')).toBe(60);
    expect(rl.check('c')).toBe(60);
  });
});
