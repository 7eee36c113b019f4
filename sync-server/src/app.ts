import { Hono } from 'hono';
import { apiRoutes } from './api/index.ts';
import type { AppDeps, AppEnv } from './http/context.ts';
import { errorHandler } from './http/error-handler.ts';
import { healthRoutes } from './http/health.ts';
import { requestLog } from './http/request-log.ts';
import { staticClientRoutes } from './http/static-client.ts';
import { syncRoutes } from './sync/sync-routes.ts';

/**
 * The Hono application: middleware, then each feature's routes, then the built PWA.
 * Route modules are functions of the injected dependencies; none reads globals.
 */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requestLog(deps.logger));
  app.onError(errorHandler(deps.logger));
  app.notFound((c) => c.json({ detail: 'Not Found' }, 404));

  app.route('/', healthRoutes(deps));

  app.route('/', apiRoutes(deps));

  app.route('/', syncRoutes(deps));

  if (deps.config.clientDist) app.route('/', staticClientRoutes(deps.config.clientDist));
  return app;
}
