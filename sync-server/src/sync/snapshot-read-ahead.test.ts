import { describe, expect, it } from 'vitest';
import type { SnapshotChunk } from './shape-reader.ts';
import { SnapshotReadAhead } from './snapshot-read-ahead.ts';

const chunk = (lastKey: string): SnapshotChunk => ({ messages: '', rows: 1, lastKey, more: true });

describe('snapshot read-ahead', () => {
  it('serves a chunk read ahead once, only under the key it was read for', async () => {
    const ahead = new SnapshotReadAhead({ maxEntries: 4, ttlMs: 1000 });
    let reads = 0;
    const key = SnapshotReadAhead.key('activities|u|ada', 'h-1', 'a-key');
    ahead.start(key, () => (reads++, Promise.resolve(chunk('a'))));
    ahead.start(key, () => (reads++, Promise.resolve(chunk('b')))); // already held: not read again
    expect(
      await ahead.take(SnapshotReadAhead.key('activities|u|bob', 'h-1', 'a-key')),
    ).toBeUndefined();
    expect(await ahead.take(key)).toEqual(chunk('a'));
    expect(await ahead.take(key)).toBeUndefined();
    expect(reads).toBe(1);
  });

  it('holds at most maxEntries, drops what waits longer than ttlMs and forgets failed reads', async () => {
    let now = 0;
    const ahead = new SnapshotReadAhead({ maxEntries: 2, ttlMs: 1000, now: () => now });
    ahead.start('a', () => Promise.resolve(chunk('a')));
    ahead.start('b', () => Promise.resolve(chunk('b')));
    ahead.start('c', () => Promise.resolve(chunk('c')));
    expect(ahead.size).toBe(2);
    expect(await ahead.take('c')).toBeUndefined();
    now = 1000;
    expect(await ahead.take('a')).toBeUndefined();
    expect(ahead.size).toBe(0);

    ahead.start('d', () => Promise.reject(new Error('connection lost')));
    expect(await ahead.take('d')).toBeUndefined();
    ahead.start('e', () => Promise.reject(new Error('connection lost')));
    await new Promise((r) => setTimeout(r, 0));
    expect(ahead.size).toBe(0);
  });
});
