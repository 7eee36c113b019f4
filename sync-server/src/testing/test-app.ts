/**
 * An in-process app on a fresh test database, for route tests: `app.request(...)` needs no port.
 * `token(userId)` signs an access token the app accepts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app.ts';
import { signAccessToken } from '../auth/tokens.ts';
import { loadConfig, type Config } from '../config.ts';
import type { Db } from '../db/types.ts';
import { createLogger } from '../logger.ts';
import { createTestDb } from './test-db.ts';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  db: Db;
  config: Config;
  token(userId: string, username?: string): Promise<string>;
  close(): Promise<void>;
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const t = await createTestDb();
  const config = loadConfig({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'eco-app-')),
    JWT_SECRET: 'test-secret-'.padEnd(48, 'x'),
    CLIENT_DIST: join(tmpdir(), 'eco-no-client'),
    ...env,
  });
  const shutdown = new AbortController();
  const app = createApp({
    db: t.db,
    config,
    logger: createLogger('silent'),
    shutdown: shutdown.signal,
  });
  return {
    app,
    db: t.db,
    config,
    token: (userId, username = 'test') => signAccessToken(config.jwtSecret, { userId, username }),
    async close() {
      shutdown.abort();
      await t.drop();
    },
  };
}
