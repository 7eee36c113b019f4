/** GET /api/v1/emission_factors: the public factor library (no token), filtered and paginated. */
import { createRoute, z } from '@hono/zod-openapi';
import {
  EmissionFactorListQuerySchema,
  EmissionFactorListResponseSchema,
} from '@eco-track/shared-schema';
import { createApiRouter, errors, json } from '../api/router.ts';
import type { AppDeps } from '../http/context.ts';
import { listEmissionFactors } from './factor-queries.ts';

export function emissionFactorRoutes(deps: AppDeps) {
  const r = createApiRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/emission_factors',
      tags: ['emission factors'],
      summary: 'List emission factors (public data, no token)',
      description:
        'Filters: activity_type (a seed activity type such as "Transportation" or a category selects ' +
        'the category; other text matches the activity name), fuel_type (every word), region ' +
        '(exact), category, scope, year, key; q searches key, activity, fuel/mode and source. ' +
        'Paginated with page and page_size (at most 200), ordered by key then newest edition; ' +
        'X-Total-Count carries the total.',
      request: { query: EmissionFactorListQuerySchema },
      responses: {
        200: {
          ...json(EmissionFactorListResponseSchema, 'One page of factors'),
          headers: z.object({ 'X-Total-Count': z.string() }),
        },
        ...errors(),
      },
    }),
    async (c) => {
      const page = await listEmissionFactors(deps.db, c.req.valid('query'));
      c.header('X-Total-Count', String(page.total));
      return c.json(page.items, 200);
    },
  );
  return r;
}
