import { describe, expect, it } from 'vitest';
import type { Session } from '../api.ts';
import type { TimerHandle, Timers } from '../sync/env.ts';
import { SessionManager } from './session.ts';

const session = (token: string, expiresAt?: number): Session => ({
  accessToken: token,
  userId: 'u',
  username: 'ada',
  ...(expiresAt ? { accessTokenExpiresAt: expiresAt } : {}),
});

function fakeTimers() {
  const pending = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      pending.set(next, { at: ms, fn });
      return next++;
    },
    clearTimeout: (h: TimerHandle) => void pending.delete(h as number),
  };
  return { timers, pending };
}

describe('SessionManager', () => {
  it('shares one refresh between concurrent callers (a rotating refresh token is spent once)', async () => {
    const { timers } = fakeTimers();
    let calls = 0;
    let release!: () => void;
    const m = new SessionManager(timers, () => 0);
    m.set(session('a'), async () => {
      calls++;
      await new Promise<void>((r) => (release = r));
      return session('b');
    });
    const both = Promise.all([m.refresh(), m.refresh()]);
    release();
    expect(await both).toEqual(['ok', 'ok']);
    expect(calls).toBe(1);
    expect(m.token()).toBe('b');
  });

  it('tells a refused refresh (null) from one that could not be tried (throws)', async () => {
    const { timers } = fakeTimers();
    const m = new SessionManager(timers, () => 0);
    m.set(session('a'), () => Promise.reject(new Error('offline')));
    expect(await m.refresh()).toBe('unavailable');
    m.set(session('a'), () => Promise.resolve(null));
    expect(await m.refresh()).toBe('lost');
    m.clear();
    expect(m.token()).toBeNull();
  });

  it('refreshes a minute before the access token expires', () => {
    const { timers, pending } = fakeTimers();
    const m = new SessionManager(timers, () => 1_000_000);
    m.set(session('a', 1_000_000 + 15 * 60_000), () => Promise.resolve(session('b')));
    expect([...pending.values()].map((p) => p.at)).toEqual([14 * 60_000]);
  });
});
