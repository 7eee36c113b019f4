/**
 * Support for the device-sync end-to-end tests and the initial-sync benchmark: builds the DB
 * worker's test harness (client/src/worker/harness) once, serves it from the real server, makes
 * users through the REST API, and drives `eco.api` (the WorkerApi) in Chromium pages.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, loadConfig, startServer, type RunningServer } from '@eco-track/sync-server';
import type { BrowserContext, Page } from 'playwright-core';

/** The parts of the harness page's `eco` (client/src/worker/harness) the tests use. */
export interface HarnessStatus {
  online: boolean;
  state: string;
  pendingCount: number;
  initialSyncDone: boolean;
  ownDataSynced: boolean;
  isLeader: boolean;
  lastError: string | null;
}
export interface HarnessActivity {
  activity_id: string;
  amount: number;
  description: string | null;
  pending: boolean;
  emission: { co2_equivalent: number } | null;
}
export interface HarnessApi {
  setSession(s: { accessToken: string; userId: string; username: string }): Promise<void>;
  getSyncStatus(): Promise<HarnessStatus>;
  logActivity(input: {
    factor_key: string;
    amount: number;
    unit: string;
    timestamp: string;
    description?: string;
  }): Promise<{ ok: true; value: HarnessActivity } | { ok: false; error: { message: string } }>;
  getActivity(id: string): Promise<HarnessActivity | null>;
  countActivities(): Promise<number>;
}
declare global {
  // The harness page's global (eco), as seen from page.evaluate callbacks.
  var eco: {
    api?: HarnessApi;
    swReady: Promise<boolean>;
    error?: string;
    baseline(
      kind: 'opfs' | 'idb' | 'memory',
      token: string,
      table?: string,
      options?: { indexes?: boolean },
    ): Promise<{ rows: number; ms: number; downloadMs: number }>;
  };
}

const root = fileURLToPath(new URL('../../', import.meta.url));
let built: Promise<string> | undefined;

/** Builds the harness (page, DB worker, service worker) into a temporary directory, once. */
export function buildHarness(): Promise<string> {
  built ??= (async () => {
    const { build } = await import('vite');
    const outDir = mkdtempSync(join(tmpdir(), 'eco-harness-'));
    await build({
      configFile: join(root, 'client/src/worker/harness/vite.config.ts'),
      build: { outDir },
      logLevel: 'error',
    });
    return outDir;
  })();
  return built;
}

/** The real server (embedded PGlite, or DATABASE_URL when set) serving the harness. */
export async function startHarnessServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dist = await buildHarness();
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: process.env.DATABASE_URL ?? '',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'eco-sync-e2e-')),
    LOG_LEVEL: 'silent',
    CLIENT_DIST: dist,
    ...env,
  });
  return startServer(config, { logger: createLogger('silent') });
}

export interface TestSession {
  accessToken: string;
  userId: string;
  username: string;
  password: string;
}

async function postJson(url: string, body: unknown, token?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

/** Registers a fresh user and logs in. */
export async function newUser(serverUrl: string, prefix = 'sync'): Promise<TestSession> {
  const username = `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const password = 'correct horse battery';
  const reg = await postJson(`${serverUrl}/api/v1/auth/register`, {
    username,
    email: `${username}@example.org`,
    password,
    user_type: 'individual',
  });
  if (reg.status !== 201) throw new Error(`register: ${reg.status} ${await reg.text()}`);
  return login(serverUrl, username, password);
}

export async function login(
  serverUrl: string,
  username: string,
  password: string,
): Promise<TestSession> {
  const res = await postJson(`${serverUrl}/api/v1/auth/login`, { username, password });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
  const { access_token: accessToken } = (await res.json()) as { access_token: string };
  const me = await fetch(`${serverUrl}/api/v1/auth/me`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const { user_id: userId } = (await me.json()) as { user_id: string };
  return { accessToken, userId, username, password };
}

/** Opens the harness and waits for the worker (and, unless told otherwise, the service worker). */
export async function openHarness(
  context: BrowserContext,
  serverUrl: string,
  query = '',
  waitForServiceWorker = true,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${serverUrl}/${query}`);
  if (waitForServiceWorker)
    await page.waitForFunction(() => eco?.swReady, null, { timeout: 30_000 });
  if (waitForServiceWorker) await page.evaluate(() => eco.swReady);
  await page.waitForFunction(
    (noWorker) =>
      eco?.api !== undefined || eco?.error !== undefined || (noWorker && eco !== undefined),
    query.includes('noworker'),
    { timeout: 30_000 },
  );
  const error = await page.evaluate(() => eco.error);
  if (error) throw new Error(`the DB worker did not start: ${error}`);
  return page;
}

/** Hands the session to the page's worker (without a refresher: tests are shorter than a token). */
export async function signIn(page: Page, s: TestSession): Promise<void> {
  await page.evaluate((session) => eco.api?.setSession(session), {
    accessToken: s.accessToken,
    userId: s.userId,
    username: s.username,
  });
}

export async function syncStatus(page: Page) {
  return page.evaluate(() => eco.api!.getSyncStatus());
}

/** Polls the page until `fn` (run in the page, awaited) returns true. */
export async function waitInPage<A extends string | number | boolean | null>(
  page: Page,
  fn: (arg: A) => Promise<boolean> | boolean,
  arg: A,
  timeout = 15_000,
): Promise<void> {
  const until = Date.now() + timeout;
  for (;;) {
    // page.evaluate awaits a returned promise (waitForFunction would take the promise as truthy).
    if (await page.evaluate(fn as (arg: unknown) => Promise<boolean> | boolean, arg)) return;
    if (Date.now() > until)
      throw new Error(`timed out after ${timeout} ms waiting for ${fn.toString()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A device: Chromium with its own persistent profile (OPFS and the service worker persist). */
export async function launchSyncDevice(): Promise<BrowserContext> {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'eco-sync-profile-')), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}
