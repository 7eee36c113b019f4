/**
 * Sessions across connectivity: the session survives offline reloads, an access token that goes
 * bad while offline keeps local use working (no "Log in again"), a refresh renews it once back
 * online, and only a refused refresh while online asks the user to log in again — with the data
 * on the device still there.
 */
import type { RunningServer } from '@eco-track/sync-server';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logActivity, newAccount, register } from './support/app-actions.ts';
import { startAppServer } from './support/app-server.ts';
import { launchDevice } from './support/browser.ts';

const KEY = 'eco-track.session.v1';
let server: RunningServer;
let device: BrowserContext;
let page: Page;

// In-page scripts are strings, so this file needs no DOM typings.
/** Replaces the stored access token with one the server refuses (as an expired one would be). */
async function spoilAccessToken(): Promise<void> {
  await page.evaluate(`(() => {
    const s = JSON.parse(localStorage.getItem('${KEY}') ?? '{}');
    localStorage.setItem('${KEY}', JSON.stringify({ ...s, accessToken: 'x.eyJzdWIiOiJ4In0.x', accessTokenExpiresAt: 0 }));
  })()`);
}

const storedSession = () =>
  page.evaluate<{ refreshToken: string; needsLogin: boolean } | null>(
    `JSON.parse(localStorage.getItem('${KEY}') ?? 'null')`,
  );

beforeAll(async () => {
  server = await startAppServer();
  device = await launchDevice();
  page = device.pages()[0] ?? (await device.newPage());
  await register(page, server.url, newAccount('sess'));
  await page.goto(`${server.url}/activities`);
  await logActivity(page, {
    category: 'Energy',
    search: 'electricity',
    amount: 5,
    description: 'Kettle',
  });
  await page
    .getByTestId('sync-status')
    .filter({ hasText: /^Synced$/ })
    .waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await device?.close();
  await server?.close();
});

describe('sessions', () => {
  it('stay signed in through an offline reload, even with a token the server would refuse', async () => {
    await device.setOffline(true);
    await spoilAccessToken();
    await page.reload();
    await page.getByRole('article', { name: /^Kettle/ }).waitFor();
    await page
      .getByTestId('sync-status')
      .filter({ hasText: /^Offline/ })
      .waitFor();
    expect(await page.getByRole('link', { name: 'Log in again' }).count()).toBe(0);
    await logActivity(page, {
      category: 'Energy',
      search: 'electricity',
      amount: 2,
      description: 'Toaster',
    });
    expect((await storedSession())?.needsLogin).toBe(false);
  });

  it('renew the token when back online and sync what was logged offline', async () => {
    const before = (await storedSession())?.refreshToken;
    await device.setOffline(false);
    await page
      .getByTestId('sync-status')
      .filter({ hasText: /^Synced$/ })
      .waitFor({ timeout: 30_000 });
    await page
      .getByRole('article', { name: /^Toaster/ })
      .getByText('Pending sync')
      .waitFor({ state: 'detached', timeout: 30_000 });
    const after = await storedSession();
    expect(after?.refreshToken).not.toBe(before);
    expect(after?.needsLogin).toBe(false);
  });

  it('ask to log in again only when online and the refresh is refused, keeping local data', async () => {
    const refreshToken = (await storedSession())?.refreshToken;
    // Another device signs this session out: its refresh token stops working.
    await fetch(`${server.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: refreshToken }),
    });
    await spoilAccessToken();
    await page.reload();
    await page.getByRole('link', { name: 'Log in again' }).waitFor({ timeout: 30_000 });
    await page.getByRole('article', { name: /^Kettle/ }).waitFor();
    await page.getByRole('article', { name: /^Toaster/ }).waitFor();
  });
});
