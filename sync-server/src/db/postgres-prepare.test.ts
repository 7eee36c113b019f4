import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from './postgres.ts';
import { createTestDb, usingPostgres, type TestDb } from '../testing/test-db.ts';

const PROBE = 'SELECT $1::int + 1 AS n';

describe.runIf(usingPostgres())('Postgres statements', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb({ migrated: false });
  });
  afterAll(() => t.drop());

  it('parses a parameterised query once per connection and reuses it', async () => {
    const prepared = await t.db.transaction(async (tx) => {
      for (let i = 0; i < 3; i++) expect(await tx.query(PROBE, [i])).toEqual([{ n: i + 1 }]);
      return tx.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1',
        [PROBE],
      );
    });
    expect(prepared).toEqual([{ n: 1 }]);
  });

  it('prepares nothing when the URL says prepare=false', async () => {
    const url = new URL(t.url ?? '');
    url.searchParams.set('prepare', 'false');
    const db = await openPostgres(url.toString(), 1);
    try {
      const prepared = await db.transaction(async (tx) => {
        await tx.query(PROBE, [1]);
        return tx.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1',
          [PROBE],
        );
      });
      expect(prepared).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
  });
});
