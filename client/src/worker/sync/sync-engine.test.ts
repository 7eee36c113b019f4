import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { REPLICA_TABLES } from '@eco-track/shared-schema';
import { pendingCount } from '../store/outbox.ts';
import { FakeSyncServer } from '../testing/fake-sync-server.ts';
import { createTestDevice, eventually, type TestDevice } from '../testing/test-device.ts';

const USER = '00000000-0000-4000-8000-000000000001';

function goal(id: string, target: number) {
  return {
    goal_id: id,
    user_id: USER,
    org_id: null,
    goal_type: 'reduction',
    description: 'walk more',
    target_value: target,
    unit: 'kg CO2e',
    start_date: '2025-01-01',
    end_date: '2025-12-31',
    current_value: null,
    status: 'active',
    created_at: '2025-01-01T00:00:00.000Z',
    updated_at: '2025-01-01T00:00:00.000Z',
  };
}

const targets = (d: TestDevice) =>
  d.db.all<{ goal_id: string; target_value: number; _pending: number }>(
    'SELECT goal_id, target_value, _pending FROM goals ORDER BY goal_id',
  );

const devices: TestDevice[] = [];
afterEach(async () => {
  for (const d of devices.splice(0)) await d.close();
});

describe('sync engine against a fake server', () => {
  it('a write made offline is kept, sent when online, and reaches another device', async () => {
    const server = new FakeSyncServer();
    const a = await createTestDevice(server);
    const b = await createTestDevice(server);
    devices.push(a, b);
    await eventually(() => a.engine.status().state === 'live', 3000, 'A live');
    a.online.set(false);
    const id = randomUUID();
    await a.write({
      mutation_id: randomUUID(),
      table: 'goals',
      op: 'insert',
      row_id: id,
      payload: goal(id, 10),
    });
    expect(await targets(a)).toEqual([{ goal_id: id, target_value: 10, _pending: 1 }]);
    expect(a.engine.status().state).toBe('offline');
    await new Promise((r) => setTimeout(r, 50));
    expect(server.rows.get('goals')?.size).toBe(0);
    a.online.set(true);
    await eventually(async () => (await targets(b)).length === 1, 3000, 'B receives the goal');
    expect(await targets(b)).toEqual([{ goal_id: id, target_value: 10, _pending: 0 }]);
    await eventually(async () => (await targets(a))[0]?._pending === 0, 3000, 'A overlay dropped');
    expect(await pendingCount(a.db)).toBe(0);
  });

  it('a rejected write is rolled back with the server’s reason', async () => {
    const server = new FakeSyncServer();
    const a = await createTestDevice(server);
    devices.push(a);
    const id = randomUUID();
    const mutation_id = randomUUID();
    await a.write({ mutation_id, table: 'goals', op: 'insert', row_id: id, payload: goal(id, -1) });
    await eventually(async () => (await targets(a)).length === 0, 3000, 'rollback');
    expect(await a.db.all('SELECT mutation_id, detail FROM _rejected')).toEqual([
      { mutation_id, detail: 'target_value: must be at least 0' },
    ]);
  });

  it('a lost answer is replayed without applying the write twice', async () => {
    const server = new FakeSyncServer();
    const a = await createTestDevice(server);
    devices.push(a);
    server.loseNextAnswer = true;
    const id = randomUUID();
    const mutation_id = randomUUID();
    await a.write({ mutation_id, table: 'goals', op: 'insert', row_id: id, payload: goal(id, 5) });
    await eventually(async () => (await pendingCount(a.db)) === 0, 3000, 'acknowledged');
    expect(server.applications.get(mutation_id)).toBe(1);
    await eventually(async () => (await targets(a))[0]?._pending === 0, 3000, 'synced');
  });

  it('after a server restart (409) the replica re-syncs and keeps pending writes', async () => {
    const server = new FakeSyncServer();
    const a = await createTestDevice(server);
    devices.push(a);
    const id1 = randomUUID();
    await a.write({
      mutation_id: randomUUID(),
      table: 'goals',
      op: 'insert',
      row_id: id1,
      payload: goal(id1, 1),
    });
    await eventually(async () => (await targets(a))[0]?._pending === 0, 3000, 'first synced');
    a.online.set(false);
    const id2 = randomUUID();
    await a.write({
      mutation_id: randomUUID(),
      table: 'goals',
      op: 'insert',
      row_id: id2,
      payload: goal(id2, 2),
    });
    server.restart();
    a.online.set(true);
    await eventually(
      async () => (await targets(a)).filter((r) => r._pending === 0).length === 2,
      3000,
      'both synced after refetch',
    );
    expect(server.rows.get('goals')?.size).toBe(2);
  });

  it('a first sync fetches the user’s own rows before the public catalogues', async () => {
    const server = new FakeSyncServer();
    const tables = REPLICA_TABLES.filter((t) =>
      ['activities', 'goals', 'challenges'].includes(t.name),
    );
    const firstRequests: string[] = [];
    const ownSyncedAtCatalogueStart: (boolean | undefined)[] = [];
    let device: TestDevice | undefined = undefined;
    device = await createTestDevice(server, undefined, {
      tables,
      onRequest: (url) => {
        const table = url.searchParams.get('table');
        if (!table || firstRequests.includes(table)) return;
        firstRequests.push(table);
        if (table === 'challenges') {
          ownSyncedAtCatalogueStart.push(device?.engine.status().ownDataSynced);
        }
      },
    });
    devices.push(device);
    const d = device;
    await eventually(() => d.engine.status().initialSyncDone, 3000, 'every table synced');
    expect(firstRequests.at(-1)).toBe('challenges');
    expect(ownSyncedAtCatalogueStart).toEqual([true]);
    expect(firstRequests.slice(0, 2).sort()).toEqual(['activities', 'goals']);
  });

  it('the catalogues do not wait for ever on an own table that cannot sync', async () => {
    const server = new FakeSyncServer();
    const tables = REPLICA_TABLES.filter((t) => ['goals', 'challenges'].includes(t.name));
    const requested = new Set<string>();
    const device = await createTestDevice(server, undefined, {
      tables,
      catalogueWaitMs: 100,
      onRequest: (url) => {
        const table = url.searchParams.get('table') ?? '';
        requested.add(table);
        return table === 'goals'
          ? new Response('{"detail":"unavailable"}', { status: 503 })
          : undefined;
      },
    });
    devices.push(device);
    await new Promise((r) => setTimeout(r, 50));
    expect([...requested]).toEqual(['goals']);
    await eventually(() => requested.has('challenges'), 3000, 'the catalogue started');
    expect(device.engine.status().ownDataSynced).toBe(false);
  });

  it('resumes from the stored offset instead of downloading again', async () => {
    const server = new FakeSyncServer();
    const a = await createTestDevice(server);
    devices.push(a);
    await eventually(() => a.engine.status().state === 'live', 3000, 'live');
    const stored = await a.db.get<{ offset: string; handle: string }>(
      `SELECT "offset", handle FROM _shapes WHERE shape = 'goals'`,
    );
    a.engine.stop();
    server.shapeRequests.length = 0;
    await a.engine.start();
    await eventually(() => a.engine.status().state === 'live', 3000, 'live again');
    const goalsRequests = server.shapeRequests.filter(
      (u) => u.searchParams.get('table') === 'goals',
    );
    expect(goalsRequests[0]?.searchParams.get('offset')).toBe(stored?.offset);
    expect(goalsRequests[0]?.searchParams.get('handle')).toBe(stored?.handle);
    expect(goalsRequests.some((u) => u.searchParams.get('offset') === '-1')).toBe(false);
  });

  it('an expired token is refreshed through the UI and sync carries on; a refused refresh asks to log in', async () => {
    const server = new FakeSyncServer();
    server.validToken = 'fresh';
    let token = 'stale';
    let refreshes = 0;
    let refuse = false;
    const a = await createTestDevice(server, {
      token: () => token,
      refresh: () => {
        refreshes++;
        if (refuse) return Promise.resolve('lost');
        token = 'fresh';
        return Promise.resolve('ok');
      },
    });
    devices.push(a);
    const id = randomUUID();
    await a.write({
      mutation_id: randomUUID(),
      table: 'goals',
      op: 'insert',
      row_id: id,
      payload: goal(id, 3),
    });
    await eventually(
      () => server.rows.get('goals')?.size === 1,
      3000,
      'written with the new token',
    );
    expect(refreshes).toBeGreaterThanOrEqual(1);
    await eventually(() => a.engine.status().state === 'live', 3000, 'live');

    // The refresh token is spent / revoked: the engine stops and says so.
    server.validToken = 'newer';
    refuse = true;
    const id2 = randomUUID();
    await a.write({
      mutation_id: randomUUID(),
      table: 'goals',
      op: 'insert',
      row_id: id2,
      payload: goal(id2, 4),
    });
    await eventually(() => a.engine.status().state === 'needs_login', 3000, 'needs login');
    expect(await pendingCount(a.db)).toBe(1); // kept for when the user logs in again
  });
});
