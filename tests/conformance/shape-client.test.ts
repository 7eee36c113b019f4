/**
 * Protocol conformance: the unmodified @electric-sql/client ShapeStream against our server over
 * HTTP. Runs on PGlite by default and on Postgres with DATABASE_URL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compact, createTestDb, type TestDb } from '@eco-track/sync-server';
import {
  activityRow,
  addMember,
  deleteActivity,
  insertActivity,
  insertOrg,
  insertUser,
  postMutations,
  startTestServer,
  updateActivity,
  type TestServer,
} from './harness.ts';
import { Replica, statusOf } from './replica.ts';

let t: TestDb;
let server: TestServer;
const replicas: Replica[] = [];
beforeAll(async () => {
  t = await createTestDb();
  server = await startTestServer(t.db);
});
afterEach(() => {
  for (const r of replicas.splice(0)) r.stop();
});
afterAll(async () => {
  await server.close();
  await t.drop();
});

function replica(
  userId: string,
  table = 'activities',
  extra: Partial<ConstructorParameters<typeof Replica>[0]> = {},
) {
  const r = new Replica({ url: server.url, table, token: () => server.token(userId), ...extra });
  replicas.push(r);
  return r;
}
const amountOf = (r: Replica, id: string) => r.byId('activity_id').get(id)?.amount;

describe('the real ShapeStream against /v1/shape', () => {
  it('syncs the snapshot and reaches up-to-date, values typed by the schema header', async () => {
    const ada = await insertUser(t.db);
    const id = randomUUID();
    await postMutations(server, ada, [insertActivity(id, 12.5)]);
    await t.db.query(`UPDATE users SET leaderboard_opt_in = true WHERE user_id = $1::uuid`, [ada]);
    await t.db.query(
      `INSERT INTO reports (report_id, user_id, report_type, start_date, end_date, data)
       VALUES (gen_random_uuid(), $1::uuid, 'ESG Report', '2025-01-01', '2025-12-31', '{"scope1": [1.5, null]}')`,
      [ada],
    );
    const activities = replica(ada);
    const users = replica(ada, 'users');
    const reports = replica(ada, 'reports');
    const factors = replica(ada, 'emission_factors');
    for (const r of [activities, users, reports, factors]) await r.until((x) => x.upToDate);
    const row = activities.byId('activity_id').get(id);
    expect(row).toMatchObject({ amount: '12.5', unit: 'km', org_id: null, description: null });
    expect(row?.timestamp).toBe('2025-03-01 08:00:00+00');
    expect(users.byId('user_id').get(ada)?.leaderboard_opt_in).toBe(true);
    expect(users.rows.size).toBe(1);
    const report = [...reports.rows.values()][0];
    expect(report?.data).toEqual({ scope1: [1.5, null] });
    expect(report?.version).toBe(1);
    expect(report?.start_date).toBe('2025-01-01');
    const anyFactor = [...factors.rows.values()].find((f) => f.co2_kg !== null);
    expect(typeof anyFactor?.co2_kg).toBe('number');
    expect(typeof anyFactor?.year).toBe('number');
    const [{ n }] = (await t.db.query(`SELECT count(*)::int AS n FROM emission_factors`)) as [
      { n: number },
    ];
    expect(factors.rows.size).toBe(n);
  });

  it('delivers live inserts, updates and deletes within 1 s, with the mutation API txid', async () => {
    const ada = await insertUser(t.db);
    const r = replica(ada);
    await r.until((x) => x.upToDate);
    const id = randomUUID();
    for (const [m, check] of [
      [insertActivity(id, 10), () => amountOf(r, id) === '10'],
      [updateActivity(id, 20), () => amountOf(r, id) === '20'],
      [deleteActivity(id), () => !r.byId('activity_id').has(id)],
    ] as const) {
      const started = Date.now();
      const answer = await postMutations(server, ada, [m]);
      expect(answer.results[0]?.status).toBe('applied');
      await r.until((x) => check() && x.txids.has(answer.txid), 1000, `${m.op} with its txid`);
      expect(Date.now() - started).toBeLessThan(1000);
    }
  });

  it('resumes from a stored offset and handle without receiving the snapshot again', async () => {
    const ada = await insertUser(t.db);
    await postMutations(server, ada, [
      insertActivity(randomUUID(), 1),
      insertActivity(randomUUID(), 2),
    ]);
    const first = replica(ada);
    await first.until((x) => x.upToDate && x.rows.size === 2);
    const { offset, handle } = first;
    first.stop();
    const later = randomUUID();
    await postMutations(server, ada, [insertActivity(later, 3)]);
    const resumed = replica(ada, 'activities', { offset, handle: handle ?? '' });
    await resumed.until((x) => x.byId('activity_id').has(later));
    const inserts = resumed.received.filter((m) => 'key' in m);
    expect(inserts).toHaveLength(1);
    expect(resumed.refetches).toBe(0);
  });

  it('answers a client behind compaction with 409 and the stream re-syncs everything', async () => {
    const ada = await insertUser(t.db);
    const a = randomUUID();
    await postMutations(server, ada, [insertActivity(a, 1)]);
    const first = replica(ada);
    await first.until((x) => x.upToDate);
    const { offset, handle } = first;
    first.stop();
    const b = randomUUID();
    await postMutations(server, ada, [insertActivity(b, 2)]);
    await new Promise((r) => setTimeout(r, 50));
    expect(await compact(t.db, 0)).toBeGreaterThan(0);
    const resumed = replica(ada, 'activities', { offset, handle: handle ?? '' });
    await resumed.until((x) => x.upToDate && x.rows.size === 2, 5000, 'a full re-sync');
    expect(resumed.refetches).toBe(1);
    expect(resumed.handle).not.toBe(handle);
    expect([...resumed.byId('activity_id').keys()].sort()).toEqual([a, b].sort());
  });

  it("never gives user B user A's rows", async () => {
    const a = await insertUser(t.db);
    const b = await insertUser(t.db);
    const ra = replica(a);
    const rb = replica(b);
    await Promise.all([ra.until((x) => x.upToDate), rb.until((x) => x.upToDate)]);
    const mine = randomUUID();
    await postMutations(server, a, [
      insertActivity(randomUUID(), 1),
      insertActivity(randomUUID(), 2),
    ]);
    const answer = await postMutations(server, b, [insertActivity(mine, 3)]);
    await rb.until((x) => x.txids.has(answer.txid));
    await ra.until((x) => x.rows.size === 2);
    expect([...rb.byId('activity_id').keys()]).toEqual([mine]);
    expect(ra.byId('activity_id').has(mine)).toBe(false);
  });

  it('gives organisation rows to its members and no one else', async () => {
    const owner = await insertUser(t.db);
    const member = await insertUser(t.db);
    const outsider = await insertUser(t.db);
    const org = await insertOrg(t.db, owner);
    await addMember(t.db, org, member, 'member');
    const rm = replica(member);
    const ro = replica(outsider);
    await Promise.all([rm.until((x) => x.upToDate), ro.until((x) => x.upToDate)]);
    const shared = randomUUID();
    const answer = await postMutations(server, owner, [
      {
        mutation_id: randomUUID(),
        table: 'activities',
        op: 'insert',
        row: activityRow(shared, 5, org),
      },
      insertActivity(randomUUID(), 6),
    ]);
    await rm.until((x) => x.txids.has(answer.txid), 1000, 'the organisation row');
    expect([...rm.byId('activity_id').keys()]).toEqual([shared]);
    const probe = await postMutations(server, outsider, [insertActivity(randomUUID(), 7)]);
    await ro.until((x) => x.txids.has(probe.txid));
    expect(ro.byId('activity_id').has(shared)).toBe(false);
    expect(ro.txids.has(answer.txid)).toBe(false);
  });

  it('answers malformed or forbidden parameters with 400, which the stream reports', async () => {
    const ada = await insertUser(t.db);
    const cases: Record<string, string>[] = [
      { where: 'true' },
      { columns: 'activity_id' },
      { table: 'refresh_tokens' },
    ];
    for (const params of cases) {
      const r = replica(ada, 'activities', { params });
      await r.until((x) => x.error !== undefined, 5000, `an error for ${JSON.stringify(params)}`);
      expect(statusOf(r.error)).toBe(400);
    }
  });
});
