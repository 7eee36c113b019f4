import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, usingPostgres, type TestDb } from '../testing/test-db.ts';
import { maintain } from './embedded-maintenance.ts';

const stats = async (t: TestDb) =>
  (
    await t.db.query<{ dead: number; analyzed: boolean }>(
      `SELECT n_dead_tup::int AS dead, last_analyze IS NOT NULL AS analyzed
       FROM pg_stat_user_tables WHERE relname = 'probe'`,
    )
  )[0];

// The embedded database only: a real Postgres runs its own autovacuum.
describe.runIf(!usingPostgres())('embedded database maintenance', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb({ migrated: false });
  });
  afterAll(() => t.drop());

  it('vacuums a table full of dead rows and analyzes one that only grew', async () => {
    await t.db.exec(`CREATE TABLE probe (id int PRIMARY KEY, v int);
      INSERT INTO probe SELECT g, g FROM generate_series(1, 2000) g;
      CREATE TABLE grown (id int PRIMARY KEY);
      INSERT INTO grown SELECT generate_series(1, 500);`);
    await t.db.exec('UPDATE probe SET v = v + 1');
    await t.db.query('SELECT pg_stat_force_next_flush()');
    await t.db.exec('SELECT 1'); // the statistics reach the shared counters after a transaction
    expect(await stats(t)).toEqual({ dead: 2000, analyzed: false });

    const round = await maintain(t.db);
    expect(round).toMatchObject({ vacuumed: ['public.probe'], analyzed: ['public.grown'] });
    await t.db.query('SELECT pg_stat_force_next_flush()');
    await t.db.exec('SELECT 1');
    expect(await stats(t)).toEqual({ dead: 0, analyzed: true });
    const [planned] = await t.db.query<{ rows: number }>(
      `SELECT reltuples::int AS rows FROM pg_class WHERE relname = 'grown'`,
    );
    expect(planned?.rows).toBe(500);
    // Nothing is due any more.
    expect(await maintain(t.db)).toEqual({ vacuumed: [], analyzed: [], checkpointed: false });
  });

  it('checkpoints once enough WAL was written since the last checkpoint', async () => {
    const redo = async () =>
      (
        await t.db.query<{ redo: string }>(
          'SELECT (pg_control_checkpoint()).redo_lsn::text AS redo',
        )
      )[0]?.redo;
    await t.db.exec(`CREATE TABLE wal_probe AS SELECT g AS id FROM generate_series(1, 20000) g`);
    const before = await redo();
    expect(await maintain(t.db, { checkpointAfterBytes: 1 << 30 })).toMatchObject({
      checkpointed: false,
    });
    expect(await redo()).toBe(before);
    expect(await maintain(t.db, { checkpointAfterBytes: 64 * 1024 })).toMatchObject({
      checkpointed: true,
    });
    expect(await redo()).not.toBe(before);
  });
});
