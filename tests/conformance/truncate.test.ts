/**
 * TRUNCATE of a synced table, seen by the unmodified @electric-sql/client: every shape of the
 * table answers 409 must-refetch (held long-polls at once), so replicas drop the truncated rows
 * and re-sync. Runs on PGlite by default and on Postgres with DATABASE_URL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@eco-track/sync-server';
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
import { Replica } from './replica.ts';

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

function replica(userId: string, extra: Partial<ConstructorParameters<typeof Replica>[0]> = {}) {
  const r = new Replica({
    url: server.url,
    table: 'activities',
    token: () => server.token(userId),
    ...extra,
  });
  replicas.push(r);
  return r;
}
const ids = (r: Replica) => [...r.byId('activity_id').keys()].sort();
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('TRUNCATE of a synced table', () => {
  it('reaches held long-polls within 1 s and resumed clients as a re-sync', async () => {
    const ada = await insertUser(t.db);
    const bob = await insertUser(t.db);
    await postMutations(server, ada, [
      insertActivity(randomUUID(), 1),
      insertActivity(randomUUID(), 2),
    ]);
    await postMutations(server, bob, [insertActivity(randomUUID(), 3)]);
    const live = replica(ada);
    const old = replica(bob);
    await Promise.all([
      live.until((x) => x.upToDate && x.rows.size === 2),
      old.until((x) => x.upToDate && x.rows.size === 1),
    ]);
    const stored = { offset: old.offset, handle: old.handle ?? '' };
    old.stop();
    await wait(300); // the live replica is now held in a long-poll (held up to 5 s)

    const started = Date.now();
    await t.db.exec('TRUNCATE activities CASCADE');
    await live.until((x) => x.refetches === 1 && x.upToDate && x.rows.size === 0, 1000);
    expect(Date.now() - started).toBeLessThan(1000);

    // Rows written after the truncation arrive as usual, and a client that stored its offset
    // and handle before it re-syncs instead of resuming over the vanished rows.
    const after = randomUUID();
    await postMutations(server, ada, [insertActivity(after, 4)]);
    await live.until((x) => x.rows.size === 1);
    expect(ids(live)).toEqual([after]);
    const resumed = replica(bob, stored);
    await resumed.until((x) => x.refetches === 1 && x.upToDate, 5000, 'a re-sync');
    expect(resumed.rows.size).toBe(0);
    expect(resumed.handle).not.toBe(stored.handle);
    expect(live.refetches).toBe(1);
  });

  it('of memberships takes organisation rows from former members', async () => {
    const owner = await insertUser(t.db);
    const member = await insertUser(t.db);
    const org = await insertOrg(t.db, owner);
    await addMember(t.db, org, member, 'member');
    const shared = randomUUID();
    const own = randomUUID();
    await postMutations(server, owner, [
      {
        mutation_id: randomUUID(),
        table: 'activities',
        op: 'insert',
        row: activityRow(shared, 5, org),
      },
    ]);
    await postMutations(server, member, [insertActivity(own, 6)]);
    const r = replica(member);
    await r.until((x) => x.upToDate && x.rows.size === 2);
    await wait(300);
    await t.db.exec('TRUNCATE memberships');
    await r.until((x) => x.refetches === 1 && x.upToDate && x.rows.size === 1, 1000);
    expect(ids(r)).toEqual([own]);
  });
});
