/**
 * /api/v1/challenges (seed 4.7) and /api/v1/achievements (seed 4.8). Reading the user's
 * challenges or achievements first re-evaluates them (progress, completion, points, awards).
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  AchievementSchema,
  ChallengeIdParamSchema,
  ChallengeListQuerySchema,
  ChallengeSchema,
  UserAchievementSchema,
  UserChallengeSchema,
} from '@eco-track/shared-schema';
import { requireUser } from '../auth/require-user.ts';
import type { AppDeps } from '../http/context.ts';
import {
  evaluateAchievements,
  listAchievements,
  listUserAchievements,
} from '../services/achievements.ts';
import { joinChallenge, listChallenges } from '../services/challenges.ts';
import { BEARER, createApiRouter, errors, json } from './router.ts';

const PROGRESS =
  'Progress is measured from your activities over the challenge dates (UTC): reduce_*_pct ' +
  'against the same number of days before start_date; log_days counts distinct days; max_kg ' +
  'fails once the cap is passed. Completion awards reward_points once.';

export function challengeRoutes(deps: AppDeps) {
  const { db } = deps;
  const r = createApiRouter();
  const auth = requireUser(db, deps.config.jwtSecret);
  const common = { middleware: auth, security: BEARER };

  r.openapi(
    createRoute({
      ...common,
      tags: ['challenges'],
      method: 'get',
      path: '/challenges',
      summary: 'Active challenges (or upcoming, or all), with whether you joined each',
      request: { query: ChallengeListQuerySchema },
      responses: { 200: json(z.array(ChallengeSchema), 'Challenges'), ...errors(401) },
    }),
    async (c) => {
      const list = await listChallenges(db, { userId: c.var.user.userId }, c.req.valid('query'));
      return c.json(list, 200);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      tags: ['challenges'],
      method: 'post',
      path: '/challenges/{challenge_id}/join',
      summary: 'Join a running or upcoming challenge',
      description: `${PROGRESS} Joining again answers the existing participation (200).`,
      request: { params: ChallengeIdParamSchema },
      responses: {
        201: json(UserChallengeSchema, 'Joined'),
        200: json(UserChallengeSchema, 'Already joined'),
        ...errors(401, 404, 409),
      },
    }),
    async (c) => {
      const { challenge_id } = c.req.valid('param');
      const userId = c.var.user.userId;
      const { userChallenge, created } = await db.transaction(async (tx) => {
        const joined = await joinChallenge(tx, { userId }, challenge_id);
        await evaluateAchievements(tx, userId);
        return joined;
      });
      return c.json(userChallenge, created ? 201 : 200);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      tags: ['challenges'],
      method: 'get',
      path: '/challenges/user',
      summary: 'The challenges you joined, with your progress',
      description: PROGRESS,
      responses: { 200: json(z.array(UserChallengeSchema), 'Your challenges'), ...errors(401) },
    }),
    async (c) => {
      const userId = c.var.user.userId;
      const evaluation = await db.transaction((tx) => evaluateAchievements(tx, userId));
      return c.json(evaluation.challenges, 200);
    },
  );

  r.openapi(
    createRoute({
      tags: ['achievements'],
      method: 'get',
      path: '/achievements',
      summary: 'Every achievement and its criteria (public)',
      responses: { 200: json(z.array(AchievementSchema), 'The catalogue'), ...errors() },
    }),
    async (c) => c.json(await listAchievements(db), 200),
  );

  r.openapi(
    createRoute({
      ...common,
      tags: ['achievements'],
      method: 'get',
      path: '/achievements/user',
      summary: 'Your achievements, newest first (any newly met are awarded first)',
      responses: { 200: json(z.array(UserAchievementSchema), 'Your achievements'), ...errors(401) },
    }),
    async (c) => {
      const userId = c.var.user.userId;
      const held = await db.transaction((tx) => listUserAchievements(tx, { userId }));
      return c.json(held, 200);
    },
  );

  return r;
}
