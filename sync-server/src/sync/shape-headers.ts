/**
 * The headers every /v1/shape answer carries, set by one middleware after the handler: CORS (so
 * a cross-origin app can send its Authorization header and read the electric-* headers), `vary`
 * and `cache-control` (each user's shape differs: no cache may serve one user's answer to
 * another), and the CORS preflight.
 *
 * Everything is done after `next()` and in one function: a held live request then keeps a single
 * suspended frame here and allocates nothing before its answer exists (hono's cors middleware
 * builds a Response up front and a second middleware added another frame: ~2.5 KB per held
 * long-poll, decisions.md).
 */
import type { MiddlewareHandler } from 'hono';
import { SHAPE_EXPOSED_HEADERS } from '@eco-track/shared-schema';
import type { AppEnv } from '../http/context.ts';

const EXPOSED = SHAPE_EXPOSED_HEADERS.join(',');
const ALLOWED_METHODS = 'GET,HEAD,OPTIONS';
const ALLOWED_HEADERS = 'authorization,content-type,if-none-match,traceparent';
const PREFLIGHT_MAX_AGE = '86400';

export function shapeHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (c.req.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          'access-control-allow-origin': origin || '*',
          'access-control-allow-methods': ALLOWED_METHODS,
          'access-control-allow-headers': ALLOWED_HEADERS,
          'access-control-max-age': PREFLIGHT_MAX_AGE,
          vary: 'Origin, Access-Control-Request-Headers',
        },
      });
    }
    await next();
    const h = c.res.headers;
    h.set('access-control-allow-origin', origin || '*');
    h.set('access-control-expose-headers', EXPOSED);
    h.append('vary', 'Origin');
    h.append('vary', 'Authorization');
    if (!h.has('cache-control')) h.set('cache-control', 'no-store');
    return c.res;
  };
}
