import { REPLICA_TABLES } from '@eco-track/shared-schema';
import { describe, expect, it } from 'vitest';
import type { SqlDb } from '../db/sql-db.ts';
import { plainWriter, writeLocal, type Writers } from '../store/local-writes.ts';
import { pendingCount } from '../store/outbox.ts';
import { installReplica } from '../store/replica-install.ts';
import { openMemoryDb } from '../testing/node-sqlite.ts';
import { manualOnlineSignal, type TimerHandle, type Timers } from './env.ts';
import type { MutationTransport, TransportOutcome } from './mutation-transport.ts';
import { OutboxFlusher } from './outbox-flusher.ts';

const goals = REPLICA_TABLES.filter((t) => t.name === 'goals');

function fakeTimers() {
  const scheduled: number[] = [];
  const fns = new Map<number, () => void>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      scheduled.push(ms);
      fns.set(next, fn);
      return next++;
    },
    clearTimeout: (h: TimerHandle) => void fns.delete(h as number),
  };
  const fireAll = () => {
    const all = [...fns.values()];
    fns.clear();
    for (const f of all) f();
  };
  return { timers, scheduled, fireAll };
}

async function setup(answers: ((ids: string[]) => TransportOutcome)[]) {
  const db: SqlDb = await openMemoryDb();
  const writers: Writers = new Map(goals.map((t) => [t.name, plainWriter(t)]));
  await installReplica(db, goals, writers);
  const sent: string[][] = [];
  const transport: MutationTransport = {
    send: (entries) => {
      const ids = entries.map((e) => e.mutation_id);
      sent.push(ids);
      const answer =
        answers.shift() ??
        ((x: string[]) => ({
          kind: 'ok',
          response: {
            txid: 9,
            results: x.map((mutation_id) => ({ mutation_id, status: 'applied' as const })),
          },
        }));
      return Promise.resolve(answer(ids));
    },
  };
  const online = manualOnlineSignal(true);
  const t = fakeTimers();
  const flusher = new OutboxFlusher({
    db,
    transport,
    auth: { token: () => 't', refresh: () => Promise.resolve('ok') },
    writers,
    timers: t.timers,
    now: () => 0,
    random: () => 0.5,
    online,
    backoff: { initialMs: 1000, maxMs: 8000, multiplier: 2 },
  });
  const write = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      await db.transaction((tx) =>
        writeLocal(
          tx,
          writers,
          {
            mutation_id: `m${i}`,
            table: 'goals',
            op: 'insert',
            row_id: id,
            payload: { goal_id: id, target_value: i },
          },
          '2025-01-01T00:00:00.000Z',
        ),
      );
    }
  };
  const settle = async () => {
    for (let i = 0; i < 20; i++) await flusher.settled();
  };
  return { db, flusher, online, sent, write, settle, ...t };
}

describe('outbox flusher', () => {
  it('sends in order, waits at least Retry-After, backs off exponentially with a cap', async () => {
    const s = await setup([
      () => ({ kind: 'retry', error: 'busy', retryAfterMs: 5000 }),
      () => ({ kind: 'retry', error: 'down' }),
      () => ({ kind: 'retry', error: 'down' }),
      () => ({ kind: 'retry', error: 'down' }),
    ]);
    await s.write(3);
    s.flusher.start();
    await s.settle();
    expect(s.sent).toEqual([['m0', 'm1', 'm2']]);
    expect(s.scheduled.at(-1)).toBeGreaterThanOrEqual(5000);
    for (let i = 0; i < 3; i++) {
      s.fireAll();
      await s.settle();
    }
    // Attempt k waits min(8000, 1000·2^k) jittered into [½, 1] of itself (random 0.5 → ¾).
    expect(s.scheduled.slice(1)).toEqual([1500, 3000, 6000]);
    s.fireAll();
    await s.settle();
    expect(await pendingCount(s.db)).toBe(0);
    expect(s.sent.every((b) => b.join() === 'm0,m1,m2')).toBe(true);
  });

  it('pauses while offline and resumes at once when back online', async () => {
    const s = await setup([]);
    s.online.set(false);
    s.flusher.start();
    await s.write(2);
    s.flusher.kick();
    await s.settle();
    expect(s.sent).toEqual([]);
    expect(s.flusher.state.kind).toBe('offline');
    s.online.set(true);
    await s.settle();
    expect(s.sent).toEqual([['m0', 'm1']]);
    expect(await pendingCount(s.db)).toBe(0);
  });

  it('splits a batch refused as a whole and rejects only the culprit', async () => {
    const s = await setup([
      () => ({ kind: 'refused', status: 400, detail: 'bad batch' }),
      (ids) => ({
        kind: 'ok',
        response: {
          txid: 1,
          results: ids.map((mutation_id) => ({ mutation_id, status: 'applied' as const })),
        },
      }),
      () => ({ kind: 'refused', status: 422, detail: 'target_value: must be at least 0' }),
    ]);
    await s.write(3);
    s.flusher.start();
    await s.settle();
    expect(s.sent).toEqual([['m0', 'm1', 'm2'], ['m0'], ['m1'], ['m2']]);
    expect(await s.db.all('SELECT mutation_id, detail FROM _rejected')).toEqual([
      { mutation_id: 'm1', detail: 'target_value: must be at least 0' },
    ]);
    expect(await pendingCount(s.db)).toBe(0);
  });
});
