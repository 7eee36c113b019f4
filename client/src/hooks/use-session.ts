import { useSyncExternalStore } from 'react';
import { getSession, subscribeSession, type StoredSession } from '../services/session-store.ts';

/** The signed-in session (or null), re-rendering when it changes in this or another tab. */
export function useSession(): StoredSession | null {
  return useSyncExternalStore(subscribeSession, getSession, () => null);
}
