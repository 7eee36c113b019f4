// A run of activity inserts in one sync batch is written at once (insert-run.ts): these tests hold
// it to the answers, rows, change log and rollups of writing the same mutations one at a time.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYNCED_TABLES, type MutationResponse } from '@eco-track/shared-schema';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { addMember, insertOrg, insertUser } from '../test-fixtures.ts';

beforeAll(async () => {
  await (await createTestDb()).drop();
});

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function post(app: TestApp, userId: string, mutations: unknown[]) {
  const res = await app.app.request('/api/v1/sync/mutations', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await app.token(userId)}`,
    },
    body: JSON.stringify({ mutations }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as MutationResponse;
}

const ins = (row: object) => ({
  mutation_id: randomUUID(),
  table: 'activities',
  op: 'insert' as const,
  row,
});
const trip = (amount: number, day = '2025-03-01', extra: object = {}) => ({
  activity_id: randomUUID(),
  activity_type: 'Transportation',
  amount,
  unit: 'km',
  timestamp: `${day}T08:00:00Z`,
  ...extra,
});

/** Activities (with their emission's CO2e) of a user, in the order they were given. */
async function stored(app: TestApp, ids: readonly string[]) {
  const rows = await app.db.query<{ activity_id: string; amount: number; co2e: number | null }>(
    `SELECT a.activity_id, a.amount, e.co2_equivalent AS co2e
       FROM activities a LEFT JOIN emissions e USING (activity_id)
      WHERE a.activity_id = ANY($1::uuid[])`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.activity_id, r]));
  return ids.map((id) => {
    const r = byId.get(id);
    return r ? { amount: r.amount, co2e: r.co2e } : undefined;
  });
}

describe('a sync batch of activity inserts', () => {
  it('answers and writes exactly as one mutation at a time, rejected ones not blocking the rest', async () => {
    t = await createTestApp();
    const owner = await insertUser(t.db);
    const writesTo = await insertOrg(t.db, owner, 'Acme');
    const readsOnly = await insertOrg(t.db, owner, 'Globex');
    const strange = await insertOrg(t.db, owner, 'Initech');
    const ada = await insertUser(t.db);
    const bob = await insertUser(t.db);
    for (const u of [ada, bob]) {
      await addMember(t.db, writesTo, u, 'member');
      await addMember(t.db, readsOnly, u, 'viewer');
    }
    // The same rows for two users; each row names its own activity_id.
    const rowsFor = () => {
      const twice = trip(7);
      return [
        trip(10),
        trip(-1),
        { ...trip(3), unit: 'parsecs' },
        { ...trip(3), activity_type: 'Teleportation' },
        { ...trip(4), org_id: strange },
        { ...trip(5), org_id: readsOnly },
        { ...trip(6), org_id: writesTo, description: 'team offsite' },
        twice,
        { ...twice },
        { ...trip(8), activity_id: undefined },
        { ...trip(9), factor_year: 2024 },
        { ...trip(11, '2025-03-02'), fuel_type: 'diesel', region: 'GB' },
      ];
    };
    const adaRows = rowsFor();
    const bulk = await post(t, ada, adaRows.map(ins));

    // Bob's batch ends with an insert of an activity_id another user holds: the database refuses
    // it, so the whole batch is redone one mutation at a time with savepoints.
    const bobRows = rowsFor();
    const [taken] = adaRows;
    const oneByOne = await post(t, bob, [...bobRows.map(ins), ins({ ...trip(1), ...taken })]);
    expect(oneByOne.results.at(-1)).toMatchObject({
      status: 'rejected',
      detail: 'activity_id is already taken; generate a new UUID',
    });

    const answers = (r: MutationResponse) =>
      r.results.map(({ status, detail }) => ({ status, detail }));
    expect(answers(bulk)).toEqual(answers(oneByOne).slice(0, -1));
    expect(answers(bulk).map((a) => a.status)).toEqual([
      'applied',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'applied',
      'applied',
      'applied',
      'rejected',
      'rejected',
      'applied',
    ]);
    expect(bulk.results[4]?.detail).toBe('You are not a member of this organisation');
    expect(bulk.results[5]?.detail).toBe('Viewers cannot add or change organisation activities');

    const id = (rows: ReturnType<typeof rowsFor>) =>
      rows.map((r) => ('activity_id' in r && r.activity_id) || randomUUID());
    const adaStored = await stored(t, id(adaRows));
    expect(adaStored).toEqual(await stored(t, id(bobRows)));
    expect(adaStored.filter(Boolean)).toHaveLength(5);
    const [count] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM activities WHERE user_id = $1::uuid',
      [ada],
    );
    expect(count?.n).toBe(4); // the repeated activity_id is one activity
  });

  it('answers a repeated activity_id with other content as a conflict, and the rest applies', async () => {
    t = await createTestApp();
    const ada = await insertUser(t.db);
    const first = trip(10);
    const after = trip(12);
    const res = await post(t, ada, [ins(first), ins({ ...first, amount: 11 }), ins(after)]);
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(res.results[1]?.detail).toMatch(/already exists with different content/);
    expect((await stored(t, [first.activity_id, after.activity_id])).map((r) => r?.amount)).toEqual(
      [10, 12],
    );
  });

  it('answers a resent batch with its first answer and writes nothing twice', async () => {
    t = await createTestApp();
    const ada = await insertUser(t.db);
    const batch = [ins(trip(1)), ins(trip(-5)), ins(trip(2))];
    const first = await post(t, ada, batch);
    const again = await post(t, ada, batch);
    expect(again).toEqual(first);
    const counts = await t.db.query<{ activities: number; emissions: number; changes: number }>(
      `SELECT (SELECT count(*)::int FROM activities) AS activities,
              (SELECT count(*)::int FROM emissions) AS emissions,
              (SELECT count(*)::int FROM sync_changes WHERE tbl = 'activities') AS changes`,
    );
    expect(counts).toEqual([{ activities: 2, emissions: 2, changes: 2 }]);
  });

  it('puts every activity and emission in the change log with the batch’s txid, as stored', async () => {
    t = await createTestApp();
    const ada = await insertUser(t.db);
    const rows = Array.from({ length: 25 }, (_, i) => trip(i + 1, `2025-03-${10 + (i % 5)}`));
    const res = await post(t, ada, [...rows.map(ins), ins(trip(-1))]);
    expect(res.results.filter((r) => r.status === 'applied')).toHaveLength(25);
    for (const table of [SYNCED_TABLES.activities, SYNCED_TABLES.emissions]) {
      const values = table.columns.map((c) => `'${c.name}', r."${c.name}"::text`).join(', ');
      const [check] = await t.db.query<{ logged: number; same: number }>(
        `SELECT count(*)::int AS logged,
                count(*) FILTER (WHERE c.row_data = jsonb_build_object(${values}))::int AS same
           FROM sync_changes c JOIN ${table.name} r
             ON r.${table.primaryKey[0]}::text = c.row_data->>'${table.primaryKey[0]}'
          WHERE c.tbl = $1 AND c.op = 'I' AND c.txid % 4294967296 = $2::bigint`,
        [table.name, res.txid],
      );
      expect(check, table.name).toEqual({ logged: 25, same: 25 });
    }
  });

  it('keeps the ESG and leaderboard rollups equal to the exact sums of the emissions', async () => {
    t = await createTestApp();
    const ada = await insertUser(t.db);
    const org = await insertOrg(t.db, ada);
    const rollupsExact = async () => {
      const [r] = await t!.db.query<{ esg: boolean; periods: boolean; baseline: boolean }>(
        `WITH raw AS (
           SELECT CASE WHEN e.org_id IS NULL THEN 'u' ELSE 'o' END AS kind,
             coalesce(e.org_id, e.user_id) AS owner, (e."timestamp" AT TIME ZONE 'UTC')::date AS day,
             e.factor_key, a.data_quality, count(*) AS n, sum(e.co2_equivalent) AS co2e,
             sum(e.converted_amount) AS qty
           FROM emissions e JOIN activities a USING (activity_id) GROUP BY 1, 2, 3, 4, 5
         ), rolled AS (
           SELECT owner_kind AS kind, owner_id AS owner, day, factor_key, data_quality::text,
             sum(activity_count) AS n, sum(co2e_kg) AS co2e, sum(quantity) AS qty
           FROM esg_emission_rollup GROUP BY 1, 2, 3, 4, 5
         ), first AS (
           SELECT (min("timestamp") AT TIME ZONE 'UTC')::date AS day FROM emissions
            WHERE user_id = $1::uuid
         )
         SELECT
           NOT EXISTS ((SELECT * FROM raw EXCEPT SELECT * FROM rolled)
                       UNION ALL (SELECT * FROM rolled EXCEPT SELECT * FROM raw)) AS esg,
           (SELECT co2e_kg = (SELECT sum(co2_equivalent) FROM emissions WHERE user_id = $1::uuid)
                   AND activity_count = (SELECT count(*) FROM emissions WHERE user_id = $1::uuid)
              FROM leaderboard_user_period WHERE kind = 'a' AND user_id = $1::uuid) AS periods,
           (SELECT b.first_day = f.day AND b.baseline_kg = (
                     SELECT sum(co2_equivalent) FROM emissions WHERE user_id = $1::uuid
                        AND "timestamp" >= f.day::timestamp AT TIME ZONE 'UTC'
                        AND "timestamp" < (f.day + 30)::timestamp AT TIME ZONE 'UTC')
              FROM leaderboard_user_baseline b, first f WHERE b.user_id = $1::uuid)
           AND NOT EXISTS (
             SELECT 1 FROM leaderboard_user_period p, leaderboard_user_baseline b
              WHERE p.user_id = $1::uuid AND b.user_id = $1::uuid
                AND (p.baseline_first_day IS DISTINCT FROM b.first_day
                     OR p.baseline_rate IS DISTINCT FROM
                        leaderboard_rate_for(p.kind, p.period_start, b.first_day, b.baseline_kg)))
             AS baseline`,
        [ada],
      );
      return r;
    };
    const exact = { esg: true, periods: true, baseline: true };
    const days = ['2025-03-01', '2025-03-09', '2025-03-30', '2025-04-20'];
    const first = Array.from({ length: 40 }, (_, i) =>
      trip(0.1 * (i + 1), days[i % days.length], i % 3 === 0 ? { data_quality: 'estimated' } : {}),
    );
    await post(t, ada, [...first.map(ins), ins(trip(-1)), ins({ ...trip(2), org_id: org })]);
    expect(await rollupsExact()).toEqual(exact);
    // More inside the first 30 days, and after them.
    await post(t, ada, [ins(trip(3.3, '2025-03-05')), ins(trip(4.4, '2025-05-01'))]);
    expect(await rollupsExact()).toEqual(exact);
    // An earlier first day, then that day's only activity removed again.
    const earliest = trip(5.5, '2025-02-20');
    await post(t, ada, [ins(earliest), ins(trip(6.6, '2025-03-02'))]);
    expect(await rollupsExact()).toEqual(exact);
    await post(t, ada, [
      {
        mutation_id: randomUUID(),
        table: 'activities',
        op: 'delete',
        row: { activity_id: earliest.activity_id },
      },
      ins(trip(7.7, '2025-03-03')),
    ]);
    expect(await rollupsExact()).toEqual(exact);
  });
});
