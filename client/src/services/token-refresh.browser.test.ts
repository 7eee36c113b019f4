import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NetworkError } from './api-errors.ts';
import { getSession, setSession } from './session-store.ts';
import { refreshSession } from './token-refresh.ts';

const b64url = (o: unknown) =>
  btoa(JSON.stringify(o)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const token = (exp: number) =>
  `${b64url({ alg: 'HS256' })}.${b64url({ sub: 'u-1', username: 'ana', exp })}.s`;

beforeEach(() => {
  setSession({
    accessToken: token(1),
    accessTokenExpiresAt: 1000,
    refreshToken: 'r-1',
    userId: 'u-1',
    username: 'ana',
    needsLogin: false,
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  setSession(null);
});

describe('refreshing the session', () => {
  it('refreshes once for concurrent callers and stores the rotated tokens', async () => {
    const exp = Math.floor(Date.now() / 1000) + 900;
    const fetch = vi.fn(() =>
      Promise.resolve(
        new Response(
          JSON.stringify({
            access_token: token(exp),
            token_type: 'bearer',
            expires_in: 900,
            refresh_token: 'r-2',
          }),
          { status: 200 },
        ),
      ),
    );
    vi.stubGlobal('fetch', fetch);
    const [a, b] = await Promise.all([refreshSession(), refreshSession()]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(a?.refreshToken).toBe('r-2');
    expect(b?.refreshToken).toBe('r-2');
    expect(getSession()?.accessTokenExpiresAt).toBe(exp * 1000);
  });

  it('marks the session as needing a login when the server refuses the refresh token', async () => {
    vi.stubGlobal('fetch', () =>
      Promise.resolve(
        new Response(JSON.stringify({ detail: 'Invalid refresh token' }), { status: 401 }),
      ),
    );
    expect(await refreshSession()).toBeNull();
    expect(getSession()?.needsLogin).toBe(true);
    expect(getSession()?.userId).toBe('u-1');
  });

  it('keeps the session when the server cannot be reached (offline use continues)', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(refreshSession()).rejects.toBeInstanceOf(NetworkError);
    expect(getSession()?.needsLogin).toBe(false);
    expect(getSession()?.refreshToken).toBe('r-1');
  });
});
