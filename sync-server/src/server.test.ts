import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { startServer } from './server.ts';
import { createTestDb, usingPostgres } from './testing/test-db.ts';
import { healthRoutes } from './http/health.ts';

const logger = createLogger('silent');
const tmp = () => mkdtempSync(join(tmpdir(), 'eco-server-'));

describe('server lifecycle', () => {
  it('answers /health with db ok, and 503 with a detail once the database is gone', async () => {
    const t = await createTestDb();
    const config = loadConfig({ DATA_DIR: tmp(), PORT: '0', HOST: '127.0.0.1' });
    const app = new Hono().route(
      '/',
      healthRoutes({ db: t.db, config, logger, shutdown: new AbortController().signal }),
    );
    const up = await app.request('/health');
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'ok', db: 'ok' });
    await t.drop();
    const down = await app.request('/health');
    expect(down.status).toBe(503);
    const body = (await down.json()) as { detail: string; db: string };
    expect(body.db).toBe('down');
    expect(body.detail).toMatch(/database unavailable/);
  });

  it.skipIf(usingPostgres())('keeps embedded data across a clean stop and restart', async () => {
    const dataDir = tmp();
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
    const first = await startServer(config, { logger });
    await first.db.query(
      `INSERT INTO users (username, email, password_hash, user_type) VALUES ('kept', 'kept@example.com', 'x', 'individual')`,
    );
    await first.close();
    const second = await startServer(config, { logger });
    const rows = await second.db.query<{ username: string }>('SELECT username FROM users');
    expect(rows.map((r) => r.username)).toEqual(['kept']);
    const res = await fetch(`${second.url}/health`);
    expect(res.status).toBe(200);
    await second.close();
  });

  it('stops cleanly on SIGTERM and SIGINT: exit code 0, database closed', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const dataDir = tmp();
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
        env: {
          ...process.env,
          DATABASE_URL: '',
          PORT: '0',
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      await expect
        .poll(() => out, { timeout: 30_000, interval: 100 })
        .toMatch(/is running at (http:\/\/\S+)/);
      const url = /is running at (http:\/\/\S+)/.exec(out)?.[1] ?? '';
      expect((await fetch(`${url}/health`)).status).toBe(200);
      const exited = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => resolve(code)),
      );
      child.kill(signal);
      expect(await exited).toBe(0);
      expect(out).toContain('server stopped');
    }
  }, 90_000);
});
