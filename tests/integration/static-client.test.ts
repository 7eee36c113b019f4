import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig, startServer, type RunningServer } from '@eco-track/sync-server';

let server: RunningServer;
const VENDOR_JS = Array.from({ length: 300 }, (_, i) => `export const f${i} = () => ${i};`).join(
  '\n',
);

beforeAll(async () => {
  const dist = mkdtempSync(join(tmpdir(), 'eco-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><title>Eco-Track</title><div id="root"></div>',
  );
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(dist, 'assets', 'vendor.js'), VENDOR_JS);
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'eco-data-')),
    CLIENT_DIST: dist,
  });
  server = await startServer(config, { logger: createLogger('silent') });
});
afterAll(() => server.close());

describe('the server serves the built PWA', () => {
  it('serves index.html at / and for deep links (SPA fallback)', async () => {
    for (const path of ['/', '/activities', '/goals/some-id']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>Eco-Track</title>');
    }
  });

  it('serves static assets as files', async () => {
    const res = await fetch(`${server.url}/assets/app.js`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('console.log("app")');
  });

  it('sends text assets gzip-compressed to a browser that accepts it', async () => {
    const res = await fetch(`${server.url}/assets/vendor.js`); // Node's fetch accepts gzip
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toBe(VENDOR_JS);
    const small = await fetch(`${server.url}/assets/app.js`);
    expect(small.headers.get('content-encoding')).toBeNull();
  });

  it('never answers an unknown API path with the app shell', async () => {
    const res = await fetch(`${server.url}/api/v1/no-such-thing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ detail: 'Not Found' });
  });
});
