import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MutationResponse } from '@eco-track/shared-schema';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { insertUser } from '../test-fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';

// The first test database of a worker builds the migrated image (slow): not inside a test.
beforeAll(async () => {
  await (await createTestDb()).drop();
});

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function post(app: TestApp, userId: string | undefined, body: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (userId) headers.authorization = `Bearer ${await app.token(userId)}`;
  const res = await app.app.request('/api/v1/sync/mutations', {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as MutationResponse & { detail?: string } };
}

const commute = (activityId: string, amount = 25) => ({
  activity_id: activityId,
  activity_type: 'Transportation',
  amount,
  unit: 'miles',
  timestamp: '2025-03-01T08:00:00Z',
});
const ins = (table: string, row: object) => ({
  mutation_id: randomUUID(),
  table,
  op: 'insert' as const,
  row,
});
const upd = (table: string, changes: object) => ({
  mutation_id: randomUUID(),
  table,
  op: 'update' as const,
  changes,
});
const del = (table: string, row: object) => ({
  mutation_id: randomUUID(),
  table,
  op: 'delete' as const,
  row,
});

async function co2e(app: TestApp, activityId: string): Promise<number | undefined> {
  const rows = await app.db.query<{ co2_equivalent: number }>(
    'SELECT co2_equivalent FROM emissions WHERE activity_id = $1::uuid',
    [activityId],
  );
  return rows[0]?.co2_equivalent;
}

describe('POST /api/v1/sync/mutations', () => {
  it('applies activities with their emissions in one transaction and answers its txid', async () => {
    t = await createTestApp();
    const ada = await insertUser(t.db);
    const a1 = randomUUID();
    const a2 = randomUUID();
    const batch = [ins('activities', commute(a1)), ins('activities', commute(a2, 50))];
    const res = await post(t, ada, { mutations: batch });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual(
      batch.map((m) => ({ mutation_id: m.mutation_id, status: 'applied' })),
    );
    expect(typeof res.body.txid).toBe('number');
    const e1 = await co2e(t, a1);
    expect(e1).toBeGreaterThan(0);
    expect(await co2e(t, a2)).toBeCloseTo(2 * (e1 ?? 0), 9);
    const captured = await t.db.query<{ xid: number }>(
      `SELECT DISTINCT (txid % 4294967296)::int AS xid FROM sync_changes WHERE tbl IN ('activities', 'emissions')`,
    );
    expect(captured).toEqual([{ xid: res.body.txid }]);
  });

  it('answers a replayed batch with its first answer and applies nothing twice', async () => {
    t = await createTestApp();
    const ada = await insertUser(t.db);
    const a1 = randomUUID();
    const batch = [
      ins('activities', commute(a1)),
      upd('activities', { activity_id: a1, amount: 30 }),
      ins('activities', { ...commute(randomUUID()), amount: -1 }),
    ];
    const first = await post(t, ada, batch); // a bare array is accepted too
    expect(first.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected']);
    // Someone else changes the activity; replaying the old update must not undo that.
    await post(t, ada, [upd('activities', { activity_id: a1, amount: 40 })]);
    const again = await post(t, ada, batch);
    expect(again.body).toEqual(first.body);
    const rows = await t.db.query<{ amount: number }>(
      'SELECT amount FROM activities WHERE user_id = $1::uuid',
      [ada],
    );
    expect(rows).toEqual([{ amount: 40 }]);
  });

  it('rejects one bad mutation with a reason and still applies the rest of the batch', async () => {
    t = await createTestApp();
    const ada = await insertUser(t.db);
    const bob = await insertUser(t.db);
    const bobs = randomUUID();
    await post(t, bob, [ins('activities', commute(bobs))]);
    const good = randomUUID();
    const res = await post(t, ada, [
      ins('activities', { ...commute(randomUUID()), unit: 'parsecs' }),
      upd('activities', { activity_id: bobs, amount: 1 }),
      ins('reports', { report_id: randomUUID() }),
      ins('activities', { activity_type: 'Transportation', amount: 1, unit: 'km' }),
      ins('users', { user_id: ada }),
      ins('activities', commute(good)),
    ]);
    const [unit, foreign, table, noId, op, ok] = res.body.results;
    expect(unit?.status).toBe('rejected');
    expect(unit?.detail).toMatch(/unit/i);
    expect(foreign).toMatchObject({ status: 'rejected', detail: 'Activity not found' });
    expect(table?.detail).toMatch(/reports.*cannot be written/);
    expect(noId?.detail).toMatch(/activity_id/);
    expect(op?.detail).toMatch(/insert is not allowed on users/);
    expect(ok?.status).toBe('applied');
    expect(await co2e(t, good)).toBeGreaterThan(0);
    const bobsRow = await t.db.query<{ amount: number }>(
      'SELECT amount FROM activities WHERE activity_id = $1::uuid',
      [bobs],
    );
    expect(bobsRow).toEqual([{ amount: 25 }]);
  });

  it('recalculates the emission on update and removes both rows on delete', async () => {
    t = await createTestApp();
    const ada = await insertUser(t.db);
    const id = randomUUID();
    await post(t, ada, [ins('activities', commute(id, 10))]);
    const before = await co2e(t, id);
    await post(t, ada, [upd('activities', { activity_id: id, amount: 30 })]);
    expect(await co2e(t, id)).toBeCloseTo(3 * (before ?? 0), 9);
    const res = await post(t, ada, [del('activities', { activity_id: id })]);
    expect(res.body.results[0]?.status).toBe('applied');
    expect(await co2e(t, id)).toBeUndefined();
  });

  it('writes goals, preferences and recommendation marks, and only the user’s own', async () => {
    t = await createTestApp();
    const ada = await insertUser(t.db);
    const bob = await insertUser(t.db);
    const goal = randomUUID();
    const [rec] = await t.db.query<{ recommendation_id: string }>(
      'SELECT recommendation_id FROM recommendations LIMIT 1',
    );
    const ur = randomUUID();
    const res = await post(t, ada, [
      ins('goals', {
        goal_id: goal,
        goal_type: 'Reduce Carbon Footprint',
        target_value: 10,
        unit: '%',
        start_date: '2025-01-01',
        end_date: '2025-12-31',
      }),
      upd('goals', { goal_id: goal, target_value: 15 }),
      upd('users', { user_id: ada, unit_system: 'imperial', gwp_set: 'AR6' }),
      upd('users', { user_id: bob, unit_system: 'imperial' }),
      ins('user_recommendations', {
        user_recommendation_id: ur,
        recommendation_id: rec?.recommendation_id,
        seen: true,
      }),
      upd('user_recommendations', { user_recommendation_id: ur, acted_on: true }),
      upd('user_recommendations', { user_recommendation_id: ur, seen: false }),
    ]);
    expect(res.body.results.map((r) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'rejected',
      'applied',
      'applied',
      'rejected',
    ]);
    const [g] = await t.db.query('SELECT target_value FROM goals WHERE goal_id = $1::uuid', [goal]);
    expect(g).toEqual({ target_value: 15 });
    const [u] = await t.db.query(
      'SELECT unit_system, gwp_set FROM users WHERE user_id = $1::uuid',
      [ada],
    );
    expect(u).toEqual({ unit_system: 'imperial', gwp_set: 'AR6' });
    const [b] = await t.db.query('SELECT unit_system FROM users WHERE user_id = $1::uuid', [bob]);
    expect(b).toEqual({ unit_system: 'metric' });
    const [mark] = await t.db.query(
      'SELECT user_recommendation_id, seen, acted_on FROM user_recommendations WHERE user_id = $1::uuid',
      [ada],
    );
    expect(mark).toEqual({ user_recommendation_id: ur, seen: true, acted_on: true });
    const del2 = await post(t, ada, [del('goals', { goal_id: goal })]);
    expect(del2.body.results[0]?.status).toBe('applied');
  });

  it('refuses malformed batches with 4xx, unauthenticated ones with 401, and reused ids', async () => {
    t = await createTestApp();
    const ada = await insertUser(t.db);
    const bob = await insertUser(t.db);
    expect((await post(t, ada, '{not json')).status).toBe(400);
    expect((await post(t, ada, { mutations: [] })).status).toBe(422);
    expect((await post(t, ada, [{ table: 'activities', op: 'insert', row: {} }])).status).toBe(422);
    const m = ins('activities', commute(randomUUID()));
    expect((await post(t, undefined, [m])).status).toBe(401);
    expect((await post(t, ada, [m])).body.results[0]?.status).toBe('applied');
    const stolen = await post(t, bob, [m]);
    expect(stolen.body.results[0]).toMatchObject({ status: 'rejected' });
    const count = await t.db.query('SELECT 1 FROM activities');
    expect(count).toHaveLength(1);
  });
});
