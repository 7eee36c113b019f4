/** /api/v1/activities (seed 4.2) and /api/v1/emissions/{activity_id} (seed 4.3). */
import { createRoute, z } from '@hono/zod-openapi';
import {
  ActivityCreateRequestSchema,
  ActivityIdParamSchema,
  ActivityListQuerySchema,
  ActivitySchema,
  ActivityUpdateRequestSchema,
  EmissionSchema,
  MessageResponseSchema,
} from '@eco-track/shared-schema';
import { requireUser } from '../auth/require-user.ts';
import type { AppDeps } from '../http/context.ts';
import { createActivity, deleteActivity, updateActivity } from '../services/activities.ts';
import { evaluateAchievements } from '../services/achievements.ts';
import { getActivity, getEmission, listActivities } from '../services/activity-queries.ts';
import { BEARER, createApiRouter, errors, json, jsonBody } from './router.ts';

export function activityRoutes(deps: AppDeps) {
  const { db } = deps;
  const r = createApiRouter();
  const auth = requireUser(db, deps.config.jwtSecret);
  const common = { tags: ['activities'], middleware: auth, security: BEARER };

  r.openapi(
    createRoute({
      ...common,
      method: 'post',
      path: '/activities',
      summary: 'Log an activity; its emission is calculated in the same transaction',
      description:
        'Without factor_key a documented default factor is chosen from activity_type, unit, ' +
        "fuel_type and region (the user's default region when absent); the emission's derivation " +
        'says which. Repeating a create with the same activity_id and content answers the stored ' +
        'activity (200) instead of creating another.',
      request: { body: jsonBody(ActivityCreateRequestSchema) },
      responses: {
        201: json(ActivitySchema, 'The new activity, with emission_id and co2e_kg'),
        200: json(ActivitySchema, 'The same activity_id and content were already stored'),
        ...errors(401, 403, 409),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const userId = c.var.user.userId;
      const existed = input.activity_id
        ? (
            await db.query('SELECT 1 FROM activities WHERE activity_id = $1::uuid', [
              input.activity_id,
            ])
          ).length > 0
        : false;
      const activity = await db.transaction(async (tx) => {
        const created = await createActivity(tx, { userId }, input);
        await evaluateAchievements(tx, userId); // challenges, goals and awards follow the write
        return created;
      });
      return c.json(activity, existed ? 200 : 201);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/activities',
      summary: 'Your activities (or an organisation’s, with org_id), newest first',
      description:
        'Paginated with page and page_size (at most 200); X-Total-Count carries the total.',
      request: { query: ActivityListQuerySchema },
      responses: {
        200: {
          ...json(z.array(ActivitySchema), 'A page of activities'),
          headers: z.object({ 'X-Total-Count': z.string() }),
        },
        ...errors(401, 403, 404),
      },
    }),
    async (c) => {
      const page = await listActivities(db, { userId: c.var.user.userId }, c.req.valid('query'));
      c.header('X-Total-Count', String(page.total));
      return c.json(page.items, 200);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/activities/{activity_id}',
      summary: 'One activity',
      request: { params: ActivityIdParamSchema },
      responses: { 200: json(ActivitySchema, 'The activity'), ...errors(401, 404) },
    }),
    async (c) => {
      const { activity_id } = c.req.valid('param');
      return c.json(await getActivity(db, { userId: c.var.user.userId }, activity_id), 200);
    },
  );

  for (const method of ['put', 'patch'] as const) {
    r.openapi(
      createRoute({
        ...common,
        method,
        path: '/activities/{activity_id}',
        summary: 'Update an activity (partial); the emission is recalculated',
        hide: method === 'patch',
        request: { params: ActivityIdParamSchema, body: jsonBody(ActivityUpdateRequestSchema) },
        responses: { 200: json(ActivitySchema, 'The updated activity'), ...errors(401, 403, 404) },
      }),
      async (c) => {
        const { activity_id } = c.req.valid('param');
        const changes = c.req.valid('json');
        const userId = c.var.user.userId;
        const activity = await db.transaction(async (tx) => {
          const updated = await updateActivity(tx, { userId }, activity_id, changes);
          await evaluateAchievements(tx, userId);
          return updated;
        });
        return c.json(activity, 200);
      },
    );
  }

  r.openapi(
    createRoute({
      ...common,
      method: 'delete',
      path: '/activities/{activity_id}',
      summary: 'Delete an activity and its emission',
      request: { params: ActivityIdParamSchema },
      responses: {
        200: json(MessageResponseSchema, 'Activity deleted successfully'),
        ...errors(401, 403, 404),
      },
    }),
    async (c) => {
      const { activity_id } = c.req.valid('param');
      const userId = c.var.user.userId;
      await db.transaction(async (tx) => {
        await deleteActivity(tx, { userId }, activity_id);
        await evaluateAchievements(tx, userId);
      });
      return c.json({ message: 'Activity deleted successfully' }, 200);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      tags: ['emissions'],
      method: 'get',
      path: '/emissions/{activity_id}',
      summary: "An activity's emission: per gas, CO2e, factor, edition, GWP set, scope, derivation",
      request: { params: ActivityIdParamSchema },
      responses: { 200: json(EmissionSchema, 'The emission'), ...errors(401, 404) },
    }),
    async (c) => {
      const { activity_id } = c.req.valid('param');
      return c.json(await getEmission(db, { userId: c.var.user.userId }, activity_id), 200);
    },
  );

  return r;
}
