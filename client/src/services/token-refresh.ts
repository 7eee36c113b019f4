/**
 * Refreshing the access token, at most once at a time across every tab.
 *
 * Refresh tokens rotate and reusing a spent one revokes the whole session family on the server,
 * so two tabs must never refresh with the same token: a Web Lock serialises refreshes, and
 * inside it we re-read the store, because another tab may have refreshed already.
 *
 *   offline / network error / 5xx  → throws NetworkError (retry later; local use continues)
 *   401 / 400 / 403                → needsLogin = true, resolves null (ask to log in again)
 *   200                            → new tokens stored, resolves the session
 */
import { ApiError, NetworkError } from './api-errors.ts';
import { requestJson } from './http.ts';
import { readAccessToken } from './jwt.ts';
import { getSession, reloadSession, setSession, type StoredSession } from './session-store.ts';

interface TokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token: string;
}

let inFlight: Promise<StoredSession | null> | null = null;

/** A session built from a token response (login or refresh). */
export function sessionFromTokens(tokens: TokenResponse): StoredSession {
  const claims = readAccessToken(tokens.access_token);
  if (!claims) throw new Error('The server sent an access token this app cannot read.');
  return {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    accessTokenExpiresAt: claims.expiresAt ?? Date.now() + tokens.expires_in * 1000,
    userId: claims.userId,
    username: claims.username,
    needsLogin: false,
  };
}

export function refreshSession(): Promise<StoredSession | null> {
  inFlight ??= withRefreshLock(doRefresh).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

async function withRefreshLock<T>(fn: (startedWith: string | undefined) => Promise<T>): Promise<T> {
  const startedWith = getSession()?.refreshToken;
  if (typeof navigator !== 'undefined' && navigator.locks) {
    return navigator.locks.request('eco-track-token-refresh', () => fn(startedWith));
  }
  return fn(startedWith);
}

async function doRefresh(startedWith: string | undefined): Promise<StoredSession | null> {
  const session = reloadSession();
  if (!session) return null;
  if (session.needsLogin) return null;
  // Another tab refreshed while we waited for the lock: use its tokens.
  if (session.refreshToken !== startedWith && session.accessTokenExpiresAt > Date.now() + 5_000)
    return session;
  if (typeof navigator !== 'undefined' && navigator.onLine === false) throw new NetworkError();
  try {
    const tokens = await requestJson<TokenResponse>('/api/v1/auth/refresh', {
      body: { refresh_token: session.refreshToken },
    });
    const next = sessionFromTokens(tokens);
    setSession(next);
    return next;
  } catch (err) {
    if (err instanceof ApiError && [400, 401, 403].includes(err.status)) {
      setSession({ ...session, needsLogin: true });
      return null;
    }
    if (err instanceof ApiError) throw new NetworkError(err.detail);
    throw err;
  }
}
