/**
 * A Hono app with just the sync routes over a fresh test database, for sync tests that need to
 * drive shutdown or chunk sizes. Other route tests use testing/test-app.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { signAccessToken } from '../auth/tokens.ts';
import { loadConfig, type Config } from '../config.ts';
import type { Db } from '../db/types.ts';
import type { AppEnv } from '../http/context.ts';
import { errorHandler } from '../http/error-handler.ts';
import { createLogger } from '../logger.ts';
import { createTestDb } from '../testing/test-db.ts';
import { createSyncRuntime, type SyncRuntime } from './sync-runtime.ts';
import { syncRoutes, type SyncRouteOptions } from './sync-routes.ts';

export interface SyncTestApp {
  app: Hono<AppEnv>;
  db: Db;
  config: Config;
  runtime: SyncRuntime;
  shutdown: AbortController;
  token(userId: string): Promise<string>;
  /** GET /v1/shape with these params as `userId` (or anonymously). */
  shape(params: Record<string, string>, userId?: string): Promise<Response>;
  close(): Promise<void>;
}

export async function createSyncTestApp(
  env: Record<string, string> = {},
  opts: Omit<SyncRouteOptions, 'runtime'> = {},
): Promise<SyncTestApp> {
  const t = await createTestDb();
  const config = loadConfig({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'eco-sync-')),
    JWT_SECRET: 'sync-test-secret-'.padEnd(48, 'x'),
    CLIENT_DIST: join(tmpdir(), 'eco-no-client'),
    SYNC_LONG_POLL_MS: '1500',
    ...env,
  });
  const shutdown = new AbortController();
  const logger = createLogger('silent');
  const deps = { db: t.db, config, logger, shutdown: shutdown.signal };
  const runtime = createSyncRuntime(deps, { pollMs: 200 });
  const app = new Hono<AppEnv>();
  app.onError(errorHandler(logger));
  app.route('/', syncRoutes(deps, { ...opts, runtime }));
  const token = (userId: string) => signAccessToken(config.jwtSecret, { userId, username: 't' });
  return {
    app,
    db: t.db,
    config,
    runtime,
    shutdown,
    token,
    async shape(params, userId) {
      const headers: Record<string, string> = {};
      if (userId) headers.authorization = `Bearer ${await token(userId)}`;
      return app.request(`/v1/shape?${new URLSearchParams(params).toString()}`, { headers });
    },
    async close() {
      shutdown.abort();
      await runtime.feed.stop();
      await t.drop();
    },
  };
}
