import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYNCED_TABLES, type ChangeMessage } from '@eco-track/shared-schema';
import { createSyncTestApp, type SyncTestApp } from './sync-test-app.ts';
import { deriveWhere } from './shape-where.ts';
import { addMember, insertActivity, insertOrg, insertUser } from './test-fixtures.ts';
import { createTestDb } from '../testing/test-db.ts';

// The first test database of a worker builds the migrated image (slow): not inside a test.
beforeAll(async () => {
  await (await createTestDb()).drop();
});

let t: SyncTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

type Msg = ChangeMessage | { headers: { control: string } };
const changes = async (res: Response) =>
  ((await res.json()) as Msg[]).filter((m): m is ChangeMessage => 'key' in m);

async function sync(app: SyncTestApp, userId: string, table = 'activities') {
  const res = await app.shape({ table, offset: '-1' }, userId);
  expect(res.status).toBe(200);
  return {
    handle: res.headers.get('electric-handle') ?? '',
    offset: res.headers.get('electric-offset') ?? '',
    rows: await changes(res),
  };
}

describe('shape visibility', () => {
  it("never gives user B user A's rows, in the snapshot or in the log", async () => {
    t = await createSyncTestApp();
    const a = await insertUser(t.db);
    const b = await insertUser(t.db);
    await insertActivity(t.db, a);
    const bShape = await sync(t, b);
    expect(bShape.rows).toEqual([]);
    await insertActivity(t.db, a);
    const mine = await insertActivity(t.db, b);
    await t.runtime.feed.flush();
    const res = await t.shape(
      { table: 'activities', offset: bShape.offset, handle: bShape.handle },
      b,
    );
    expect((await changes(res)).map((m) => m.value.activity_id)).toEqual([mine]);
    const users = await sync(t, b, 'users');
    expect(users.rows.map((m) => m.value.user_id)).toEqual([b]);
    expect(Object.keys(users.rows[0]?.value ?? {})).not.toContain('password_hash');
  });

  it("gives organisation rows to its members only, and viewers only the organisation's reports", async () => {
    t = await createSyncTestApp();
    const owner = await insertUser(t.db);
    const member = await insertUser(t.db);
    const viewer = await insertUser(t.db);
    const outsider = await insertUser(t.db);
    const org = await insertOrg(t.db, owner);
    await addMember(t.db, org, member, 'member');
    await addMember(t.db, org, viewer, 'viewer');
    const shared = await insertActivity(t.db, owner, { orgId: org });
    await insertActivity(t.db, owner); // personal: the owner's alone
    await t.db.query(
      `INSERT INTO reports (report_id, user_id, org_id, report_type, start_date, end_date)
       VALUES (gen_random_uuid(), $1::uuid, $2::uuid, 'ESG Report', '2025-01-01', '2025-12-31')`,
      [owner, org],
    );
    expect((await sync(t, member)).rows.map((m) => m.value.activity_id)).toEqual([shared]);
    expect((await sync(t, viewer)).rows).toEqual([]);
    expect((await sync(t, viewer, 'reports')).rows).toHaveLength(1);
    expect((await sync(t, outsider)).rows).toEqual([]);
    expect((await sync(t, outsider, 'reports')).rows).toEqual([]);
    expect((await sync(t, outsider, 'organizations')).rows).toEqual([]);
    expect((await sync(t, viewer, 'memberships')).rows).toHaveLength(3);
  });

  it('pages a member through their own and their organisations rows: each once, in key order', async () => {
    t = await createSyncTestApp({}, { limits: { snapshotChunkRows: 3 } });
    const me = await insertUser(t.db);
    const colleague = await insertUser(t.db);
    const stranger = await insertUser(t.db);
    const org = await insertOrg(t.db, colleague);
    const other = await insertOrg(t.db, stranger);
    await addMember(t.db, org, me, 'member');
    const visible: string[] = [];
    for (let i = 0; i < 4; i++) {
      visible.push(await insertActivity(t.db, me)); // mine, personal
      visible.push(await insertActivity(t.db, me, { orgId: org })); // mine and the org's: once
      visible.push(await insertActivity(t.db, colleague, { orgId: org }));
      await insertActivity(t.db, colleague); // the colleague's personal rows: not mine to see
      await insertActivity(t.db, stranger, { orgId: other });
    }
    const got: string[] = [];
    let offset = '-1';
    let handle = '';
    for (let i = 0; i < 20; i++) {
      const res = await t.shape({ table: 'activities', offset, ...(handle ? { handle } : {}) }, me);
      expect(res.status).toBe(200);
      const rows = await changes(res);
      expect(rows.length).toBeLessThanOrEqual(3);
      got.push(...rows.map((m) => String(m.value.activity_id)));
      offset = res.headers.get('electric-offset') ?? '';
      handle = res.headers.get('electric-handle') ?? '';
      if (res.headers.has('electric-up-to-date')) break;
    }
    expect(got).toEqual([...visible].sort());
  });

  it('turns a row leaving a shape into a delete there and a row entering it into a full insert', async () => {
    t = await createSyncTestApp();
    const owner = await insertUser(t.db);
    const member = await insertUser(t.db);
    const org = await insertOrg(t.db, owner);
    await addMember(t.db, org, member, 'member');
    const id = await insertActivity(t.db, owner, { orgId: org });
    const s = await sync(t, member);
    await t.db.query(`UPDATE activities SET org_id = NULL WHERE activity_id = $1::uuid`, [id]);
    await t.db.query(`UPDATE activities SET org_id = $2::uuid WHERE activity_id = $1::uuid`, [
      id,
      org,
    ]);
    await t.runtime.feed.flush();
    const res = await t.shape({ table: 'activities', offset: s.offset, handle: s.handle }, member);
    const [out, back] = await changes(res);
    expect(out?.headers.operation).toBe('delete');
    expect(out?.value).toEqual({ activity_id: id });
    expect(back?.headers.operation).toBe('insert');
    expect(back?.value.amount).toBe('10');
    expect(Object.keys(back?.value ?? {})).toHaveLength(SYNCED_TABLES.activities.columns.length);
  });

  it("rotates a user's organisation shapes (409) when they join, so they receive its rows", async () => {
    t = await createSyncTestApp({ SYNC_LONG_POLL_MS: '20000' });
    const owner = await insertUser(t.db);
    const joiner = await insertUser(t.db);
    const org = await insertOrg(t.db, owner);
    const shared = await insertActivity(t.db, owner, { orgId: org });
    const before = await sync(t, joiner);
    expect(before.rows).toEqual([]);
    const started = Date.now();
    const held = t.shape(
      {
        table: 'activities',
        offset: before.offset,
        handle: before.handle,
        live: 'true',
        cursor: '',
      },
      joiner,
    );
    await new Promise((r) => setTimeout(r, 150));
    await addMember(t.db, org, joiner, 'member');
    const res = await held;
    expect(res.status).toBe(409);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(res.headers.get('electric-handle')).not.toBe(before.handle);
    const after = await sync(t, joiner);
    expect(after.rows.map((m) => m.value.activity_id)).toEqual([shared]);
    // Own-row shapes are unaffected by memberships.
    const users = await sync(t, joiner, 'users');
    const ok = await t.shape(
      { table: 'users', offset: users.offset, handle: users.handle },
      joiner,
    );
    expect(ok.status).toBe(200);
  });
  it('answers the next request after a membership change with 409, also when not long-polling', async () => {
    t = await createSyncTestApp();
    const owner = await insertUser(t.db);
    const leaver = await insertUser(t.db);
    const org = await insertOrg(t.db, owner);
    await addMember(t.db, org, leaver, 'member');
    await insertActivity(t.db, owner, { orgId: org });
    const s = await sync(t, leaver);
    expect(s.rows).toHaveLength(1);
    // Served once more from this process's memory of the shape...
    const ok = await t.shape({ table: 'activities', offset: s.offset, handle: s.handle }, leaver);
    expect(ok.status).toBe(200);
    await t.db.query('DELETE FROM memberships WHERE user_id = $1::uuid', [leaver]);
    await t.runtime.feed.flush();
    // ...until the log shows the membership change.
    const gone = await t.shape({ table: 'activities', offset: s.offset, handle: s.handle }, leaver);
    expect(gone.status).toBe(409);
    expect((await sync(t, leaver)).rows).toEqual([]);
  });
});

describe('where clauses', () => {
  const secret = 'shape-secret-for-tests-0123456789';

  it('accepts the server-derived where only with the shared secret', async () => {
    t = await createSyncTestApp({ SYNC_SHAPE_SECRET: secret });
    const a = await insertUser(t.db);
    const b = await insertUser(t.db);
    const id = await insertActivity(t.db, a);
    await insertActivity(t.db, b);
    const { where, params } = deriveWhere(SYNCED_TABLES.activities, {
      userId: a,
      orgIds: new Set(),
    });
    const q = {
      table: 'activities',
      offset: '-1',
      where: where ?? '',
      'params[1]': params[0] ?? '',
    };
    const trusted = await t.shape({ ...q, secret });
    expect(trusted.status).toBe(200);
    expect((await changes(trusted)).map((m) => m.value.activity_id)).toEqual([id]);
    expect((await t.shape(q, b)).status).toBe(400);
    expect((await t.shape({ ...q, secret: 'x'.repeat(34) })).status).toBe(401);
    const widened = await t.shape({ ...q, where: 'true', secret });
    expect(widened.status).toBe(400);
    const noWhere = await t.shape({ table: 'activities', offset: '-1', secret });
    expect(noWhere.status).toBe(400);
  });
});
