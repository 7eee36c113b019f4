/** /api/v1/goals (seed 4.4): CRUD with current_value and status measured from emissions. */
import { createRoute, z } from '@hono/zod-openapi';
import {
  GoalCreateRequestSchema,
  GoalIdParamSchema,
  GoalListQuerySchema,
  GoalSchema,
  GoalUpdateRequestSchema,
  MessageResponseSchema,
} from '@eco-track/shared-schema';
import { requireUser } from '../auth/require-user.ts';
import type { AppDeps } from '../http/context.ts';
import { createGoal, deleteGoal, getGoal, listGoals, updateGoal } from '../services/goals.ts';
import { BEARER, createApiRouter, errors, json, jsonBody } from './router.ts';

const RULE =
  'unit "%": current_value is the reduction (%) of kg CO2e against the matching part of the ' +
  'same-length period before start_date (null while nothing can be compared); unit "kg CO2e" ' +
  '(or "kg"): current_value is the kg CO2e emitted so far, against a budget of target_value. ' +
  'status is active until end_date has passed (UTC), then completed or failed.';

export function goalRoutes(deps: AppDeps) {
  const { db } = deps;
  const r = createApiRouter();
  const auth = requireUser(db, deps.config.jwtSecret);
  const common = { tags: ['goals'], middleware: auth, security: BEARER };

  r.openapi(
    createRoute({
      ...common,
      method: 'post',
      path: '/goals',
      summary: 'Create a goal',
      description:
        `${RULE} With org_id the goal measures the organisation's emissions (owners, admins and ` +
        'members create them). Repeating a create with the same goal_id and content answers the ' +
        'stored goal (200).',
      request: { body: jsonBody(GoalCreateRequestSchema) },
      responses: {
        201: json(GoalSchema, 'The new goal, measured'),
        200: json(GoalSchema, 'The same goal_id and content were already stored'),
        ...errors(401, 403, 409),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { goal, created } = await db.transaction((tx) =>
        createGoal(tx, { userId: c.var.user.userId }, input),
      );
      return c.json(goal, created ? 201 : 200);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/goals',
      summary: 'Your personal goals (or an organisation’s, with org_id), newest period first',
      description: RULE,
      request: { query: GoalListQuerySchema },
      responses: { 200: json(z.array(GoalSchema), 'Goals, measured now'), ...errors(401, 404) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const goals = await db.transaction((tx) =>
        listGoals(tx, { userId: c.var.user.userId }, query),
      );
      return c.json(goals, 200);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/goals/{goal_id}',
      summary: 'One goal, measured now',
      request: { params: GoalIdParamSchema },
      responses: { 200: json(GoalSchema, 'The goal'), ...errors(401, 404) },
    }),
    async (c) => {
      const { goal_id } = c.req.valid('param');
      const goal = await db.transaction((tx) =>
        getGoal(tx, { userId: c.var.user.userId }, goal_id),
      );
      return c.json(goal, 200);
    },
  );

  for (const method of ['put', 'patch'] as const) {
    r.openapi(
      createRoute({
        ...common,
        method,
        path: '/goals/{goal_id}',
        summary: 'Update a goal (partial); current_value and status are recomputed',
        hide: method === 'patch',
        request: { params: GoalIdParamSchema, body: jsonBody(GoalUpdateRequestSchema) },
        responses: { 200: json(GoalSchema, 'The updated goal'), ...errors(401, 403, 404) },
      }),
      async (c) => {
        const { goal_id } = c.req.valid('param');
        const changes = c.req.valid('json');
        const goal = await db.transaction((tx) =>
          updateGoal(tx, { userId: c.var.user.userId }, goal_id, changes),
        );
        return c.json(goal, 200);
      },
    );
  }

  r.openapi(
    createRoute({
      ...common,
      method: 'delete',
      path: '/goals/{goal_id}',
      summary: 'Delete a goal',
      request: { params: GoalIdParamSchema },
      responses: { 200: json(MessageResponseSchema, 'Deleted'), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const { goal_id } = c.req.valid('param');
      await db.transaction((tx) => deleteGoal(tx, { userId: c.var.user.userId }, goal_id));
      return c.json({ message: 'Goal deleted successfully' }, 200);
    },
  );

  return r;
}
