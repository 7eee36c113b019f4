/**
 * Everything the sync engine takes from the outside world, injected so tests drive it in Node
 * without patching globals: network, clock, timers, randomness, the online signal, the database.
 */
import type { SqlDb } from '../db/sql-db.ts';

export type TimerHandle = number | object;

export interface Timers {
  setTimeout: (fn: () => void, ms: number) => TimerHandle;
  clearTimeout: (handle: TimerHandle) => void;
}

export interface OnlineSignal {
  isOnline: () => boolean;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe: (listener: (online: boolean) => void) => () => void;
}

/** The session as the sync engine needs it. */
export interface AuthSource {
  /** The current access token, or null when signed out. */
  token: () => string | null;
  /**
   * Asks the UI for a fresh token: 'ok' (token() now answers the new one), 'lost' (the refresh
   * was refused: the user must log in again) or 'unavailable' (could not try now; retry later).
   */
  refresh: () => Promise<'ok' | 'lost' | 'unavailable'>;
}

export interface SyncEnv {
  fetch: typeof fetch;
  now: () => number;
  timers: Timers;
  random: () => number;
  online: OnlineSignal;
  db: SqlDb;
}

/** The browser's (or Node's) real environment, minus the database and online signal. */
export const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as Parameters<typeof clearTimeout>[0]),
};

/** navigator.onLine plus the online/offline events (a worker global has both). */
export function browserOnlineSignal(
  target: EventTarget & { navigator?: { onLine: boolean } },
): OnlineSignal {
  return {
    isOnline: () => target.navigator?.onLine ?? true,
    subscribe(listener) {
      const on = () => listener(true);
      const off = () => listener(false);
      target.addEventListener('online', on);
      target.addEventListener('offline', off);
      return () => {
        target.removeEventListener('online', on);
        target.removeEventListener('offline', off);
      };
    },
  };
}

/** A settable online signal (tests, and the UI forwarding its own view of connectivity). */
export function manualOnlineSignal(
  initial = true,
): OnlineSignal & { set: (online: boolean) => void } {
  let online = initial;
  const listeners = new Set<(online: boolean) => void>();
  return {
    isOnline: () => online,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      if (next === online) return;
      online = next;
      for (const l of [...listeners]) l(next);
    },
  };
}
