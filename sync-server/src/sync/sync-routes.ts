/**
 * Sync routes: GET /v1/shape (embedded, or proxied with ELECTRIC_URL) with CORS for
 * cross-origin apps, and the write path POST /api/v1/sync/mutations.
 */
import { Hono } from 'hono';
import { SHAPE_PATH } from '@eco-track/shared-schema';
import type { AppDeps, AppEnv } from '../http/context.ts';
import { DEFAULT_SHAPE_LIMITS, shapeHandler, type ShapeLimits } from './shape-route.ts';
import { shapeHeaders } from './shape-headers.ts';
import { shapeProxyHandler } from './shape-proxy.ts';
import { mutationRoutes } from './mutations/mutations-route.ts';
import { createSyncRuntime, type SyncRuntime } from './sync-runtime.ts';

export interface SyncRouteOptions {
  limits?: Partial<ShapeLimits>;
  /** Use this runtime (tests that drive the feed); by default one is created. */
  runtime?: SyncRuntime;
}

export function syncRoutes(deps: AppDeps, opts: SyncRouteOptions = {}) {
  const runtime = opts.runtime ?? createSyncRuntime(deps);
  const app = new Hono<AppEnv>();
  app.use(SHAPE_PATH, shapeHeaders());
  const { electricUrl, electricSecret } = deps.config;
  app.get(
    SHAPE_PATH,
    electricUrl
      ? shapeProxyHandler(deps, electricUrl, electricSecret)
      : shapeHandler(deps, runtime, { ...DEFAULT_SHAPE_LIMITS, ...opts.limits }),
  );
  app.route('/', mutationRoutes(deps, runtime));
  return app;
}
