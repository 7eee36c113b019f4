import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from './backoff.ts';
import { outboxTransition, type OutboxEvent, type OutboxState } from './outbox-machine.ts';
import { INITIAL_SYNC_STATE, syncTransition, type SyncEvent } from './sync-machine.ts';

const policy = { initialMs: 100, maxMs: 10_000, multiplier: 2 };
const ctx = { now: 0, random: () => 0.5, backoff: policy };

const outboxEvent: fc.Arbitrary<OutboxEvent> = fc.oneof(
  fc.record({ type: fc.constant('start' as const), online: fc.boolean() }),
  fc.constantFrom<OutboxEvent>(
    { type: 'stop' },
    { type: 'kick' },
    { type: 'retry_now' },
    { type: 'online' },
    { type: 'offline' },
    { type: 'unauthorized' },
    { type: 'auth_ok' },
    { type: 'auth_unavailable' },
    { type: 'auth_lost' },
    { type: 'timer' },
  ),
  fc.record({ type: fc.constant('sent' as const), more: fc.boolean() }),
  fc.record({
    type: fc.constant('failed' as const),
    retryAfterMs: fc.option(fc.nat(600_000), { nil: undefined }),
  }),
);

describe('outbox machine', () => {
  it('never has two sends in flight, never sends while offline or stopped', () => {
    fc.assert(
      fc.property(fc.array(outboxEvent, { maxLength: 60 }), (events) => {
        let s: OutboxState = { kind: 'stopped' };
        let inFlight = false;
        for (const e of events) {
          // The interpreter only delivers outcomes of the current send.
          const outcome = e.type === 'sent' || e.type === 'failed' || e.type === 'unauthorized';
          if (outcome && !(inFlight && s.kind === 'sending')) continue;
          const prev = s;
          const t = outboxTransition(s, e, ctx);
          s = t.state;
          if (outcome) inFlight = false;
          if (t.effects.some((x) => x.type === 'abort')) inFlight = false;
          for (const x of t.effects) {
            if (x.type !== 'send') continue;
            expect(inFlight, `second send from ${prev.kind} on ${e.type}`).toBe(false);
            inFlight = true;
            expect(s.kind).toBe('sending');
          }
          if (e.type === 'offline' && prev.kind !== 'stopped') expect(s.kind).toBe('offline');
          if (s.kind === 'offline' || s.kind === 'stopped') expect(inFlight).toBe(false);
        }
      }),
    );
  });

  it('a new write does not cut a backoff short, "sync now" does', () => {
    const backoff: OutboxState = { kind: 'backoff', attempt: 2, retryAt: 400 };
    expect(outboxTransition(backoff, { type: 'kick' }, ctx).state).toBe(backoff);
    expect(outboxTransition(backoff, { type: 'retry_now' }, ctx).state.kind).toBe('sending');
  });

  it('backs off exponentially, capped, never below Retry-After', () => {
    fc.assert(
      fc.property(
        fc.nat(40),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.option(fc.nat(1_000_000), { nil: undefined }),
        (attempt, r, retryAfter) => {
          const d = backoffDelay(attempt, policy, () => r, retryAfter);
          const step = Math.min(policy.maxMs, policy.initialMs * 2 ** attempt);
          expect(d).toBeGreaterThanOrEqual(Math.round(step / 2));
          expect(d).toBeGreaterThanOrEqual(Math.min(retryAfter ?? 0, 600_000) - 1);
          expect(d).toBeLessThanOrEqual(Math.max(step, Math.min(retryAfter ?? 0, 600_000)) + 1);
        },
      ),
    );
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
});

describe('sync machine', () => {
  const start = (online: boolean, initialDone: boolean): SyncEvent => ({
    type: 'session_started',
    online,
    initialDone,
  });

  it('walks signed_out → initial_sync → live → offline → connecting → live', () => {
    let s = INITIAL_SYNC_STATE;
    const step = (e: SyncEvent) => (s = syncTransition(s, e, ctx).state).name;
    expect(step(start(true, false))).toBe('initial_sync');
    expect(step({ type: 'progress', progress: { allUpToDate: false, initialDone: false } })).toBe(
      'initial_sync',
    );
    expect(step({ type: 'progress', progress: { allUpToDate: true, initialDone: true } })).toBe(
      'live',
    );
    expect(step({ type: 'went_offline' })).toBe('offline');
    expect(step({ type: 'went_online', initialDone: true })).toBe('connecting');
    expect(step({ type: 'stream_failed' })).toBe('backoff');
    expect(step({ type: 'retry_due', initialDone: true })).toBe('connecting');
    expect(step({ type: 'progress', progress: { allUpToDate: true, initialDone: true } })).toBe(
      'live',
    );
    expect(step({ type: 'auth_lost' })).toBe('needs_login');
    expect(step(start(false, true))).toBe('offline');
  });

  it('streams run only while signed in and online', () => {
    const syncEvent: fc.Arbitrary<SyncEvent> = fc.oneof(
      fc.record({
        type: fc.constant('session_started' as const),
        online: fc.boolean(),
        initialDone: fc.boolean(),
      }),
      fc.constantFrom<SyncEvent>(
        { type: 'session_ended' },
        { type: 'auth_lost' },
        { type: 'went_offline' },
        { type: 'stream_failed' },
      ),
      fc.record({
        type: fc.constantFrom('went_online' as const, 'retry_due' as const, 'retry_now' as const),
        initialDone: fc.boolean(),
      }),
      fc.record({
        type: fc.constant('progress' as const),
        progress: fc.record({ allUpToDate: fc.boolean(), initialDone: fc.boolean() }),
      }),
    );
    fc.assert(
      fc.property(fc.array(syncEvent, { maxLength: 50 }), (events) => {
        let s = INITIAL_SYNC_STATE;
        let running = false;
        let online = true;
        for (const e of events) {
          if (e.type === 'went_offline') online = false;
          if (e.type === 'went_online') online = true;
          if (e.type === 'session_started' && s.name !== 'signed_out' && s.name !== 'needs_login')
            continue;
          if (e.type === 'session_started') online = e.online;
          const t = syncTransition(s, e, ctx);
          s = t.state;
          for (const x of t.effects) {
            if (x.type === 'start_streams') running = true;
            if (x.type === 'stop_streams') running = false;
          }
          if (['signed_out', 'needs_login', 'offline', 'backoff'].includes(s.name))
            expect(running).toBe(false);
          if (running) expect(online).toBe(true);
        }
      }),
    );
  });
});
