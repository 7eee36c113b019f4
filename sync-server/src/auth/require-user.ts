import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db/types.ts';
import { UnauthorizedError } from '../errors.ts';
import type { AppEnv } from '../http/context.ts';
import { bearerToken, verifyAccessToken } from './tokens.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * requireAuth plus one check: the token's user still exists. A deleted account's unexpired token
 * would otherwise reach handlers that write rows referencing a missing user.
 */
export function requireUser(db: Db, secret: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) throw new UnauthorizedError('Not authenticated');
    const claims = await verifyAccessToken(secret, token);
    if (!UUID.test(claims.userId)) throw new UnauthorizedError('Invalid token');
    const rows = await db.query('SELECT 1 FROM users WHERE user_id = $1::uuid', [claims.userId]);
    if (rows.length === 0) throw new UnauthorizedError('User no longer exists');
    c.set('user', claims);
    await next();
  };
}
