import { describe, expect, it } from 'vitest';
import { openMemoryDb } from '../testing/node-sqlite.ts';

describe('SqlDb over wa-sqlite', () => {
  it('round-trips values and counts changed rows', async () => {
    const db = await openMemoryDb();
    await db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, x REAL, big INTEGER)');
    expect(await db.run('INSERT INTO t VALUES (?, ?, ?, ?)', ['a', 1, 2.5, 2 ** 40])).toBe(1);
    expect(await db.all('SELECT * FROM t')).toEqual([{ id: 'a', n: 1, x: 2.5, big: 2 ** 40 }]);
    expect(await db.run('UPDATE t SET n = n + 1')).toBe(1);
    expect(await db.get('SELECT n FROM t WHERE id = ?', ['a'])).toEqual({ n: 2 });
    expect(await db.get('SELECT n FROM t WHERE id = ?', ['missing'])).toBeUndefined();
    await db.close();
  });

  it('rolls a failed transaction back and keeps serving callers', async () => {
    const db = await openMemoryDb();
    await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    await expect(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO t VALUES (1)');
        await tx.run('INSERT INTO t VALUES (1)'); // duplicate key
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect(await db.all('SELECT id FROM t')).toEqual([]);
    await db.transaction(async (tx) => {
      await tx.runMany('INSERT INTO t VALUES (?)', [[1], [2], [3]]);
    });
    expect(await db.get('SELECT count(*) AS n FROM t')).toEqual({ n: 3 });
  });

  it('serialises concurrent callers so reads never see half a transaction', async () => {
    const db = await openMemoryDb();
    await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    const seen: number[] = [];
    const writes = [1, 2, 3].map((batch) =>
      db.transaction(async (tx) => {
        for (let i = 0; i < 10; i++) await tx.run('INSERT INTO t VALUES (?)', [batch * 100 + i]);
      }),
    );
    const reads = [1, 2, 3].map(async () => {
      const row = await db.get<{ n: number }>('SELECT count(*) AS n FROM t');
      seen.push(row?.n ?? -1);
    });
    await Promise.all([...writes, ...reads]);
    expect(seen.every((n) => n % 10 === 0)).toBe(true);
  });
});
