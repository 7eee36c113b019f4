/**
 * Reads the claims of our own access token (sub = user id, username, exp). The client never
 * trusts these for security, the server verifies every request; it only needs to know who is
 * signed in and when to refresh.
 */
export interface AccessTokenClaims {
  userId: string;
  username: string;
  /** Epoch ms, or undefined when the token carries no exp. */
  expiresAt: number | undefined;
}

export function readAccessToken(token: string): AccessTokenClaims | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const json = new TextDecoder().decode(Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json) as { sub?: unknown; username?: unknown; exp?: unknown };
    if (typeof claims.sub !== 'string') return null;
    return {
      userId: claims.sub,
      username: typeof claims.username === 'string' ? claims.username : '',
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : undefined,
    };
  } catch {
    return null;
  }
}
