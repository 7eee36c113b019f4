import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeMessage, TextRow } from '@eco-track/shared-schema';
import { createTestDb, usingPostgres } from '../testing/test-db.ts';
import { PUBLISH_LOCK_KEY } from './publisher.ts';
import { withTextSettings } from './shape-snapshot.ts';
import { createSyncTestApp, type SyncTestApp } from './sync-test-app.ts';
import { insertActivity, insertUser } from './test-fixtures.ts';

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
const changes = (msgs: Msg[]) => msgs.filter((m): m is ChangeMessage => 'key' in m);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Synced {
  /** Every change message received, in order, and whether it came in a snapshot chunk. */
  received: { m: ChangeMessage; snapshot: boolean }[];
  /** The rows as a replica that applies them as Electric's Shape does. */
  replica: Map<string, TextRow>;
  offset: string;
  handle: string;
}

/** Syncs like the client: chunks until up-to-date; `between` runs after each response. */
async function sync(app: SyncTestApp, userId: string, between: () => Promise<void>) {
  const out: Synced = { received: [], replica: new Map(), offset: '-1', handle: '' };
  let { offset, handle } = out;
  for (let i = 0; i < 50; i++) {
    const res = await app.shape(
      { table: 'activities', offset, ...(handle ? { handle } : {}) },
      userId,
    );
    expect(res.status).toBe(200);
    const snapshot = offset === '-1' || /_s/.test(offset);
    for (const m of changes((await res.json()) as Msg[])) {
      out.received.push({ m, snapshot });
      const key = m.key;
      const had = out.replica.get(key);
      if (m.headers.operation === 'insert') out.replica.set(key, { ...m.value });
      else if (m.headers.operation === 'update' && had)
        out.replica.set(key, { ...had, ...m.value });
      else if (m.headers.operation === 'delete') out.replica.delete(key);
    }
    offset = res.headers.get('electric-offset') ?? '';
    handle = res.headers.get('electric-handle') ?? '';
    if (res.headers.has('electric-up-to-date')) return { ...out, offset, handle };
    await between();
  }
  throw new Error('never up to date');
}

async function serverRows(app: SyncTestApp): Promise<Map<string, TextRow>> {
  const rows = await app.db.transaction(async (tx) => {
    await withTextSettings(tx);
    return tx.query<TextRow>(
      `SELECT activity_id::text AS activity_id, amount::text AS amount, description FROM activities`,
    );
  });
  return new Map(rows.map((r) => [`"public"."activities"/"${r.activity_id}"`, r]));
}

const pick = (rows: Map<string, TextRow>) =>
  new Map(
    [...rows].map(([k, r]) => [
      k,
      { activity_id: r.activity_id, amount: r.amount, description: r.description },
    ]),
  );

describe('snapshot and log join', () => {
  it('delivers a snapshot in chunks with writes in between: untouched rows once, the replica equal to the table', async () => {
    t = await createSyncTestApp({}, { limits: { snapshotChunkRows: 4, logChunkEntries: 100 } });
    const app = t;
    const ada = await insertUser(app.db);
    const ids: string[] = [];
    for (let i = 0; i < 14; i++) ids.push(await insertActivity(app.db, ada, { amount: i }));
    const sorted = [...ids].sort();
    const touched = new Set<string>();
    let step = 0;
    const synced = await sync(app, ada, async () => {
      step++;
      // Rows ahead of the cursor and behind it: inserted, updated and deleted between chunks.
      const late = await insertActivity(app.db, ada, { description: `late ${step}` });
      const ahead = sorted[sorted.length - step] ?? '';
      const behind = sorted[step - 1] ?? '';
      await app.db.query('UPDATE activities SET amount = amount + 100 WHERE activity_id = $1', [
        ahead,
      ]);
      await app.db.query('DELETE FROM activities WHERE activity_id = $1', [behind]);
      for (const id of [late, ahead, behind]) touched.add(id);
      await app.runtime.feed.flush();
    });
    expect(step).toBeGreaterThanOrEqual(3);

    const untouched = synced.received.filter(({ m }) => !touched.has(m.value.activity_id ?? ''));
    const keys = untouched.map(({ m }) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(ids.filter((id) => !touched.has(id)).length);
    expect(untouched.every(({ snapshot }) => snapshot)).toBe(true);
    expect(pick(synced.replica)).toEqual(pick(await serverRows(app)));
  });

  it.skipIf(!usingPostgres())(
    'does not wait for the lock when nothing is left to publish (another shape reading its snapshot)',
    async () => {
      t = await createSyncTestApp();
      const app = t;
      const ada = await insertUser(app.db);
      await insertActivity(app.db, ada);
      await app.runtime.feed.flush();
      // The lock stays taken until the snapshot has answered (or 4 s at most).
      let release: () => void = () => undefined;
      const held = new Promise<void>((r) => (release = r));
      let releasedFirst = false;
      const holder = app.db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [PUBLISH_LOCK_KEY]);
        await Promise.race([held, sleep(4_000).then(() => (releasedFirst = true))]);
      });
      await sleep(50);
      const synced = await sync(app, ada, () => Promise.resolve());
      release();
      await holder;
      expect(releasedFirst).toBe(false);
      expect(synced.received).toHaveLength(1);
    },
  );

  it.skipIf(!usingPostgres())(
    'waits for a busy publisher, so rows committed before the snapshot never come again from the log',
    async () => {
      t = await createSyncTestApp();
      const app = t;
      const ada = await insertUser(app.db);
      await insertActivity(app.db, ada);
      await app.runtime.feed.flush();
      // Another process is publishing (it holds the lock) when two more writes commit.
      let release: () => void = () => undefined;
      const held = new Promise<void>((r) => (release = r));
      const publisher = app.db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [PUBLISH_LOCK_KEY]);
        await held;
      });
      await sleep(50);
      await insertActivity(app.db, ada);
      await insertActivity(app.db, ada);
      setTimeout(release, 400);
      const synced = await sync(app, ada, () => Promise.resolve());
      await publisher;
      // Nothing came twice: every row once, from the snapshot.
      expect(synced.received).toHaveLength(3);
      expect(synced.received.every(({ snapshot }) => snapshot)).toBe(true);
      // ... and not again from the log once the other publisher has numbered those writes.
      await app.runtime.feed.flush();
      const { offset, handle } = synced;
      const log = await app.shape({ table: 'activities', offset, handle }, ada);
      expect(changes((await log.json()) as Msg[])).toEqual([]);
    },
  );
});
