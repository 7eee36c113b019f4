import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, insertOrg, insertUser } from '../sync/test-fixtures.ts';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { createActivity, type ActivityWrite } from './activities.ts';
import { createActivitiesInBulk } from './activity-bulk-create.ts';

let t: TestDb;
let userId: string;
let orgId: string;
beforeAll(async () => {
  t = await createTestDb();
  const owner = await insertUser(t.db);
  userId = await insertUser(t.db);
  orgId = await insertOrg(t.db, owner);
  await addMember(t.db, orgId, userId, 'member');
  await t.db.query(`UPDATE organizations SET gwp_set = 'AR4' WHERE org_id = $1::uuid`, [orgId]);
});
afterAll(() => t.drop());

/** The stored activity and emission, without ids and write times (now() when not given). */
async function storedAs(activityId: string) {
  const [row] = await t.db.query(
    `SELECT a.org_id, a.activity_type, a.category, a.description, a.amount, a.unit, a.factor_key,
            a.fuel_type, a.region, a.location, a.gwp_set, a.data_quality,
            (a."timestamp" AT TIME ZONE 'UTC')::date::text AS day,
            e.co2_equivalent, e.co2_kg, e.ch4_kg, e.n2o_kg, e.biogenic_co2_kg, e.co2e_basis,
            e.factor_key AS e_factor_key, e.factor_year, e.factor_source, e.gwp_set AS e_gwp_set,
            e.scope, e.scope3_category, e.category AS e_category, e.converted_amount, e.factor_unit,
            e.derivation, e.user_id = a.user_id AS same_user
       FROM activities a JOIN emissions e USING (activity_id) WHERE a.activity_id = $1::uuid`,
    [activityId],
  );
  return row;
}

const inputs = (org: string): ActivityWrite[] => [
  {
    activity_type: 'Transportation',
    amount: 12.5,
    unit: 'miles',
    timestamp: '2025-03-01T08:00:00Z',
  },
  {
    activity_type: 'Transportation',
    fuel_type: 'diesel',
    region: 'gb',
    amount: 40,
    unit: 'km',
    description: '  team trip ',
    location: 'Leeds',
    data_quality: 'estimated',
    timestamp: '2025-03-02',
  },
  { factor_key: 'electricity.egrid.us_average.kwh', amount: 100, unit: 'kWh', org_id: org },
  { activity_type: 'Energy Consumption', amount: 3, unit: 'kWh', gwp_set: 'AR6' },
];

describe('createActivitiesInBulk', () => {
  it('stores exactly what createActivity stores for the same input', async () => {
    for (const fields of inputs(orgId)) {
      const one = await t.db.transaction((tx) =>
        createActivity(tx, { userId }, { ...fields, activity_id: randomUUID() }),
      );
      const bulkId = randomUUID();
      const outcome = await t.db.transaction((tx) =>
        createActivitiesInBulk(tx, { userId }, [{ ...fields, activity_id: bulkId }]),
      );
      expect(outcome).toEqual([{ kind: 'created' }]);
      expect(await storedAs(bulkId)).toEqual(await storedAs(one.activity_id));
      // (createActivity passes the activity's time back through JavaScript, which keeps
      // milliseconds: with now() its emission can be a few microseconds off; the bulk insert
      // copies the stored value.)
      const [time] = await t.db.query(
        `SELECT e."timestamp" = a."timestamp" AS same FROM activities a JOIN emissions e
          USING (activity_id) WHERE a.activity_id = $1::uuid`,
        [bulkId],
      );
      expect(time).toEqual({ same: true });
    }
  });

  it('refuses invalid rows, and names taken or repeated ids, writing only the new rows', async () => {
    const [trip] = inputs(orgId);
    const taken = randomUUID();
    await t.db.transaction((tx) =>
      createActivity(tx, { userId }, { ...trip!, activity_id: taken }),
    );
    const fresh = randomUUID();
    const outcomes = await t.db.transaction((tx) =>
      createActivitiesInBulk(tx, { userId }, [
        { ...trip!, activity_id: fresh },
        { ...trip!, activity_id: taken },
        { ...trip!, activity_id: fresh, amount: 99 },
        { ...trip!, activity_id: randomUUID(), unit: 'parsecs' },
        { ...trip!, activity_id: randomUUID(), org_id: randomUUID() },
      ]),
    );
    expect(outcomes.map((o) => o.kind)).toEqual([
      'created',
      'exists',
      'exists',
      'refused',
      'refused',
    ]);
    expect(String((outcomes[3] as { error: unknown }).error)).toMatch(/unit/);
    expect(String((outcomes[4] as { error: unknown }).error)).toMatch(/not a member/);
    const [n] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM activities WHERE activity_id = $1::uuid AND amount = 12.5`,
      [fresh],
    );
    expect(n?.n).toBe(1);
  });
});
