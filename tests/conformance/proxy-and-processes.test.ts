/**
 * Scale-out paths: one server proxying /v1/shape to another's embedded endpoint (ELECTRIC_URL +
 * shared secret), and two server instances on one real Postgres waking each other's long-polls
 * through LISTEN/NOTIFY.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDb,
  openPostgres,
  usingPostgres,
  type Db,
  type TestDb,
} from '@eco-track/sync-server';
import {
  activityRow,
  addMember,
  insertActivity,
  insertOrg,
  insertUser,
  postMutations,
  startTestServer,
  type TestServer,
} from './harness.ts';
import { Replica, statusOf } from './replica.ts';

const SECRET = 'proxy-shared-secret-0123456789abcdef';

let t: TestDb;
const servers: TestServer[] = [];
const replicas: Replica[] = [];
const extraDbs: Db[] = [];
beforeAll(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  for (const r of replicas.splice(0)) r.stop();
  for (const s of servers.splice(0).reverse()) await s.close();
  for (const d of extraDbs.splice(0)) await d.close();
});
afterAll(() => t.drop());

async function server(db: Db, env: Record<string, string> = {}) {
  const s = await startTestServer(db, env);
  servers.push(s);
  return s;
}
function replica(s: TestServer, userId: string, opts: { params?: Record<string, string> } = {}) {
  const r = new Replica({ url: s.url, table: 'activities', token: () => s.token(userId), ...opts });
  replicas.push(r);
  return r;
}

describe('proxy mode (ELECTRIC_URL)', () => {
  it('authorises, derives the where, forwards to the upstream and streams its answer back', async () => {
    const upstream = await server(t.db, { SYNC_SHAPE_SECRET: SECRET });
    const proxy = await server(t.db, { ELECTRIC_URL: upstream.url, ELECTRIC_SECRET: SECRET });
    const ada = await insertUser(t.db);
    const bob = await insertUser(t.db);
    const mine = randomUUID();
    await postMutations(proxy, ada, [insertActivity(mine, 4)]);
    await postMutations(proxy, bob, [insertActivity(randomUUID(), 5)]);

    const raw = await fetch(`${proxy.url}/v1/shape?table=activities&offset=-1`, {
      headers: { authorization: `Bearer ${await proxy.token(ada)}` },
    });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('vary')).toMatch(/authorization/i);
    expect(raw.headers.get('electric-handle')).toBeTruthy();
    expect(raw.headers.get('content-encoding')).toBeNull();

    const r = replica(proxy, ada);
    await r.until((x) => x.upToDate);
    expect([...r.byId('activity_id').keys()]).toEqual([mine]);
    const live = randomUUID();
    const answer = await postMutations(upstream, ada, [insertActivity(live, 6)]);
    await r.until((x) => x.txids.has(answer.txid), 1000, 'a live change through the proxy');
    expect(r.byId('activity_id').has(live)).toBe(true);
  });

  it('refuses a client-sent where, and the upstream refuses it without the secret', async () => {
    const upstream = await server(t.db, { SYNC_SHAPE_SECRET: SECRET });
    const proxy = await server(t.db, { ELECTRIC_URL: upstream.url, ELECTRIC_SECRET: SECRET });
    const ada = await insertUser(t.db);
    const viaProxy = replica(proxy, ada, { params: { where: 'true' } });
    await viaProxy.until((x) => x.error !== undefined);
    expect(statusOf(viaProxy.error)).toBe(400);
    const direct = await fetch(
      `${upstream.url}/v1/shape?table=activities&offset=-1&where=${encodeURIComponent('"user_id" = $1')}&params[1]=${ada}`,
      { headers: { authorization: `Bearer ${await upstream.token(ada)}` } },
    );
    expect(direct.status).toBe(400);
  });

  it('re-syncs a user who joins an organisation: the derived where changes, the handle too', async () => {
    const upstream = await server(t.db, { SYNC_SHAPE_SECRET: SECRET });
    const proxy = await server(t.db, { ELECTRIC_URL: upstream.url, ELECTRIC_SECRET: SECRET });
    const owner = await insertUser(t.db);
    const joiner = await insertUser(t.db);
    const org = await insertOrg(t.db, owner);
    const shared = randomUUID();
    await postMutations(proxy, owner, [
      {
        mutation_id: randomUUID(),
        table: 'activities',
        op: 'insert',
        row: activityRow(shared, 1, org),
      },
    ]);
    const r = replica(proxy, joiner);
    await r.until((x) => x.upToDate);
    expect(r.rows.size).toBe(0);
    await addMember(t.db, org, joiner, 'member');
    await r.until((x) => x.byId('activity_id').has(shared), 10_000, 'the organisation rows');
    expect(r.refetches).toBeGreaterThanOrEqual(1);
  });
});

describe.skipIf(!usingPostgres())('two server instances on one Postgres', () => {
  it("wakes one instance's long-polls with a write made through the other", async () => {
    const url = t.url ?? '';
    const dbA = await openPostgres(url, 4);
    const dbB = await openPostgres(url, 4);
    extraDbs.push(dbA, dbB);
    const a = await server(dbA, { SYNC_LONG_POLL_MS: '20000' });
    const b = await server(dbB, { SYNC_LONG_POLL_MS: '20000' });
    const ada = await insertUser(t.db);
    const onA = replica(a, ada);
    const onB = replica(b, ada);
    await Promise.all([onA.until((x) => x.upToDate), onB.until((x) => x.upToDate)]);
    // Let both long-polls park before writing.
    await new Promise((r) => setTimeout(r, 200));
    for (const [writer, reader] of [
      [b, onA],
      [a, onB],
    ] as const) {
      const id = randomUUID();
      const started = Date.now();
      const answer = await postMutations(writer, ada, [insertActivity(id, 1)]);
      await reader.until((x) => x.txids.has(answer.txid), 1000, 'a change from the other instance');
      expect(Date.now() - started).toBeLessThan(1000);
    }
  });
});
