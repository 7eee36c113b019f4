/**
 * Keeps the DB worker's session in step with the session store: it hands the worker the access
 * token and a refresher (so the sync can renew tokens itself), updates it when another tab
 * refreshed, and stops syncing when the user logs out.
 */
import { proxy } from 'comlink';
import type { Session } from '../worker/api.ts';
import type { Db } from './db.ts';
import { getSession, subscribeSession, type StoredSession } from './session-store.ts';
import { refreshSession } from './token-refresh.ts';

export function toWorkerSession(s: StoredSession): Session {
  return {
    accessToken: s.accessToken,
    accessTokenExpiresAt: s.accessTokenExpiresAt,
    userId: s.userId,
    username: s.username,
  };
}

/** A refresher for the worker: a new session, null when the refresh was refused, throws offline. */
async function refreshForWorker(): Promise<Session | null> {
  const next = await refreshSession();
  return next ? toWorkerSession(next) : null;
}

export function bindSessionToWorker(db: Db): () => void {
  let lastToken: string | null = null;
  const apply = () => {
    const s = getSession();
    const token = s && !s.needsLogin ? s.accessToken : null;
    if (s && token !== lastToken) {
      lastToken = token;
      void db.setSession(toWorkerSession(s), proxy(refreshForWorker));
    } else if (!s && lastToken !== null) {
      lastToken = null;
      void db.clearSession();
    }
  };
  lastToken = null;
  const s = getSession();
  if (s) {
    lastToken = s.accessToken;
    void db.setSession(toWorkerSession(s), proxy(refreshForWorker));
  }
  const unsubscribe = subscribeSession(apply);
  return unsubscribe;
}
