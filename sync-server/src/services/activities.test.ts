import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { createActivity, deleteActivity, updateActivity } from './activities.ts';
import { orgRole } from './authorization.ts';

let t: TestDb;
let userId: string;
beforeAll(async () => {
  t = await createTestDb();
  const [u] = await t.db.query<{ user_id: string }>(
    `INSERT INTO users (username, email, password_hash, user_type)
     VALUES ('svc', 'svc@example.com', 'x', 'individual') RETURNING user_id`,
  );
  userId = u?.user_id ?? '';
});
afterAll(() => t.drop());

const count = async () =>
  (
    await t.db.query<{ a: number; e: number }>(
      'SELECT (SELECT count(*) FROM activities)::int8 AS a, (SELECT count(*) FROM emissions)::int8 AS e',
    )
  )[0];

describe('activity services on a caller-chosen transaction (the sync write path)', () => {
  it('writes the activity and its emission together, and a later failure rolls both back', async () => {
    const before = await count();
    await expect(
      t.db.transaction(async (tx) => {
        await createActivity(
          tx,
          { userId },
          { activity_type: 'Transportation', amount: 10, unit: 'km' },
        );
        await createActivity(
          tx,
          { userId },
          { activity_type: 'Transportation', amount: -1, unit: 'km' },
        );
      }),
    ).rejects.toThrow(/amount: must be at least 0/);
    expect(await count()).toEqual(before);
  });

  it('dates an activity logged without a timestamp and its emission at the same instant', async () => {
    const a = await t.db.transaction((tx) =>
      createActivity(tx, { userId }, { activity_type: 'Transportation', amount: 3, unit: 'km' }),
    );
    const [row] = await t.db.query<{ same: boolean }>(
      `SELECT a."timestamp" = e."timestamp" AS same
       FROM activities a JOIN emissions e USING (activity_id) WHERE a.activity_id = $1::uuid`,
      [a.activity_id],
    );
    expect(row?.same).toBe(true);
  });

  it('creates, updates and deletes within one transaction', async () => {
    const id = await t.db.transaction(async (tx) => {
      const a = await createActivity(
        tx,
        { userId },
        {
          activity_id: '0190c1d2-7e4b-7c3a-9f10-000000000001',
          factor_key: 'electricity.egrid.us_average.kwh',
          amount: 100,
          unit: 'kWh',
        },
      );
      expect(a.activity_type).toBe('Energy Consumption');
      const b = await updateActivity(tx, { userId }, a.activity_id, { amount: 200 });
      expect(b.co2e_kg).toBeCloseTo((a.co2e_kg ?? 0) * 2, 12);
      return a.activity_id;
    });
    await t.db.transaction((tx) => deleteActivity(tx, { userId }, id));
    expect((await t.db.query('SELECT 1 FROM activities WHERE activity_id = $1', [id])).length).toBe(
      0,
    );
  });

  it('reports no role for a non-member', async () => {
    expect(await orgRole(t.db, userId, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
