import { Hono } from 'hono';
import type { AppDeps, AppEnv } from './context.ts';

const TIMEOUT_MS = 2000;

/** GET /health: 200 `{status:"ok",db:"ok"}`, or 503 with a detail when the database is down. */
export function healthRoutes({ db }: AppDeps) {
  return new Hono<AppEnv>().get('/health', async (c) => {
    try {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)),
          TIMEOUT_MS,
        );
      });
      await Promise.race([db.query('SELECT 1'), timeout]).finally(() => clearTimeout(timer));
      return c.json({ status: 'ok', db: 'ok' });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      return c.json(
        { status: 'error', db: 'down', detail: `database unavailable: ${reason}` },
        503,
        {
          'Retry-After': '5',
        },
      );
    }
  });
}
