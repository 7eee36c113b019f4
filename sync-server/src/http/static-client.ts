import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import type { AppEnv } from './context.ts';

const API_PREFIXES = ['/api/', '/v1/', '/health'];

/**
 * Serves the built PWA from `dist`, with an SPA fallback: a GET for an unknown path that is not
 * an API path answers index.html, so deep links work. Without a build, a short explanation.
 * Text assets over 1 KB go gzip-compressed to clients that accept it (the JS is ~3.5x smaller).
 */
export function staticClientRoutes(dist: string) {
  const app = new Hono<AppEnv>();
  const indexFile = join(dist, 'index.html');
  app.use('*', compress());
  app.use('*', serveStatic({ root: dist }));
  app.get('*', (c) => {
    if (API_PREFIXES.some((p) => c.req.path.startsWith(p)))
      return c.json({ detail: 'Not Found' }, 404);
    if (!existsSync(indexFile)) {
      return c.text(
        'The client is not built yet: run `npm run build` (npm start does it for you).',
        404,
      );
    }
    return c.html(readFileSync(indexFile, 'utf8'), 200, { 'cache-control': 'no-cache' });
  });
  return app;
}
