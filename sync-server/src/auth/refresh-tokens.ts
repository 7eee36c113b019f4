/**
 * Rotating refresh tokens. A token is 32 random bytes (base64url) handed to the client once; the
 * database keeps only its SHA-256 (the token is high-entropy, so a fast hash suffices).
 *
 *   login ──► token₁ (new family)    refresh(token₁) ──► token₁ spent, token₂ (same family)
 *   refresh(token₁) again ──► reuse: every token of the family is revoked, the caller gets 401
 *
 * Reuse of a spent token means two parties hold the family (a stolen token): revoking the family
 * logs both out, and the legitimate user logs in again.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/types.ts';
import { UnauthorizedError } from '../errors.ts';

export const REFRESH_TOKEN_TTL_DAYS = 30;

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Stores a new refresh token (in `familyId`, or a new family) and returns it. */
export async function issueRefreshToken(
  q: Queryable,
  userId: string,
  familyId: string = randomUUID(),
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await q.query(
    `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
     VALUES ($1::uuid, $2::uuid, $3, now() + make_interval(days => $4::int))`,
    [userId, familyId, hashToken(token), REFRESH_TOKEN_TTL_DAYS],
  );
  return token;
}

interface TokenRow extends Record<string, unknown> {
  token_id: string;
  user_id: string;
  family_id: string;
  expired: boolean;
  used_at: string | null;
  revoked_at: string | null;
}

type Rotation =
  { ok: true; userId: string; username: string; token: string } | { ok: false; reason: string };

/** Spends `token` and issues its successor; any failure is a 401 (after revoking on reuse). */
export async function rotateRefreshToken(
  db: Db,
  token: string,
): Promise<{ userId: string; username: string; token: string }> {
  // The revocation on reuse must commit, so failures are returned from the transaction and
  // thrown only after it.
  const result = await db.transaction(async (tx): Promise<Rotation> => {
    const [row] = await tx.query<TokenRow>(
      `SELECT token_id, user_id, family_id, used_at, revoked_at, expires_at <= now() AS expired
         FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
      [hashToken(token)],
    );
    if (!row) return { ok: false, reason: 'Invalid refresh token' };
    if (row.revoked_at) return { ok: false, reason: 'Refresh token revoked; log in again' };
    if (row.used_at) {
      await tx.query(
        `UPDATE refresh_tokens SET revoked_at = now()
          WHERE family_id = $1::uuid AND revoked_at IS NULL`,
        [row.family_id],
      );
      return {
        ok: false,
        reason: 'Refresh token already used; every session of this login was revoked, log in again',
      };
    }
    if (row.expired) return { ok: false, reason: 'Refresh token expired; log in again' };
    await tx.query('UPDATE refresh_tokens SET used_at = now() WHERE token_id = $1::uuid', [
      row.token_id,
    ]);
    const [user] = await tx.query<{ username: string }>(
      'SELECT username FROM users WHERE user_id = $1::uuid',
      [row.user_id],
    );
    if (!user) return { ok: false, reason: 'User no longer exists' };
    const next = await issueRefreshToken(tx, row.user_id, row.family_id);
    return { ok: true, userId: row.user_id, username: user.username, token: next };
  });
  if (!result.ok) throw new UnauthorizedError(result.reason);
  return { userId: result.userId, username: result.username, token: result.token };
}

/**
 * Revokes the family of `token` (logout of one session). With `userId`, only a token of that user
 * counts. Returns the token's user, or undefined when the token is unknown.
 */
export async function revokeRefreshFamily(
  q: Queryable,
  token: string,
  userId?: string,
): Promise<string | undefined> {
  const [row] = await q.query<{ user_id: string; family_id: string }>(
    'SELECT user_id, family_id FROM refresh_tokens WHERE token_hash = $1',
    [hashToken(token)],
  );
  if (!row || (userId && row.user_id !== userId)) return undefined;
  await q.query(
    'UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1::uuid AND revoked_at IS NULL',
    [row.family_id],
  );
  return row.user_id;
}

/** Revokes every refresh token of a user (logout everywhere). */
export async function revokeAllRefreshTokens(q: Queryable, userId: string): Promise<void> {
  await q.query(
    'UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1::uuid AND revoked_at IS NULL',
    [userId],
  );
}

/** Deletes a user's refresh tokens that expired over a day ago (they can no longer be used). */
export async function pruneExpiredRefreshTokens(q: Queryable, userId: string): Promise<void> {
  await q.query(
    `DELETE FROM refresh_tokens WHERE user_id = $1::uuid AND expires_at < now() - interval '1 day'`,
    [userId],
  );
}
