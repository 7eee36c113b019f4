/**
 * The sync engine's state machine (what the UI shows as "the sync state"), as a pure transition
 * function; sync-engine.ts runs its effects. The outbox has its own machine (outbox-machine.ts);
 * this one owns the shape streams.
 *
 * | state                       | event            | next state                              | effects                       |
 * |-----------------------------|------------------|-----------------------------------------|-------------------------------|
 * | signed_out / needs_login    | session_started  | offline, or connecting / initial_sync   | start_outbox, start_streams*  |
 * | any signed in               | session_ended    | signed_out                              | stop_streams, stop_outbox     |
 * | any signed in               | auth_lost        | needs_login                             | stop_streams, stop_outbox     |
 * | connecting…live, backoff    | went_offline     | offline                                 | stop_streams, cancel_retry    |
 * | offline                     | went_online      | connecting / initial_sync               | start_streams                 |
 * | connecting                  | progress         | live (all up to date) / catching_up     | -                             |
 * | initial_sync                | progress         | live when every shape finished its first sync, else stays          |
 * | catching_up                 | progress         | live (all up to date) / stays           | -                             |
 * | live                        | progress         | catching_up (a shape is re-syncing) / stays                        |
 * | connecting…live             | stream_failed    | backoff                                 | stop_streams, schedule_retry  |
 * | backoff                     | retry_due / retry_now | connecting / initial_sync          | start_streams                 |
 *   * start_streams only when online.
 */
import { backoffDelay, type BackoffPolicy } from './backoff.ts';

export type SyncStateName =
  | 'signed_out'
  | 'offline'
  | 'connecting'
  | 'initial_sync'
  | 'catching_up'
  | 'live'
  | 'backoff'
  | 'needs_login';

export interface SyncMachineState {
  name: SyncStateName;
  /** Consecutive stream failures (drives the backoff). */
  failures: number;
  retryAt: number | null;
}

export interface Progress {
  /** Every shape's latest batch ended with up-to-date. */
  allUpToDate: boolean;
  /** Every shape completed its first full sync on this device at some point. */
  initialDone: boolean;
}

export type SyncEvent =
  | { type: 'session_started'; online: boolean; initialDone: boolean }
  | { type: 'session_ended' }
  | { type: 'auth_lost' }
  | { type: 'went_online'; initialDone: boolean }
  | { type: 'went_offline' }
  | { type: 'progress'; progress: Progress }
  | { type: 'stream_failed' }
  | { type: 'retry_due'; initialDone: boolean }
  | { type: 'retry_now'; initialDone: boolean };

export type SyncEffect =
  | { type: 'start_streams' }
  | { type: 'stop_streams' }
  | { type: 'start_outbox' }
  | { type: 'stop_outbox' }
  | { type: 'schedule_retry'; ms: number }
  | { type: 'cancel_retry' };

export interface SyncContext {
  now: number;
  random: () => number;
  backoff: BackoffPolicy;
}

export const INITIAL_SYNC_STATE: SyncMachineState = {
  name: 'signed_out',
  failures: 0,
  retryAt: null,
};

const state = (
  name: SyncStateName,
  failures = 0,
  retryAt: number | null = null,
): SyncMachineState => ({
  name,
  failures,
  retryAt,
});

const starting = (initialDone: boolean, failures = 0) =>
  state(initialDone ? 'connecting' : 'initial_sync', failures);

const SIGNED_IN_ONLINE: ReadonlySet<SyncStateName> = new Set([
  'connecting',
  'initial_sync',
  'catching_up',
  'live',
  'backoff',
]);

export function syncTransition(
  s: SyncMachineState,
  e: SyncEvent,
  ctx: SyncContext,
): { state: SyncMachineState; effects: SyncEffect[] } {
  const stay = { state: s, effects: [] as SyncEffect[] };
  const signedIn = s.name !== 'signed_out' && s.name !== 'needs_login';
  switch (e.type) {
    case 'session_started':
      if (signedIn) return stay;
      return e.online
        ? {
            state: starting(e.initialDone),
            effects: [{ type: 'start_outbox' }, { type: 'start_streams' }],
          }
        : { state: state('offline'), effects: [{ type: 'start_outbox' }] };
    case 'session_ended':
    case 'auth_lost': {
      const next = e.type === 'auth_lost' ? 'needs_login' : 'signed_out';
      if (!signedIn && e.type === 'auth_lost') return stay;
      return {
        state: state(next),
        effects: [{ type: 'stop_streams' }, { type: 'stop_outbox' }, { type: 'cancel_retry' }],
      };
    }
    case 'went_offline':
      if (!SIGNED_IN_ONLINE.has(s.name)) return stay;
      return {
        state: state('offline'),
        effects: [{ type: 'stop_streams' }, { type: 'cancel_retry' }],
      };
    case 'went_online':
      if (s.name !== 'offline') return stay;
      return { state: starting(e.initialDone), effects: [{ type: 'start_streams' }] };
    case 'progress': {
      const { allUpToDate, initialDone } = e.progress;
      switch (s.name) {
        case 'connecting':
        case 'catching_up':
          return { state: state(allUpToDate ? 'live' : 'catching_up'), effects: [] };
        case 'initial_sync':
          return {
            state: state(allUpToDate && initialDone ? 'live' : 'initial_sync'),
            effects: [],
          };
        case 'live':
          return allUpToDate ? stay : { state: state('catching_up'), effects: [] };
        case 'signed_out':
        case 'needs_login':
        case 'offline':
        case 'backoff':
          return stay;
      }
      return stay;
    }
    case 'stream_failed': {
      if (!SIGNED_IN_ONLINE.has(s.name) || s.name === 'backoff') return stay;
      const ms = backoffDelay(s.failures, ctx.backoff, ctx.random);
      return {
        state: state('backoff', s.failures + 1, ctx.now + ms),
        effects: [{ type: 'stop_streams' }, { type: 'schedule_retry', ms }],
      };
    }
    case 'retry_due':
    case 'retry_now':
      if (s.name !== 'backoff') return stay;
      return {
        state: starting(e.initialDone, s.failures),
        effects: [{ type: 'cancel_retry' }, { type: 'start_streams' }],
      };
  }
}
