/**
 * The PWA as installable software: a manifest with real icons, a service worker that precaches
 * the app shell, the DB worker, the wasm and the fonts, and an update prompt when a new version
 * of the app is deployed (the waiting worker takes over only when the user says "Reload").
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, loadConfig, startServer, type RunningServer } from '@eco-track/sync-server';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClientBuilt } from './support/app-server.ts';
import { launchDevice } from './support/browser.ts';

let server: RunningServer;
let dist: string;
let device: BrowserContext;
let page: Page;

beforeAll(async () => {
  ensureClientBuilt();
  // A copy of the build, so a "new release" can be deployed under the running server.
  dist = mkdtempSync(join(tmpdir(), 'eco-dist-'));
  cpSync(fileURLToPath(new URL('../../client/dist/', import.meta.url)), dist, { recursive: true });
  server = await startServer(
    loadConfig({
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'eco-e2e-')),
      CLIENT_DIST: dist,
      LOG_LEVEL: 'silent',
    }),
    { logger: createLogger('silent') },
  );
  device = await launchDevice();
  page = device.pages()[0] ?? (await device.newPage());
});

afterAll(async () => {
  await device?.close();
  await server?.close();
});

describe('the installable PWA', () => {
  it('has a manifest with 192 and 512 px PNG icons, including a maskable one', async () => {
    const manifest = (await (await fetch(`${server.url}/manifest.webmanifest`)).json()) as {
      name: string;
      start_url: string;
      display: string;
      theme_color: string;
      icons: { src: string; sizes: string; type: string; purpose?: string }[];
    };
    expect(manifest).toMatchObject({
      name: 'Eco-Track',
      display: 'standalone',
      theme_color: '#2E7D32',
    });
    expect(manifest.start_url).toBe('/dashboard');
    const sizes = new Set(manifest.icons.map((i) => i.sizes));
    expect(sizes).toEqual(new Set(['192x192', '512x512']));
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
    for (const icon of manifest.icons) {
      const bytes = Buffer.from(await (await fetch(`${server.url}${icon.src}`)).arrayBuffer());
      expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
      const [w, h] = icon.sizes.split('x').map(Number);
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([w, h]);
    }
  });

  it('precaches the shell, the DB worker, the wasm and the fonts on the first visit', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForFunction('navigator.serviceWorker.controller !== null', undefined, {
      timeout: 30_000,
    });
    const cached = await page.evaluate<string[]>(`(async () => {
      const urls = [];
      for (const name of await caches.keys())
        for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
      return urls;
    })()`);
    expect(cached).toContain('/index.html');
    expect(cached.some((u) => /db\.worker-.*\.js$/.test(u))).toBe(true);
    expect(cached.some((u) => u.endsWith('.wasm'))).toBe(true);
    expect(cached.some((u) => /open-sans-.*\.woff2$/.test(u))).toBe(true);
    expect(cached.some((u) => /montserrat-.*\.woff2$/.test(u))).toBe(true);
  });

  it('offers a new version and switches to it only when the user reloads', async () => {
    // Deploy a "new release": the service worker changes.
    const sw = join(dist, 'sw.js');
    writeFileSync(sw, `${readFileSync(sw, 'utf8')}\n// release ${Date.now()}\n`);
    await page.reload();
    const prompt = page.getByText('A new version of Eco-Track is ready.');
    await prompt.waitFor({ timeout: 30_000 });
    const hasWaiting = () =>
      page.evaluate<boolean>(
        '(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)()',
      );
    // The new worker waits: the running page keeps the version it started with.
    expect(await hasWaiting()).toBe(true);
    const waiting = page.waitForEvent('framenavigated', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Reload' }).click();
    await waiting;
    await page.waitForFunction('navigator.serviceWorker.controller !== null');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await prompt.count()).toBe(0);
    expect(await hasWaiting()).toBe(false);
  });
});
