/**
 * The PWA end to end, in Debian's Chromium against the real server: register, log activities,
 * check the dashboard's numbers against the shared engine, set a goal; go offline, reload (the
 * service worker serves the app), log more; come back online and see it sync; a second device
 * of the same user receives everything.
 */
import { readFileSync } from 'node:fs';
import { calculateEmission } from '@eco-track/shared-schema';
import type { RunningServer } from '@eco-track/sync-server';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  logActivity,
  logIn,
  newAccount,
  parseCo2e,
  register,
  type Logged,
} from './support/app-actions.ts';
import { startAppServer } from './support/app-server.ts';
import { launchDevice, watchErrors } from './support/browser.ts';

let server: RunningServer;
let device: BrowserContext;
let page: Page;
let errors: string[];
const account = newAccount('flow');
const logged: Logged[] = [];

const kg = (l: Logged) =>
  calculateEmission({ factorKey: l.factorKey, amount: l.amount, unit: l.unit, gwpSet: 'AR5' })
    .co2eKg;

async function apiToken(): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: account.username, password: account.password }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function serverActivities(): Promise<{ description: string | null }[]> {
  const res = await fetch(`${server.url}/api/v1/activities?page_size=200`, {
    headers: { authorization: `Bearer ${await apiToken()}` },
  });
  const body: unknown = await res.json();
  const list = Array.isArray(body) ? body : ((body as { items?: unknown[] }).items ?? []);
  return list as { description: string | null }[];
}

beforeAll(async () => {
  server = await startAppServer();
  device = await launchDevice();
  page = device.pages()[0] ?? (await device.newPage());
  errors = watchErrors(page);
});

afterAll(async () => {
  await device?.close();
  await server?.close();
});

describe('the PWA, end to end', () => {
  it('registers and lands on the dashboard', async () => {
    await register(page, server.url, account);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  });

  it('logs activities with the on-device preview', async () => {
    await page.getByRole('link', { name: 'Activities', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Activities' }).waitFor();
    logged.push(
      await logActivity(page, {
        category: 'Energy',
        search: 'electricity',
        amount: 120,
        description: 'Office electricity',
      }),
    );
    logged.push(
      await logActivity(page, {
        category: 'Transportation',
        search: 'diesel',
        amount: 40,
        description: 'Van trip',
      }),
    );
    await page
      .getByRole('article', { name: /^Office electricity/ })
      .getByText(/Energy/)
      .waitFor();
    await page
      .getByRole('article', { name: /^Van trip/ })
      .getByText(/Transportation/)
      .waitFor();
  });

  it('shows dashboard totals that match the shared engine', async () => {
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    const total = page.getByTestId('period-total');
    await total.waitFor();
    const expected = logged.reduce((s, l) => s + kg(l), 0);
    await expect
      .poll(async () => parseCo2e((await total.textContent()) ?? ''), { timeout: 10_000 })
      .toBeCloseTo(expected, expected >= 10_000 ? -1 : 0);
    expect(await page.getByText(/2 activities/).count()).toBeGreaterThan(0);
  });

  it('sets a goal', async () => {
    await page.getByRole('link', { name: 'Goals', exact: true }).click();
    await page.getByLabel('Target reduction (%)').fill('10');
    await page.getByLabel('Goal description').fill('Cut office energy');
    await page.getByRole('button', { name: 'Set goal' }).click();
    await page.getByRole('article', { name: 'Cut office energy' }).waitFor();
  });

  it('opens offline after a reload and keeps logging', async () => {
    await page.getByRole('link', { name: 'Activities', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Activities' }).waitFor();
    await device.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Activities' }).waitFor();
    await page.getByText('Offline', { exact: false }).first().waitFor();
    await page.getByRole('article', { name: /^Office electricity/ }).waitFor();
    logged.push(
      await logActivity(page, {
        category: 'Energy',
        search: 'electricity',
        amount: 30,
        description: 'Logged offline',
      }),
    );
    const offlineRow = page.getByRole('article', { name: /^Logged offline/ });
    await offlineRow.getByText('Pending sync').waitFor();
    expect(await page.getByTestId('sync-status').textContent()).toMatch(/Offline · \d+ pending/);
  });

  it('downloads my data as JSON and CSV, offline too', async () => {
    await page.getByRole('button', { name: /Account menu for/ }).click();
    await page.getByRole('menuitem', { name: 'Download my data' }).click();
    const dialog = page.getByRole('dialog', { name: 'Download my data' });
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download JSON' }).click(),
    ]);
    const text = readFileSync((await json.path()) ?? '', 'utf8');
    for (const d of ['Office electricity', 'Van trip', 'Logged offline']) expect(text).toContain(d);
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    const csvDownloads: string[] = [];
    page.on(
      'download',
      (d) => void d.path().then((p) => csvDownloads.push(readFileSync(p, 'utf8'))),
    );
    await dialog.getByRole('button', { name: 'Download CSV' }).click();
    await expect
      .poll(() => csvDownloads.join('\n'), { timeout: 10_000 })
      .toContain('Logged offline');
    await page.keyboard.press('Escape');
  });

  it('syncs when back online', async () => {
    await device.setOffline(false);
    await page
      .getByTestId('sync-status')
      .filter({ hasText: /^Synced$/ })
      .waitFor({ timeout: 30_000 });
    await page
      .getByRole('article', { name: /^Logged offline/ })
      .getByText('Pending sync')
      .waitFor({ state: 'detached', timeout: 30_000 });
    const onServer = (await serverActivities()).map((a) => a.description).sort();
    expect(onServer).toEqual(['Logged offline', 'Office electricity', 'Van trip']);
  });

  it('shows the data on a second device of the same user', async () => {
    const second = await launchDevice({ width: 390, height: 844 });
    try {
      const p2 = second.pages()[0] ?? (await second.newPage());
      await logIn(p2, server.url, account);
      await p2.goto(`${server.url}/activities`);
      for (const d of ['Office electricity', 'Van trip', 'Logged offline'])
        await p2.getByRole('article', { name: new RegExp(`^${d}`) }).waitFor({ timeout: 30_000 });
      await p2.goto(`${server.url}/goals`);
      await p2.getByRole('article', { name: 'Cut office energy' }).waitFor({ timeout: 30_000 });
    } finally {
      await second.close();
    }
    expect(errors).toEqual([]);
  });
});
