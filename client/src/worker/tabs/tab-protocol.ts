/**
 * Messages between the DB workers of the tabs of one origin, over a BroadcastChannel. The leader
 * (the worker holding the Web Lock) owns the database; the others send it calls.
 *
 *   follower → all      hello                 "who leads?" (the leader answers `leader`)
 *   leader   → all      leader {tab}          announces itself; followers resend unanswered calls
 *   follower → leader   call {id, method, args}
 *   leader   → follower result {id, ok, value | error}
 *   leader   → all      changed {tables}      after any commit (live queries in every tab)
 *   leader   → all      status {status}       the sync status changed
 *   leader   → follower refresh {id}          "ask your UI for a fresh token" (the leader's own UI
 *   follower → leader   refreshed {id, session}  has none); the answer, or null when refused
 */
import type { Session, SyncStatus } from '../api.ts';

export const TAB_CHANNEL = 'eco-track-db';
export const LEADER_LOCK = 'eco-track-db-leader';

export type TabMessage =
  | { type: 'hello'; from: string }
  | { type: 'leader'; from: string }
  | { type: 'call'; from: string; to: string; id: string; method: string; args: unknown[] }
  | { type: 'result'; from: string; to: string; id: string; ok: true; value: unknown }
  | { type: 'result'; from: string; to: string; id: string; ok: false; error: string }
  | { type: 'changed'; from: string; tables: string[] }
  | { type: 'status'; from: string; status: SyncStatus }
  | { type: 'refresh'; from: string; to: string; id: string }
  | {
      type: 'refreshed';
      from: string;
      to: string;
      id: string;
      session: Session | null | 'unavailable';
    };

/** The parts of BroadcastChannel the coordinator uses (Node's and the browser's both fit). */
export interface TabChannel {
  postMessage(message: TabMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<TabMessage>) => void): void;
  close(): void;
}

/** The part of navigator.locks used: an exclusive lock held until `hold` settles. */
export interface TabLocks {
  request(name: string, hold: () => Promise<void>): Promise<unknown>;
}
