/** /api/v1/recommendations (seed 4.6): the catalogue ranked from the user's own footprint. */
import { createRoute, z } from '@hono/zod-openapi';
import {
  RankedRecommendationSchema,
  RecommendationIdParamSchema,
  RecommendationListQuerySchema,
  UserRecommendationSchema,
} from '@eco-track/shared-schema';
import { requireUser } from '../auth/require-user.ts';
import type { AppDeps } from '../http/context.ts';
import { markRecommendation, rankRecommendations } from '../services/recommendations.ts';
import { BEARER, createApiRouter, errors, json } from './router.ts';

export function recommendationRoutes(deps: AppDeps) {
  const { db } = deps;
  const r = createApiRouter();
  const auth = requireUser(db, deps.config.jwtSecret);
  const common = { tags: ['recommendations'], middleware: auth, security: BEARER };

  r.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/recommendations',
      summary: 'Recommended actions, ranked for you',
      description:
        'Ranked by estimated kg CO2e saved per year = your kg CO2e in the category over the last ' +
        "12 months x the recommendation's typical reduction %; those you acted on come last. " +
        'Each item says why in `reason`; data.estimate.basis says where its percentage comes from.',
      request: { query: RecommendationListQuerySchema },
      responses: {
        200: json(z.array(RankedRecommendationSchema), 'Ranked recommendations'),
        ...errors(401),
      },
    }),
    async (c) => {
      const ranked = await rankRecommendations(
        db,
        { userId: c.var.user.userId },
        c.req.valid('query'),
      );
      return c.json(ranked, 200);
    },
  );

  for (const mark of ['seen', 'acted_on'] as const) {
    r.openapi(
      createRoute({
        ...common,
        method: 'post',
        path: `/recommendations/{recommendation_id}/${mark}`,
        summary:
          mark === 'seen'
            ? 'Mark a recommendation as seen'
            : 'Mark a recommendation as acted on (and seen)',
        request: { params: RecommendationIdParamSchema },
        responses: { 200: json(UserRecommendationSchema, 'Your state'), ...errors(401, 404) },
      }),
      async (c) => {
        const { recommendation_id } = c.req.valid('param');
        const state = await db.transaction((tx) =>
          markRecommendation(tx, { userId: c.var.user.userId }, recommendation_id, mark),
        );
        return c.json(state, 200);
      },
    );
  }

  return r;
}
