import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeMessage } from '@eco-track/shared-schema';
import { compact } from './publisher.ts';
import { createSyncTestApp, type SyncTestApp } from './sync-test-app.ts';
import { insertActivity, insertUser } from './test-fixtures.ts';
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

type Msg = ChangeMessage | { headers: { control: string; global_last_seen_lsn?: string } };
const body = async (res: Response) => (await res.json()) as Msg[];
const changes = (msgs: Msg[]) => msgs.filter((m): m is ChangeMessage => 'key' in m);
const isUpToDate = (m: Msg | undefined) =>
  !!m && !('key' in m) && m.headers.control === 'up-to-date';

async function initial(app: SyncTestApp, userId: string, table = 'activities') {
  const res = await app.shape({ table, offset: '-1' }, userId);
  expect(res.status).toBe(200);
  return {
    res,
    handle: res.headers.get('electric-handle') ?? '',
    offset: res.headers.get('electric-offset') ?? '',
    msgs: await body(res),
  };
}

describe('GET /v1/shape: snapshot and catch-up', () => {
  it('answers a snapshot of own rows as Postgres text, with every header the client needs', async () => {
    t = await createSyncTestApp();
    const ada = await insertUser(t.db);
    const id = await insertActivity(t.db, ada, { amount: 12.5, description: 'a/b' });
    const { res, msgs, handle, offset } = await initial(t, ada);
    expect(handle).toMatch(/^[0-9a-f]{20}-\d+$/);
    expect(offset).toMatch(/^\d+_0$/);
    expect(res.headers.get('electric-up-to-date')).toBe('');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('vary')).toMatch(/authorization/i);
    expect(res.headers.get('electric-cursor')).toBeNull();
    const schema = JSON.parse(res.headers.get('electric-schema') ?? '{}');
    expect(schema.activity_id).toEqual({ type: 'uuid', not_null: true, pk_index: 0 });
    expect(schema.amount).toEqual({ type: 'numeric', not_null: true });
    const [row] = changes(msgs);
    expect(row?.key).toBe(`"public"."activities"/"${id}"`);
    expect(row?.headers).toEqual({ operation: 'insert', relation: ['public', 'activities'] });
    expect(row?.value.amount).toBe('12.5');
    expect(row?.value.timestamp).toBe('2025-03-01 09:12:44.123+00');
    expect(row?.value.org_id).toBeNull();
    expect(isUpToDate(msgs.at(-1))).toBe(true);
  });

  it('serves inserts, partial updates and deletes after an offset, with numeric txids', async () => {
    t = await createSyncTestApp();
    const ada = await insertUser(t.db);
    const first = await initial(t, ada);
    const id = await insertActivity(t.db, ada);
    const [{ txid }] = (await t.db.query(
      `SELECT (txid % 4294967296)::int AS txid FROM sync_changes WHERE tbl = 'activities'`,
    )) as [{ txid: number }];
    await t.db.query(`UPDATE activities SET amount = 99 WHERE activity_id = $1::uuid`, [id]);
    await t.db.query(`DELETE FROM activities WHERE activity_id = $1::uuid`, [id]);
    await t.runtime.feed.flush();
    const res = await t.shape(
      { table: 'activities', offset: first.offset, handle: first.handle },
      ada,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('electric-schema')).not.toBeNull();
    const msgs = await body(res);
    const [ins, upd, del] = changes(msgs);
    expect(ins?.headers.operation).toBe('insert');
    expect(ins?.headers.txids).toEqual([txid]);
    expect(ins?.headers.last).toBe(true);
    expect(typeof ins?.headers.lsn).toBe('string');
    expect(upd?.headers.operation).toBe('update');
    expect(Object.keys(upd?.value ?? {}).sort()).toEqual(['activity_id', 'amount', 'updated_at']);
    expect(upd?.value.amount).toBe('99');
    expect(del?.headers.operation).toBe('delete');
    expect(del?.value).toEqual({ activity_id: id });
    expect(isUpToDate(msgs.at(-1))).toBe(true);
    const next = res.headers.get('electric-offset') ?? '';
    // Resuming from the returned offset sends nothing again.
    const again = await t.shape({ table: 'activities', offset: next, handle: first.handle }, ada);
    expect(changes(await body(again))).toEqual([]);
  });

  it('sends a large snapshot in chunks that join the log without losing a row', async () => {
    t = await createSyncTestApp({}, { limits: { snapshotChunkRows: 3 } });
    const ada = await insertUser(t.db);
    const ids = new Set<string>();
    for (let i = 0; i < 7; i++) ids.add(await insertActivity(t.db, ada));
    const first = await initial(t, ada);
    expect(first.offset).toMatch(/^\d+_s[0-9a-f]{32}$/);
    expect(first.res.headers.get('electric-up-to-date')).toBeNull();
    const seen = new Set(changes(first.msgs).map((m) => m.value.activity_id));
    // A change between chunks arrives through the log after the snapshot.
    const late = await insertActivity(t.db, ada);
    await t.runtime.feed.flush();
    let offset = first.offset;
    for (let i = 0; i < 10; i++) {
      const res = await t.shape({ table: 'activities', offset, handle: first.handle }, ada);
      expect(res.headers.get('electric-handle')).toBe(first.handle);
      const msgs = await body(res);
      for (const m of changes(msgs)) seen.add(m.value.activity_id);
      offset = res.headers.get('electric-offset') ?? '';
      if (isUpToDate(msgs.at(-1))) break;
    }
    expect(seen).toEqual(new Set([...ids, late]));
  });

  it('answers a snapshot with a small first chunk, then full ones', async () => {
    t = await createSyncTestApp({}, { limits: { firstChunkRows: 2, snapshotChunkRows: 5 } });
    const ada = await insertUser(t.db);
    const ids = new Set<string>();
    for (let i = 0; i < 9; i++) ids.add(await insertActivity(t.db, ada));
    const first = await initial(t, ada);
    const sizes = [changes(first.msgs).length];
    const seen = new Set(changes(first.msgs).map((m) => m.value.activity_id));
    let offset = first.offset;
    for (let i = 0; i < 10; i++) {
      const res = await t.shape({ table: 'activities', offset, handle: first.handle }, ada);
      offset = res.headers.get('electric-offset') ?? '';
      const msgs = await body(res);
      if (changes(msgs).length) sizes.push(changes(msgs).length);
      for (const m of changes(msgs)) seen.add(m.value.activity_id);
      if (isUpToDate(msgs.at(-1))) break;
    }
    expect(sizes).toEqual([2, 5, 2]);
    expect(seen).toEqual(ids);
  });

  it('compresses a large chunk for a client that accepts it, and only then', async () => {
    t = await createSyncTestApp();
    const ada = await insertUser(t.db);
    for (let i = 0; i < 60; i++) await insertActivity(t.db, ada);
    const get = async (acceptEncoding?: string) =>
      t!.app.request('/v1/shape?table=activities&offset=-1', {
        headers: {
          authorization: `Bearer ${await t!.token(ada)}`,
          ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
        },
      });
    const plain = await get();
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toMatch(/accept-encoding/i);
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(16 * 1024);
    const gz = await get('gzip, deflate');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const bytes = Buffer.from(await gz.arrayBuffer());
    expect(bytes.length).toBeLessThan(text.length / 4);
    expect(gunzipSync(bytes).toString()).toBe(text);
    const br = await get('gzip, deflate, br');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(text);
    // A live answer of a few changes is not worth compressing.
    const now = await t.shape({ table: 'activities', offset: 'now' }, ada);
    expect(now.headers.get('content-encoding')).toBeNull();
  });

  it('answers offset=now with the head and up-to-date only', async () => {
    t = await createSyncTestApp();
    const ada = await insertUser(t.db);
    await insertActivity(t.db, ada);
    const res = await t.shape({ table: 'activities', offset: 'now' }, ada);
    const msgs = await body(res);
    expect(msgs).toHaveLength(1);
    expect(isUpToDate(msgs[0])).toBe(true);
    expect(res.headers.get('electric-handle')).toBeTruthy();
  });
});

describe('GET /v1/shape: live long-polls', () => {
  it('holds a live request and answers as soon as a change commits', async () => {
    t = await createSyncTestApp({ SYNC_LONG_POLL_MS: '20000' });
    const ada = await insertUser(t.db);
    const first = await initial(t, ada);
    const started = Date.now();
    const pending = t.shape(
      { table: 'activities', offset: first.offset, handle: first.handle, live: 'true', cursor: '' },
      ada,
    );
    await new Promise((r) => setTimeout(r, 150));
    const id = await insertActivity(t.db, ada);
    const res = await pending;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(res.headers.get('electric-cursor')).toMatch(/^\d+$/);
    expect(res.headers.get('electric-schema')).toBeNull();
    const msgs = await body(res);
    expect(changes(msgs).map((m) => m.value.activity_id)).toEqual([id]);
    expect(isUpToDate(msgs.at(-1))).toBe(true);
  });

  it('times out with 200 [up-to-date], a cursor and an offset that loses nothing', async () => {
    t = await createSyncTestApp({ SYNC_LONG_POLL_MS: '300' });
    const ada = await insertUser(t.db);
    const bob = await insertUser(t.db);
    const first = await initial(t, ada);
    await insertActivity(t.db, bob); // not in Ada's shape
    await t.runtime.feed.flush();
    const res = await t.shape(
      { table: 'activities', offset: first.offset, handle: first.handle, live: 'true', cursor: '' },
      ada,
    );
    expect(res.status).toBe(200);
    const msgs = await body(res);
    expect(msgs).toHaveLength(1);
    expect(isUpToDate(msgs[0])).toBe(true);
    expect(res.headers.get('electric-cursor')).toMatch(/^\d+$/);
    expect(res.headers.get('electric-up-to-date')).toBe('');
  });

  it('answers held long-polls at once when the server shuts down', async () => {
    t = await createSyncTestApp({ SYNC_LONG_POLL_MS: '20000' });
    const ada = await insertUser(t.db);
    const first = await initial(t, ada);
    const started = Date.now();
    const pending = t.shape(
      { table: 'activities', offset: first.offset, handle: first.handle, live: 'true', cursor: '' },
      ada,
    );
    await new Promise((r) => setTimeout(r, 100));
    t.shutdown.abort();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(isUpToDate((await body(res))[0])).toBe(true);
  });
});

describe('GET /v1/shape: refusals and must-refetch', () => {
  it('refuses malformed and unsupported parameters with 400 and a detail', async () => {
    t = await createSyncTestApp();
    const ada = await insertUser(t.db);
    const cases: Record<string, string>[] = [
      { offset: '-1' },
      { table: 'refresh_tokens', offset: '-1' },
      { table: 'activities' },
      { table: 'activities', offset: 'abc' },
      { table: 'activities', offset: '5_0' },
      { table: 'activities', offset: '-1', live: 'true' },
      { table: 'activities', offset: '-1', where: 'true' },
      { table: 'activities', offset: '-1', 'params[1]': 'x' },
      { table: 'activities', offset: '-1', columns: '"activity_id"' },
      { table: 'activities', offset: '-1', live_sse: 'true' },
      { table: 'activities', offset: '-1', subset__where: 'true' },
      { table: 'activities', offset: '-1', log: 'changes_only' },
      { table: 'activities', offset: '-1', replica: 'full' },
    ];
    for (const params of cases) {
      const res = await t.shape(params, ada);
      expect(res.status, JSON.stringify(params)).toBe(400);
      expect(((await res.json()) as { detail: string }).detail).toBeTruthy();
    }
  });

  it('answers 401 without a token for private tables, and serves public catalogues', async () => {
    t = await createSyncTestApp();
    expect((await t.shape({ table: 'activities', offset: '-1' })).status).toBe(401);
    expect((await t.shape({ table: 'emission_factors', offset: '-1' })).status).toBe(200);
  });

  it('answers 409 with a new handle for an unknown handle, and ignores handles at -1', async () => {
    t = await createSyncTestApp();
    const ada = await insertUser(t.db);
    const first = await initial(t, ada);
    const stale = `${'0'.repeat(20)}-1`;
    const res = await t.shape({ table: 'activities', offset: first.offset, handle: stale }, ada);
    expect(res.status).toBe(409);
    const [hash] = first.handle.split('-');
    expect(res.headers.get('electric-handle')).toMatch(new RegExp(`^${hash}-\\d+$`));
    expect(await res.json()).toEqual([{ headers: { control: 'must-refetch' } }]);
    const fresh = await t.shape({ table: 'activities', offset: '-1', handle: stale }, ada);
    expect(fresh.status).toBe(200);
  });

  it('answers 409 to a client whose offset fell behind compaction, then re-syncs it', async () => {
    t = await createSyncTestApp();
    const ada = await insertUser(t.db);
    await insertActivity(t.db, ada);
    const first = await initial(t, ada);
    await insertActivity(t.db, ada);
    await t.runtime.feed.flush();
    expect(await compact(t.db, 0)).toBeGreaterThan(0);
    const res = await t.shape(
      { table: 'activities', offset: first.offset, handle: first.handle },
      ada,
    );
    expect(res.status).toBe(409);
    const next = res.headers.get('electric-handle');
    expect(next).toBeTruthy();
    expect(next).not.toBe(first.handle);
    const again = await initial(t, ada);
    expect(changes(again.msgs)).toHaveLength(2);
  });
});

describe('OPTIONS /v1/shape', () => {
  it('allows the Authorization header cross-origin and exposes the electric headers', async () => {
    t = await createSyncTestApp();
    const res = await t.app.request('/v1/shape', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    const ada = await insertUser(t.db);
    const get = await t.app.request('/v1/shape?table=activities&offset=-1', {
      headers: { origin: 'https://app.example', authorization: `Bearer ${await t.token(ada)}` },
    });
    expect(get.headers.get('access-control-expose-headers')).toMatch(/electric-offset/);
  });
});
