/**
 * Proxy mode (ELECTRIC_URL set): /v1/shape authorises the user, derives the shape's where and
 * params from the token, and forwards to the upstream shape service (a real Electric, or another
 * Eco-Track server's embedded endpoint) with the shared secret. Only protocol parameters are
 * copied from the client; the response streams back unbuffered with its status and headers,
 * minus the body encoding headers Node's fetch already undid, plus `Vary: Authorization`.
 */
import type { Context } from 'hono';
import {
  SHAPE_PARAMS as P,
  SHAPE_PATH,
  SYNCED_TABLES,
  isProtocolQueryParam,
  isSyncedTableName,
} from '@eco-track/shared-schema';
import { bearerToken, verifyAccessToken } from '../auth/tokens.ts';
import { UnauthorizedError, ValidationError } from '../errors.ts';
import type { AppDeps, AppEnv } from '../http/context.ts';
import { resolveShape } from './shape-scope.ts';
import { deriveWhere } from './shape-where.ts';

const DROPPED_RESPONSE_HEADERS = [
  'content-encoding',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
];

const bad = (message: string) => new ValidationError(message, 'bad_request');

/** `ELECTRIC_URL` may be the service root or its full /v1/shape URL. */
export function upstreamShapeUrl(electricUrl: string): URL {
  const u = new URL(electricUrl);
  if (!u.pathname.endsWith(SHAPE_PATH)) u.pathname = u.pathname.replace(/\/$/, '') + SHAPE_PATH;
  return u;
}

export function shapeProxyHandler(deps: AppDeps, electricUrl: string, secret: string | undefined) {
  const base = upstreamShapeUrl(electricUrl);
  return async (c: Context<AppEnv>): Promise<Response> => {
    const query = new URL(c.req.url).searchParams;
    for (const key of query.keys()) {
      if (key === P.where || key === P.columns || key === P.params || key.startsWith('params[')) {
        throw bad(`${key} is not accepted: the server derives each shape from your token`);
      }
    }
    const tableRaw = query.get(P.table) ?? '';
    const tableName = tableRaw.startsWith('public.') ? tableRaw.slice(7) : tableRaw;
    if (!tableName) throw bad('table is required, e.g. table=activities');
    if (!isSyncedTableName(tableName)) throw bad(`table '${tableRaw}' is not a synced table`);
    const table = SYNCED_TABLES[tableName];

    const token = bearerToken(c.req.header('authorization'));
    let userId: string | null = null;
    if (token) userId = (await verifyAccessToken(deps.config.jwtSecret, token)).userId;
    else if (table.visibility.kind !== 'public') throw new UnauthorizedError('Not authenticated');

    const upstream = new URL(base);
    for (const [key, value] of query.entries()) {
      if (isProtocolQueryParam(key)) upstream.searchParams.append(key, value);
    }
    upstream.searchParams.set(P.table, table.name);
    if (table.visibility.kind !== 'public') {
      const shape = await resolveShape(deps.db, table, { kind: 'token', userId: userId ?? '' });
      const { where, params } = deriveWhere(table, shape.scope);
      if (where) upstream.searchParams.set(P.where, where);
      params.forEach((p, i) => upstream.searchParams.set(`params[${i + 1}]`, p));
    }
    if (secret) upstream.searchParams.set(P.secret, secret);

    const signal = AbortSignal.any([c.req.raw.signal, deps.shutdown]);
    let res: Response;
    try {
      res = await fetch(upstream, { headers: { accept: 'application/json' }, signal });
    } catch (err) {
      if (deps.shutdown.aborted) {
        return c.json({ detail: 'Server is shutting down' }, 503, { 'retry-after': '1' });
      }
      deps.logger.warn({ err }, 'shape upstream unreachable');
      return c.json({ detail: 'The shape service is unreachable' }, 502);
    }
    const headers = new Headers(res.headers);
    for (const h of DROPPED_RESPONSE_HEADERS) headers.delete(h);
    headers.append('vary', 'Authorization');
    return new Response(res.body, { status: res.status, headers });
  };
}
