import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/test-db.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ migrated: false });
});
afterAll(() => t.drop());

describe('value types (identical for PGlite and Postgres)', () => {
  it('maps numeric, int8, date, timestamptz and jsonb the same way', async () => {
    const [row] = await t.db.query(
      `SELECT 12.5::numeric AS n, 42::int8 AS b, '2023-10-27'::date AS d,
              '2023-10-27 08:00:00.5+02'::timestamptz AS ts, '{"a":[1,2]}'::jsonb AS j, true AS ok`,
    );
    expect(row).toEqual({
      n: 12.5,
      b: 42,
      d: '2023-10-27',
      ts: '2023-10-27T06:00:00.500Z',
      j: { a: [1, 2] },
      ok: true,
    });
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await t.db.exec('CREATE TABLE tx_probe (x int)');
    await t.db.transaction(async (tx) => {
      await tx.query('INSERT INTO tx_probe VALUES ($1)', [1]);
    });
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query('INSERT INTO tx_probe VALUES ($1)', [2]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await t.db.query('SELECT x FROM tx_probe')).toEqual([{ x: 1 }]);
  });

  it('delivers notifications to listeners, after commit', async () => {
    const got: string[] = [];
    const stop = await t.db.listen('probe_channel', (p) => got.push(p));
    await t.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_notify('probe_channel', 'in-tx')`);
    });
    await t.db.notify('probe_channel', 'direct');
    await expect.poll(() => got, { timeout: 3000 }).toEqual(['in-tx', 'direct']);
    await stop();
  });
});
