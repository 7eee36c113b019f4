import type { MiddlewareHandler } from 'hono';
import { UnauthorizedError } from '../errors.ts';
import type { AppEnv } from '../http/context.ts';
import { bearerToken, verifyAccessToken } from './tokens.ts';

/** Rejects requests without a valid bearer token (401); sets `c.var.user` for the rest. */
export function requireAuth(secret: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) throw new UnauthorizedError('Not authenticated');
    c.set('user', await verifyAccessToken(secret, token));
    await next();
  };
}
