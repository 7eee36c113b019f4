/**
 * The REST API under /api/v1, documented by an OpenAPI 3.1 document generated from the same zod
 * schemas that validate requests (GET /api/v1/openapi.json, Swagger UI at /api/docs).
 *
 * HOW TO ADD A ROUTE MODULE (one file per feature, e.g. `api/goal-routes.ts`):
 *   1. Put the payload schemas in `shared-schema/src/api/<feature>.ts` (plain zod; name response
 *      objects with `.meta({ id: 'Goal' })`) and add `export * from './<feature>.ts'` to
 *      `shared-schema/src/api/index.ts`.
 *   2. Write `export function goalRoutes(deps: AppDeps) { const r = createApiRouter(); ... return r; }`
 *      registering each endpoint with `r.openapi(createRoute({...}), handler)`:
 *        - `path` is relative to /api/v1 with `{param}` placeholders: '/goals/{goal_id}';
 *        - protected routes: `middleware: auth, security: BEARER` where
 *          `const auth = requireUser(deps.db, deps.config.jwtSecret)`; `c.var.user.userId` is then set;
 *        - `request: { params: Schema, query: Schema, body: jsonBody(Schema) }`;
 *        - `responses: { 200: json(GoalSchema, 'The goal'), ...errors(401, 404) }`.
 *      Validation failures answer 422 `{"detail": "<field>: <message>; ..."}` automatically.
 *      Throw the named errors of ../errors.ts (NotFoundError, ForbiddenError, ...) for the rest;
 *      database errors caused by input are mapped to 4xx by this router's error handler.
 *      Put domain logic in `services/<feature>.ts` (functions taking a Queryable first).
 *   3. Add your factory to ROUTE_MODULES below (one import, one entry).
 *   Tests: `createTestApp()` from ../testing/test-app.ts; see activity-routes.test.ts.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { errorHandler } from '../http/error-handler.ts';
import type { AppDeps, AppEnv } from '../http/context.ts';
import { mapDbError } from '../services/db-errors.ts';
import { activityRoutes } from './activity-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { challengeRoutes } from './challenge-routes.ts';
import { goalRoutes } from './goal-routes.ts';
import { esgRoutes } from '../esg/index.ts';
import { emissionFactorRoutes } from '../factors/factor-routes.ts';
import { leaderboardRoutes } from '../leaderboards/index.ts';
import { mountOpenApiDocs } from './openapi-doc.ts';
import { orgRoutes } from './org-routes.ts';
import { recommendationRoutes } from './recommendation-routes.ts';
import { reportRoutes } from './report-routes.ts';
import { createApiRouter } from './router.ts';

type RouteModule = (deps: AppDeps) => OpenAPIHono<AppEnv>;

/** Largest request body any /api/v1 route accepts (2 MiB). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

const ROUTE_MODULES: RouteModule[] = [
  authRoutes,
  orgRoutes,
  activityRoutes,
  emissionFactorRoutes,
  goalRoutes,
  reportRoutes,
  recommendationRoutes,
  challengeRoutes,
  esgRoutes,
  leaderboardRoutes,
];

/** Every /api/v1 route plus the OpenAPI document and Swagger UI; mount with `app.route('/', …)`. */
export function apiRoutes(deps: AppDeps): OpenAPIHono<AppEnv> {
  const v1 = createApiRouter();
  // Refused before parsing, so a huge upload cannot exhaust memory (registered before the routes).
  v1.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json({ detail: `Request body too large; the limit is ${MAX_BODY_BYTES} bytes` }, 413),
    }),
  );
  for (const mod of ROUTE_MODULES) v1.route('/', mod(deps));
  const handle = errorHandler(deps.logger);
  v1.onError((err, c) => {
    if (err instanceof HTTPException && err.status === 415) {
      return c.json(
        {
          detail: 'Unsupported Media Type: send the body as JSON (Content-Type: application/json)',
        },
        415,
      );
    }
    const mapped = mapDbError(err);
    return handle(mapped instanceof Error ? mapped : err, c);
  });

  const root = new OpenAPIHono<AppEnv>();
  root.route('/api/v1', v1);
  mountOpenApiDocs(root);
  return root;
}
