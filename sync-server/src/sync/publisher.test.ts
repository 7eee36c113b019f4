/**
 * The publisher and the log it numbers: one position per committed transaction, in commit order,
 * with exactly the changes that transaction kept (migration 0048), and a log carried over intact
 * from the per-row numbering of earlier versions.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations } from '@eco-track/migrations';
import { migrate } from '../db/migrate.ts';
import { createTestDb, usingPostgres, type TestDb } from '../testing/test-db.ts';
import { compact, hasUnpublished, publish } from './publisher.ts';
import { readAllEntries } from './shape-reader.ts';
import { insertUser } from './test-fixtures.ts';

let t: TestDb | undefined;
afterEach(async () => {
  await t?.drop();
  t = undefined;
});

/** The users captured in the log, by position, in log order. */
async function loggedUsers(db: TestDb['db']) {
  const entries = await readAllEntries(db, 0, Number.MAX_SAFE_INTEGER);
  return entries
    .filter((e) => e.table === 'users')
    .map((e) => ({ position: e.position, userId: e.row.user_id }));
}

describe('publisher', () => {
  it('numbers each committed transaction once, with only the changes it kept', async () => {
    t = await createTestDb();
    const { db } = t;
    const first = await insertUser(db);
    const [kept, undone] = await db.transaction(async (tx) => {
      const a = await insertUser(tx);
      await tx.exec('SAVEPOINT s');
      const b = await insertUser(tx);
      await tx.exec('ROLLBACK TO SAVEPOINT s');
      return [a, b];
    });
    // A transaction whose only change was undone leaves nothing to publish.
    await db.transaction(async (tx) => {
      await tx.exec('SAVEPOINT s');
      await insertUser(tx);
      await tx.exec('ROLLBACK TO SAVEPOINT s');
    });
    expect(await hasUnpublished(db)).toBe(true);
    const round = await publish(db);
    expect(round.to - round.from).toBe(2);
    expect(await hasUnpublished(db)).toBe(false);
    expect(await loggedUsers(db)).toEqual([
      { position: round.from + 1, userId: first },
      { position: round.from + 2, userId: kept },
    ]);
    expect((await loggedUsers(db)).map((u) => u.userId)).not.toContain(undone);
    expect(await publish(db)).toEqual({ from: round.to, to: round.to });
  });

  it.runIf(usingPostgres())(
    'leaves a transaction still running for a later round, numbered after those before it',
    async () => {
      t = await createTestDb();
      const { db } = t;
      let release = () => {};
      const held = new Promise<void>((r) => (release = r));
      let started = () => {};
      const begun = new Promise<void>((r) => (started = r));
      let slow = '';
      const running = db.transaction(async (tx) => {
        slow = await insertUser(tx);
        started();
        await held;
      });
      await begun;
      const fast = await insertUser(db);
      const one = await publish(db);
      expect(await loggedUsers(db)).toEqual([{ position: one.to, userId: fast }]);
      release();
      await running;
      const two = await publish(db);
      expect(two).toEqual({ from: one.to, to: one.to + 1 });
      expect(await loggedUsers(db)).toEqual([
        { position: one.to, userId: fast },
        { position: two.to, userId: slow },
      ]);
    },
  );

  it('compacts whole transactions: their changes and their positions', async () => {
    t = await createTestDb();
    const { db } = t;
    await insertUser(db);
    await insertUser(db);
    await publish(db);
    expect(await compact(db, 0)).toBe(2);
    expect(await loggedUsers(db)).toEqual([]);
    const [left] = await db.query<{ n: number }>(
      'SELECT (SELECT count(*) FROM sync_transactions) + (SELECT count(*) FROM sync_changes) AS n',
    );
    expect(Number(left?.n)).toBe(0);
  });
});

describe('migration 0048 (positions per transaction)', () => {
  it('carries the published log over and publishes what was pending after it', async () => {
    t = await createTestDb({ migrated: false });
    const { db } = t;
    const files = loadMigrations();
    const at = files.findIndex((f) => f.name.startsWith('0048_'));
    await migrate(db, files.slice(0, at));
    const a = await insertUser(db);
    const b = await db.transaction(async (tx) => {
      const id = await insertUser(tx);
      await insertUser(tx);
      return id;
    });
    // The publisher of 0020-0047: every captured row numbered by its transaction's position.
    await db.query(
      `WITH p AS (
         SELECT txid, row_number() OVER (ORDER BY max(change_id)) AS pos
         FROM sync_changes WHERE position IS NULL GROUP BY txid
       )
       UPDATE sync_changes c SET position = p.pos, published_at = now() FROM p WHERE c.txid = p.txid`,
    );
    await db.query('UPDATE sync_state SET last_position = 2');
    const c = await insertUser(db); // captured, not yet published

    await migrate(db, files);
    const before = await loggedUsers(db);
    expect(before.map((u) => [u.position, u.userId])).toEqual([
      [1, a],
      [2, b],
      [2, before[2]?.userId],
    ]);
    expect(await publish(db)).toEqual({ from: 2, to: 3 });
    expect((await loggedUsers(db)).at(-1)).toEqual({ position: 3, userId: c });
  });
});
