/**
 * The outbox flusher's state machine, as a pure transition function (the interpreter that runs
 * its effects is outbox-flusher.ts). One request is in flight at most, so mutations reach the
 * server in the order they were made.
 *
 * | state          | event           | next state                         | effects                  |
 * |----------------|-----------------|------------------------------------|--------------------------|
 * | stopped        | start           | idle (online) / offline            | send (online)            |
 * | idle           | kick/retry_now  | sending                            | send                     |
 * | sending        | kick            | sending, dirty                     | -                        |
 * | sending        | sent            | sending (more or dirty) / idle     | send (more or dirty)     |
 * | sending        | failed          | backoff(attempt + 1)               | schedule(backoff delay)  |
 * | sending        | unauthorized    | authorizing                        | refresh                  |
 * | authorizing    | auth_ok         | sending                            | send                     |
 * | authorizing    | auth_unavailable| backoff(attempt + 1)               | schedule                 |
 * | authorizing    | auth_lost       | needs_login                        | -                        |
 * | backoff        | timer/retry_now | sending                            | cancel_timer, send       |
 * | backoff        | kick            | backoff (a new write does not cut the wait short)             |
 * | needs_login    | start           | sending                            | send                     |
 * | any but stopped| offline         | offline                            | abort, cancel_timer      |
 * | offline        | online          | sending                            | send                     |
 * | offline        | kick            | offline                            | - (the write waits)      |
 * | any            | stop            | stopped                            | abort, cancel_timer      |
 *
 * Events that belong to a request or timer no longer current (e.g. `sent` after going offline)
 * are ignored: the interpreter tags them with a generation and drops stale ones.
 */
import { backoffDelay, type BackoffPolicy } from './backoff.ts';

export type OutboxState =
  | { kind: 'stopped' }
  | { kind: 'idle' }
  | { kind: 'offline' }
  | { kind: 'sending'; attempt: number; dirty: boolean }
  | { kind: 'authorizing'; attempt: number }
  | { kind: 'backoff'; attempt: number; retryAt: number }
  | { kind: 'needs_login' };

export type OutboxEvent =
  | { type: 'start'; online: boolean }
  | { type: 'stop' }
  | { type: 'kick' }
  | { type: 'retry_now' }
  | { type: 'online' }
  | { type: 'offline' }
  | { type: 'sent'; more: boolean }
  | { type: 'failed'; retryAfterMs?: number }
  | { type: 'unauthorized' }
  | { type: 'auth_ok' }
  | { type: 'auth_unavailable' }
  | { type: 'auth_lost' }
  | { type: 'timer' };

export type OutboxEffect =
  | { type: 'send' }
  | { type: 'schedule'; ms: number }
  | { type: 'cancel_timer' }
  | { type: 'abort' }
  | { type: 'refresh' };

export interface OutboxContext {
  now: number;
  random: () => number;
  backoff: BackoffPolicy;
}

export interface Transition {
  state: OutboxState;
  effects: OutboxEffect[];
}

const stay = (state: OutboxState): Transition => ({ state, effects: [] });

function toBackoff(attempt: number, ctx: OutboxContext, retryAfterMs?: number): Transition {
  const ms = backoffDelay(attempt, ctx.backoff, ctx.random, retryAfterMs);
  return {
    state: { kind: 'backoff', attempt: attempt + 1, retryAt: ctx.now + ms },
    effects: [{ type: 'schedule', ms }],
  };
}

const send = (attempt = 0): Transition => ({
  state: { kind: 'sending', attempt, dirty: false },
  effects: [{ type: 'send' }],
});

export function outboxTransition(s: OutboxState, e: OutboxEvent, ctx: OutboxContext): Transition {
  if (e.type === 'stop') {
    return { state: { kind: 'stopped' }, effects: [{ type: 'abort' }, { type: 'cancel_timer' }] };
  }
  if (s.kind === 'stopped') {
    if (e.type !== 'start') return stay(s);
    return e.online ? send() : stay({ kind: 'offline' });
  }
  if (e.type === 'offline') {
    return { state: { kind: 'offline' }, effects: [{ type: 'abort' }, { type: 'cancel_timer' }] };
  }
  switch (s.kind) {
    case 'idle':
      return e.type === 'kick' || e.type === 'retry_now' || e.type === 'online' ? send() : stay(s);
    case 'offline':
      return e.type === 'online' ? send() : stay(s);
    case 'needs_login':
      if (e.type !== 'start') return stay(s);
      return e.online ? send() : stay({ kind: 'offline' });
    case 'sending':
      if (e.type === 'kick' || e.type === 'retry_now') return stay({ ...s, dirty: true });
      if (e.type === 'sent') return e.more || s.dirty ? send() : stay({ kind: 'idle' });
      if (e.type === 'failed') return toBackoff(s.attempt, ctx, e.retryAfterMs);
      if (e.type === 'unauthorized') {
        return {
          state: { kind: 'authorizing', attempt: s.attempt },
          effects: [{ type: 'refresh' }],
        };
      }
      return stay(s);
    case 'authorizing':
      if (e.type === 'auth_ok') return send(s.attempt);
      if (e.type === 'auth_unavailable') return toBackoff(s.attempt, ctx);
      if (e.type === 'auth_lost') return stay({ kind: 'needs_login' });
      return stay(s);
    case 'backoff':
      if (e.type === 'timer' || e.type === 'retry_now') {
        return {
          state: { kind: 'sending', attempt: s.attempt, dirty: false },
          effects: [{ type: 'cancel_timer' }, { type: 'send' }],
        };
      }
      return stay(s);
  }
}
