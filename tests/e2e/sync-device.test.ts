/**
 * The device side of sync in Chromium, through the DB worker's test harness against the real
 * server: a write made offline survives an offline reload with its emission, reaches Postgres
 * when the connection returns, and reaches a second device of the same user within 2 s; two tabs
 * of one device share one database through the leader, and the other tab takes over when the
 * leader's tab closes.
 */
import { calculateEmission } from '@eco-track/shared-schema';
import type { RunningServer } from '@eco-track/sync-server';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchSyncDevice,
  newUser,
  openHarness,
  signIn,
  startHarnessServer,
  syncStatus,
  waitInPage,
  type TestSession,
} from './sync-harness.ts';

const FACTOR = 'fuel.natural_gas.kwh.gb';
const expectedKg = (amount: number) =>
  calculateEmission({ factorKey: FACTOR, amount, unit: 'kWh', gwpSet: 'AR5' }).co2eKg;

let server: RunningServer;
let user: TestSession;
let deviceA: BrowserContext;
let deviceB: BrowserContext | undefined;
let tab1: Page;
let tab2: Page | undefined;
let offlineId = '';
/** The content-encoding of every shape answer device A received during its first sync. */
const shapeEncodings: string[] = [];

async function log(page: Page, amount: number, description: string): Promise<string> {
  const result = await page.evaluate((input) => eco.api!.logActivity(input), {
    factor_key: FACTOR,
    amount,
    unit: 'kWh',
    timestamp: '2025-03-01T10:00:00Z',
    description,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.activity_id;
}

const getActivity = (page: Page, id: string) => page.evaluate((a) => eco.api!.getActivity(a), id);

async function serverAmount(id: string): Promise<number | undefined> {
  const rows = await server.db.query<{ amount: number }>(
    'SELECT amount FROM activities WHERE activity_id = $1::uuid',
    [id],
  );
  return rows[0]?.amount;
}

beforeAll(async () => {
  server = await startHarnessServer();
  user = await newUser(server.url);
  deviceA = await launchSyncDevice();
  tab1 = await openHarness(deviceA, server.url);
  tab1.on('response', (res) => {
    if (new URL(res.url()).pathname === '/v1/shape' && res.status() === 200)
      shapeEncodings.push(res.headers()['content-encoding'] ?? 'none');
  });
  await signIn(tab1, user);
  await waitInPage(
    tab1,
    async () => (await eco.api!.getSyncStatus()).initialSyncDone,
    null,
    60_000,
  );
});

afterAll(async () => {
  await deviceB?.close();
  await deviceA?.close();
  await server?.close();
});

describe('device sync in Chromium', () => {
  it('downloads the large first-sync answers compressed (the 5 MB factor catalogue)', () => {
    expect(shapeEncodings.filter((e) => e === 'gzip' || e === 'br').length).toBeGreaterThan(0);
    expect(shapeEncodings.length).toBeGreaterThanOrEqual(14); // small answers go as they are
  });

  it('logs an activity offline: visible at once with its emission, queued', async () => {
    await deviceA.setOffline(true);
    await waitInPage(tab1, async () => !(await eco.api!.getSyncStatus()).online, null);
    offlineId = await log(tab1, 120, 'logged offline');
    const a = await getActivity(tab1, offlineId);
    expect(a?.emission?.co2_equivalent).toBe(expectedKg(120));
    expect(a?.pending).toBe(true);
    const s = await syncStatus(tab1);
    expect(s.state).toBe('offline');
    expect(s.pendingCount).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(await serverAmount(offlineId)).toBeUndefined();
  });

  it('a reload while offline still shows it, with its emission', async () => {
    await tab1.reload();
    await tab1.waitForFunction(() => eco?.api !== undefined, null, { timeout: 30_000 });
    const a = await getActivity(tab1, offlineId);
    expect(a?.description).toBe('logged offline');
    expect(a?.emission?.co2_equivalent).toBe(expectedKg(120));
    expect((await syncStatus(tab1)).pendingCount).toBe(1);
  });

  it('back online, it reaches Postgres and the overlay settles', async () => {
    await deviceA.setOffline(false);
    await signIn(tab1, user);
    await waitInPage(
      tab1,
      async () => (await eco.api!.getSyncStatus()).pendingCount === 0,
      null,
      20_000,
    );
    expect(await serverAmount(offlineId)).toBe(120);
    await waitInPage(
      tab1,
      async (id) => (await eco.api!.getActivity(id))?.pending === false,
      offlineId,
      30_000,
    );
    const a = await getActivity(tab1, offlineId);
    expect(a?.emission?.co2_equivalent).toBe(expectedKg(120));
  });

  it('a second device of the same user receives a new write within 2 s', async () => {
    deviceB = await launchSyncDevice();
    const other = await openHarness(deviceB, server.url, '', false);
    await signIn(other, user);
    await waitInPage(
      other,
      async () => (await eco.api!.getSyncStatus()).state === 'live',
      null,
      60_000,
    );
    expect((await getActivity(other, offlineId))?.amount).toBe(120);
    await waitInPage(
      tab1,
      async () => (await eco.api!.getSyncStatus()).state === 'live',
      null,
      30_000,
    );

    const started = Date.now();
    const id = await log(tab1, 7, 'seen elsewhere');
    // Received = the activity and its emission are both on the other device.
    await waitInPage(
      other,
      async (a) => (await eco.api!.getActivity(a))?.emission != null,
      id,
      5_000,
    );
    const elapsed = Date.now() - started;
    console.info(`second device received the write (activity + emission) in ${elapsed} ms`);
    expect(elapsed).toBeLessThan(2_000);
    expect((await getActivity(other, id))?.emission?.co2_equivalent).toBe(expectedKg(7));
  });

  it('two tabs at once both work, through one leader', async () => {
    tab2 = await openHarness(deviceA, server.url, '', false);
    await signIn(tab2, user);
    const [s1, s2] = [await syncStatus(tab1), await syncStatus(tab2)];
    expect([s1.isLeader, s2.isLeader].sort()).toEqual([false, true]);
    const fromTab2 = await log(tab2, 3, 'from tab 2');
    const fromTab1 = await log(tab1, 4, 'from tab 1');
    expect((await getActivity(tab1, fromTab2))?.description).toBe('from tab 2');
    expect((await getActivity(tab2, fromTab1))?.description).toBe('from tab 1');
    await waitInPage(
      tab2,
      async () => (await eco.api!.getSyncStatus()).pendingCount === 0,
      null,
      20_000,
    );
    expect(await serverAmount(fromTab2)).toBe(3);
    expect(await serverAmount(fromTab1)).toBe(4);
  });

  it('when the leader tab closes, the other tab takes over the database and the sync', async () => {
    if (!tab2) throw new Error('needs the previous test');
    const leader = (await syncStatus(tab1)).isLeader ? tab1 : tab2;
    const survivor = leader === tab1 ? tab2 : tab1;
    const before = await survivor.evaluate(() => eco.api!.countActivities());
    await leader.close();
    const id = await log(survivor, 9, 'after the leader left');
    expect((await syncStatus(survivor)).isLeader).toBe(true);
    expect(await survivor.evaluate(() => eco.api!.countActivities())).toBe(before + 1);
    await signIn(survivor, user);
    await waitInPage(
      survivor,
      async () => (await eco.api!.getSyncStatus()).pendingCount === 0,
      null,
      20_000,
    );
    expect(await serverAmount(id)).toBe(9);
  });
});
