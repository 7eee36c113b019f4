import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations } from '@eco-track/migrations';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { migrate, MigrationChecksumError } from './migrate.ts';

let t: TestDb | undefined;
afterEach(async () => {
  await t?.drop();
  t = undefined;
});

describe('migration runner', () => {
  it('applies every migration from empty, then finds nothing to do on a re-run', async () => {
    t = await createTestDb({ migrated: false });
    const files = loadMigrations();
    const first = await migrate(t.db, files);
    expect(first.applied).toEqual(files.map((f) => f.name));
    const second = await migrate(t.db, files);
    expect(second.applied).toEqual([]);
    expect(second.skipped).toEqual(files.map((f) => f.name));
    const tables = await t.db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    const names = tables.map((r) => r.table_name);
    for (const table of [
      'users',
      'organizations',
      'memberships',
      'activities',
      'emissions',
      'emission_factors',
      'goals',
      'reports',
      'recommendations',
      'user_recommendations',
      'challenges',
      'user_challenges',
      'achievements',
      'user_achievements',
      'refresh_tokens',
    ]) {
      expect(names).toContain(table);
    }
  });

  it('refuses an applied migration whose file was edited, naming it', async () => {
    t = await createTestDb({ migrated: false });
    await migrate(t.db, [{ name: '0001_a.sql', sql: 'CREATE TABLE a (x int);' }]);
    const edited = [{ name: '0001_a.sql', sql: 'CREATE TABLE a (x bigint);' }];
    await expect(migrate(t.db, edited)).rejects.toThrow(MigrationChecksumError);
    await expect(migrate(t.db, edited)).rejects.toThrow(
      /0001_a\.sql was changed after it was applied/,
    );
  });

  it('rolls back a failing migration completely and records nothing', async () => {
    t = await createTestDb({ migrated: false });
    const bad = [
      { name: '0001_bad.sql', sql: 'CREATE TABLE b (x int); SELECT no_such_function();' },
    ];
    await expect(migrate(t.db, bad)).rejects.toThrow();
    const rows = await t.db.query(`SELECT to_regclass('b') AS t`);
    expect(rows[0]?.t).toBeNull();
    const recorded = await t.db.query('SELECT * FROM schema_migrations');
    expect(recorded).toEqual([]);
  });
});
