/** POST /api/v1/sync/mutations: an authenticated user's ordered batch (see apply-batch.ts). */
import { Hono } from 'hono';
import { MUTATIONS_PATH, MutationBatchSchema } from '@eco-track/shared-schema';
import { requireAuth } from '../../auth/require-auth.ts';
import { ValidationError } from '../../errors.ts';
import type { AppDeps, AppEnv } from '../../http/context.ts';
import { formatZodError } from '../../services/validate.ts';
import type { SyncRuntime } from '../sync-runtime.ts';
import { applyBatch } from './apply-batch.ts';

export function mutationRoutes(deps: AppDeps, runtime: SyncRuntime) {
  const app = new Hono<AppEnv>();
  app.post(MUTATIONS_PATH, requireAuth(deps.config.jwtSecret), async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new ValidationError('Malformed request: the body must be JSON', 'bad_request');
    }
    const parsed = MutationBatchSchema.safeParse(body);
    if (!parsed.success) throw new ValidationError(formatZodError(parsed.error, body));
    const answer = await applyBatch(deps.db, { userId: c.var.user.userId }, parsed.data.mutations);
    // Publish now rather than wait for the trigger's NOTIFY to come round.
    await runtime.ready();
    runtime.feed.kick();
    return c.json(answer);
  });
  return app;
}
