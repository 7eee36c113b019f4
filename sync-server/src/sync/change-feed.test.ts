import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNCED_TABLES } from '@eco-track/shared-schema';
import { createLogger } from '../logger.ts';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { ChangeFeed, type WaitResult } from './change-feed.ts';
import { signalGone } from './client-gone.ts';

let t: TestDb;
let feed: ChangeFeed;
beforeAll(async () => {
  t = await createTestDb();
  feed = new ChangeFeed(t.db, createLogger('silent'));
  await feed.start();
});
afterAll(async () => {
  await feed.stop();
  await t.drop();
});

const table = SYNCED_TABLES.activities;
const scope = { userId: '00000000-0000-4000-8000-000000000001', orgIds: new Set<string>() };
const never = new AbortController().signal;

/** Starts a wait and resolves with its result and when it came, relative to `t0`. */
function timedWait(t0: number, timeoutMs: number, request = never) {
  return feed
    .wait(table, scope, feed.head, timeoutMs, never, signalGone(request))
    .then((r: WaitResult) => ({ reason: r.reason, at: performance.now() - t0 }));
}

describe('held waits', () => {
  it('each time out at their own deadline, whatever order they started in', async () => {
    const t0 = performance.now();
    const waits = [timedWait(t0, 400), timedWait(t0, 100), timedWait(t0, 250)];
    const late = new Promise((r) => setTimeout(r, 150)).then(() => timedWait(t0, 100));
    const [a, b, c, d] = await Promise.all([...waits, late]);
    for (const w of [a, b, c, d]) expect(w?.reason).toBe('timeout');
    // Never more than the shared timer's 20 ms early; late only by the machine's load.
    expect(b?.at).toBeGreaterThanOrEqual(80);
    expect(c?.at).toBeGreaterThanOrEqual(230);
    expect(d?.at).toBeGreaterThanOrEqual(230);
    expect(a?.at).toBeGreaterThanOrEqual(380);
    expect(b?.at).toBeLessThan(a?.at ?? 0);
    expect(feed.waiting).toBe(0);
  });

  it('ends at once when its request is aborted, leaving the others held', async () => {
    const t0 = performance.now();
    const request = new AbortController();
    const aborted = timedWait(t0, 5000, request.signal);
    const other = timedWait(t0, 300);
    request.abort();
    expect((await aborted).reason).toBe('aborted');
    expect((await aborted).at).toBeLessThan(100);
    expect(feed.waiting).toBe(1);
    expect((await other).reason).toBe('timeout');
  });
});
