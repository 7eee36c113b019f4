/**
 * A change the server refuses is shown with the server's reason, and the user's input comes back
 * in the form: a member logs an activity into their organisation while offline, is removed from
 * it meanwhile, and syncs afterwards.
 */
import type { RunningServer } from '@eco-track/sync-server';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseOption,
  logActivity,
  newAccount,
  register,
  type Account,
} from './support/app-actions.ts';
import { startAppServer } from './support/app-server.ts';
import { launchDevice } from './support/browser.ts';

let server: RunningServer;
let device: BrowserContext;
let page: Page;
const member = newAccount('member');

async function api<T>(
  path: string,
  token: string | null,
  body?: unknown,
  method = 'POST',
): Promise<T> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function tokenOf(a: Account): Promise<string> {
  return (
    await api<{ access_token: string }>('/auth/login', null, {
      username: a.username,
      password: a.password,
    })
  ).access_token;
}

beforeAll(async () => {
  server = await startAppServer();
  device = await launchDevice();
  page = device.pages()[0] ?? (await device.newPage());
});

afterAll(async () => {
  await device?.close();
  await server?.close();
});

describe('a refused change', () => {
  it('comes back with the server reason and the user input', async () => {
    const owner = newAccount('owner');
    await api('/auth/register', null, { ...owner });
    const ownerToken = await tokenOf(owner);
    const org = await api<{ org_id: string; join_code: string }>('/orgs', ownerToken, {
      name: 'Field Team',
    });

    await register(page, server.url, member);
    const memberToken = await tokenOf(member);
    await api('/orgs/join', memberToken, { join_code: org.join_code });
    const me = await api<{ user_id: string }>('/auth/me', memberToken, undefined, 'GET');

    await page.goto(`${server.url}/activities`);
    // The organisation reaches this device through the sync; then it is a workspace to log into.
    await page.getByLabel('Workspace', { exact: true }).waitFor({ timeout: 30_000 });
    await device.setOffline(true);
    await chooseOption(page, 'Workspace', 'Field Team');
    await logActivity(page, {
      category: 'Energy',
      search: 'electricity',
      amount: 77,
      description: 'Site generator',
    });

    await api(`/orgs/${org.org_id}/members/${me.user_id}`, ownerToken, undefined, 'DELETE');
    await device.setOffline(false);

    const alert = page.getByRole('alert').filter({ hasText: 'was not accepted by the server' });
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toMatch(/Reason: \S+/);
    await alert.getByRole('link', { name: 'Review and resend' }).click();
    await page.getByText('The server did not accept this change.').waitFor();
    expect(await page.getByLabel('Amount', { exact: true }).inputValue()).toBe('77');
    expect(await page.getByLabel('Description', { exact: true }).inputValue()).toBe(
      'Site generator',
    );
  });
});
