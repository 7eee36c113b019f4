import { REPLICA_TABLES, calculateEmission } from '@eco-track/shared-schema';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../api.ts';
import { manualOnlineSignal, realTimers } from '../sync/env.ts';
import { FakeSyncServer } from '../testing/fake-sync-server.ts';
import { openMemoryDb } from '../testing/node-sqlite.ts';
import { eventually } from '../testing/test-device.ts';
import { DbService } from './db-service.ts';

const USER = '00000000-0000-4000-8000-000000000001';
const FACTOR = 'fuel.natural_gas.kwh.gb';
const open: DbService[] = [];

afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function setup(online = true) {
  const server = new FakeSyncServer();
  server.seed('users', {
    user_id: USER,
    username: 'ada',
    email: 'ada@example.org',
    user_type: 'individual',
    unit_system: 'metric',
    default_region: 'GB',
    gwp_set: 'AR5',
    leaderboard_opt_in: false,
    created_at: '2025-01-01 00:00:00+00',
    updated_at: '2025-01-01 00:00:00+00',
  });
  const signal = manualOnlineSignal(online);
  const changes: string[][] = [];
  const service = await DbService.open({
    db: await openMemoryDb(),
    fetch: server.fetchFor(() => signal.isOnline()),
    now: () => Date.now(),
    timers: realTimers,
    random: Math.random,
    online: signal,
    baseUrl: 'http://fake.test',
    tables: REPLICA_TABLES,
    engine: {
      backoff: { initialMs: 2, maxMs: 20, multiplier: 2 },
      streamBackoff: { initialDelay: 2, maxDelay: 20, multiplier: 2 },
    },
  });
  open.push(service);
  service.hub.subscribe(['activities', 'emissions'], (t) => changes.push(t));
  await service.setSession({ accessToken: 't', userId: USER, username: 'ada' });
  return { server, service, signal, changes };
}

const status = (s: DbService): Promise<SyncStatus> => s.getSyncStatus();

describe('DbService (the worker API on the leader)', () => {
  it('logs an activity with its emission calculated on the device, then syncs it', async () => {
    const { server, service, changes } = await setup();
    await eventually(async () => (await status(service)).state === 'live', 5000, 'live');
    expect((await status(service)).initialSyncDone).toBe(true);
    const logged = await service.logActivity({
      factor_key: FACTOR,
      amount: 100,
      unit: 'kWh',
      timestamp: '2025-03-01T09:00:00Z',
      description: 'heating',
    });
    if (!logged.ok) throw new Error(logged.error.message);
    const expected = calculateEmission({
      factorKey: FACTOR,
      amount: 100,
      unit: 'kWh',
      gwpSet: 'AR5',
    });
    expect(logged.value.emission?.co2_equivalent).toBe(expected.co2eKg);
    expect(logged.value.category).toBe('energy');
    expect(logged.value.pending).toBe(true);
    expect(logged.value.timestamp).toBe('2025-03-01T09:00:00.000Z');
    const page = await service.listActivities({ limit: 10 });
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({
      co2_equivalent: expected.co2eKg,
      scope: '1',
    });

    await eventually(
      async () => (await service.getActivity(logged.value.activity_id))?.pending === false,
      5000,
      'synced',
    );
    const synced = await service.getActivity(logged.value.activity_id);
    expect(synced?.emission?.co2_equivalent).toBe(expected.co2eKg);
    // One emission row: the server's (its id), not ours next to it.
    expect(await service.db.all('SELECT emission_id FROM emissions')).toHaveLength(1);
    expect(server.rows.get('activities')?.size).toBe(1);
    await eventually(
      () => changes.some((t) => t.includes('activities')),
      2000,
      'live query notified',
    );

    const dash = await service.dashboard({
      from: '2025-03-01T00:00:00Z',
      to: '2025-04-01T00:00:00Z',
      now: '2025-03-15T00:00:00Z',
    });
    expect(dash.period_total_kg).toBe(expected.co2eKg);
    expect(dash.this_month_kg).toBe(expected.co2eKg);
    expect(dash.by_category).toEqual([
      { category: 'energy', co2e_kg: expected.co2eKg, activity_count: 1 },
    ]);
    expect(dash.scope_split.scope1_kg).toBe(expected.co2eKg);
    expect(dash.trend).toHaveLength(12);
    expect(dash.trend.at(-1)).toEqual({
      period: '2025-03',
      co2e_kg: expected.co2eKg,
      activity_count: 1,
    });
  });

  it('refuses invalid input with the message the API would give, writing nothing', async () => {
    const { service } = await setup();
    const neg = await service.logActivity({
      factor_key: FACTOR,
      amount: -1,
      unit: 'kWh',
      timestamp: '2025-03-01T00:00:00Z',
    });
    expect(neg).toMatchObject({ ok: false, error: { code: 'validation', field: 'amount' } });
    const unit = await service.logActivity({
      factor_key: FACTOR,
      amount: 1,
      unit: 'mile',
      timestamp: '2025-03-01T00:00:00Z',
    });
    expect(unit).toMatchObject({ ok: false, error: { code: 'incompatible_unit', field: 'unit' } });
    const factor = await service.logActivity({
      factor_key: 'no.such.factor',
      amount: 1,
      unit: 'kWh',
      timestamp: '2025-03-01T00:00:00Z',
    });
    expect(factor).toMatchObject({ ok: false, error: { code: 'unknown_factor' } });
    expect(await service.countActivities()).toBe(0);
    expect((await status(service)).pendingCount).toBe(0);
  });

  it('works offline: writes queue, edits recalculate, deletes hide, all reach the server later', async () => {
    const { server, service, signal } = await setup(false);
    expect((await status(service)).state).toBe('offline');
    const a = await service.logActivity({
      factor_key: FACTOR,
      amount: 10,
      unit: 'kWh',
      timestamp: '2025-03-02T00:00:00Z',
    });
    const b = await service.logActivity({
      factor_key: FACTOR,
      amount: 20,
      unit: 'MWh',
      timestamp: '2025-03-03T00:00:00Z',
    });
    if (!a.ok || !b.ok) throw new Error('log failed');
    const edited = await service.updateActivity(a.value.activity_id, { amount: 30 });
    if (!edited.ok) throw new Error(edited.error.message);
    expect(edited.value.emission?.co2_equivalent).toBe(
      calculateEmission({ factorKey: FACTOR, amount: 30, unit: 'kWh', gwpSet: 'AR5' }).co2eKg,
    );
    const deleted = await service.deleteActivity(b.value.activity_id);
    expect(deleted.ok).toBe(true);
    expect(await service.countActivities()).toBe(1);
    expect((await status(service)).pendingCount).toBe(4);
    signal.set(true);
    await eventually(async () => (await status(service)).pendingCount === 0, 5000, 'flushed');
    expect([...(server.rows.get('activities')?.values() ?? [])].map((r) => r.amount)).toEqual([
      '30',
    ]);
    await eventually(
      async () => (await service.listActivities()).rows.every((r) => !r.pending),
      5000,
      'settled',
    );
    expect((await service.listActivities()).rows).toHaveLength(1);
  });

  it('keeps the server’s reason for a rejected write and rolls it back', async () => {
    const { service, signal } = await setup(false);
    const goal = await service.createGoal({
      goal_type: 'reduction',
      target_value: 5,
      unit: 'kg CO2e',
      start_date: '2025-01-01',
      end_date: '2025-12-31',
    });
    if (!goal.ok) throw new Error(goal.error.message);
    // The device accepts it (the schema allows it); the fake server refuses negative targets.
    await service.db.transaction((tx) =>
      tx.run(`UPDATE _outbox SET payload = json_set(payload, '$.target_value', -3)`),
    );
    signal.set(true);
    await eventually(async () => (await status(service)).rejected.length === 1, 5000, 'rejected');
    const s = await status(service);
    expect(s.rejected[0]).toMatchObject({
      table: 'goals',
      op: 'insert',
      detail: 'target_value: must be at least 0',
    });
    expect(await service.listGoals()).toEqual([]);
    await service.dismissRejected(s.rejected[0]!.mutation_id);
    expect((await status(service)).rejected).toEqual([]);
  });

  it('never shows the previous user’s rows to the next one on a shared device', async () => {
    const { service } = await setup(false);
    const logged = await service.logActivity({
      factor_key: FACTOR,
      amount: 5,
      unit: 'kWh',
      timestamp: '2025-03-01T09:00:00Z',
    });
    if (!logged.ok) throw new Error(logged.error.message);
    await service.clearSession(); // log out, keeping the local data
    expect((await service.listActivities({ limit: 10 })).total).toBe(0);
    // The next user signs in; the dashboard asks at once, before the replica is rebound.
    const OTHER = '00000000-0000-4000-8000-000000000002';
    const binding = service.setSession({ accessToken: 't2', userId: OTHER, username: 'bo' });
    expect((await service.listActivities({ limit: 10 })).total).toBe(0);
    await binding;
    expect((await service.listActivities({ limit: 10 })).total).toBe(0);
    expect(await service.recentActivities(10)).toEqual([]);
  });

  it('exports the user’s data as JSON and CSV', async () => {
    const { service } = await setup(false);
    await service.logActivity({
      factor_key: FACTOR,
      amount: 1.5,
      unit: 'kWh',
      timestamp: '2025-03-02T00:00:00Z',
      description: 'kettle, "big"',
    });
    const [json] = await service.exportAllData('json');
    const data = JSON.parse(json!.content) as { activities: { amount: number }[] };
    expect(data.activities.map((a) => a.amount)).toEqual([1.5]);
    const csv = await service.exportAllData('csv');
    const activities = csv.find((f) => f.name === 'eco-track-activities.csv');
    expect(activities?.content).toContain('"kettle, ""big"""');
  });
});
