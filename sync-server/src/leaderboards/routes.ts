/** GET /api/v1/leaderboards?scope=global|org|challenge&id=&window=weekly|monthly|all_time&rank_by= */
import { createRoute } from '@hono/zod-openapi';
import { LeaderboardQuerySchema, LeaderboardSchema } from '@eco-track/shared-schema';
import { BEARER, createApiRouter, errors, json } from '../api/router.ts';
import { requireUser } from '../auth/require-user.ts';
import type { AppDeps } from '../http/context.ts';
import { getLeaderboard } from './leaderboard.ts';

export function leaderboardRoutes(deps: AppDeps) {
  const { db } = deps;
  const r = createApiRouter();
  r.openapi(
    createRoute({
      tags: ['leaderboards'],
      middleware: requireUser(db, deps.config.jwtSecret),
      security: BEARER,
      method: 'get',
      path: '/leaderboards',
      summary: 'Rankings by points or by % reduction against your own baseline',
      description:
        'Only users who opted in (leaderboard_opt_in) are listed, by display name only. Windows ' +
        '(UTC): weekly = this ISO week, monthly = this calendar month, all_time. scope=org needs ' +
        'membership of the organisation; scope=challenge lists its participants.',
      request: { query: LeaderboardQuerySchema },
      responses: { 200: json(LeaderboardSchema, 'The leaderboard'), ...errors(401, 404) },
    }),
    async (c) => {
      const board = await getLeaderboard(db, c.var.user.userId, c.req.valid('query'));
      return c.json(board, 200);
    },
  );
  return r;
}
