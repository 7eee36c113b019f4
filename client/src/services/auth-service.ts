/** Register, log in and log out against /api/v1/auth, keeping the session store current. */
import type { RegisterRequest } from '@eco-track/shared-schema';
import { NetworkError } from './api-errors.ts';
import { requestJson } from './http.ts';
import { getSession, setSession, type StoredSession } from './session-store.ts';
import { sessionFromTokens } from './token-refresh.ts';

interface TokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_token: string;
}

/** Logs in with a username or an email; stores and returns the new session. */
export async function login(username: string, password: string): Promise<StoredSession> {
  const tokens = await requestJson<TokenResponse>('/api/v1/auth/login', {
    body: { username, password },
  });
  const session = sessionFromTokens(tokens);
  setSession(session);
  return session;
}

/** Creates the account, then logs in with it. */
export async function register(input: RegisterRequest): Promise<StoredSession> {
  await requestJson<{ message: string }>('/api/v1/auth/register', { body: input });
  return login(input.username, input.password);
}

/**
 * Ends the session on the server (best effort: offline, the refresh token simply expires) and
 * forgets it on this device.
 */
export async function logout(): Promise<void> {
  const session = getSession();
  setSession(null);
  if (!session) return;
  try {
    await requestJson('/api/v1/auth/logout', {
      body: { refresh_token: session.refreshToken },
      token: session.accessToken,
    });
  } catch (err) {
    if (!(err instanceof NetworkError)) return;
  }
}
