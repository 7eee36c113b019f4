import { describe, expect, it } from 'vitest';
import { openMemoryDb } from '../testing/node-sqlite.ts';

const TYPED = 'SELECT id, typeof(v) AS t, v FROM t ORDER BY id';

describe('SqlDb over wa-sqlite', () => {
  it('bulk-binds every kind of value exactly as a single run does', async () => {
    const db = await openMemoryDb();
    await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v)'); // no affinity: values keep their class
    const long = 'ü€😀'.repeat(5_000); // larger than the first scratch buffer, 4-byte chars
    const values = [
      'plain',
      '',
      'line\nbreak "q" \u2028 😀 ünï',
      long,
      0,
      -1,
      0x7fffffff,
      0x80000000,
      -0x80000001,
      2 ** 53,
      12.5,
      -0.000123,
      null,
      9007199254740993n,
      new Uint8Array([0, 1, 255]),
    ];
    await db.transaction((tx) =>
      tx.runMany(
        'INSERT INTO t VALUES (?, ?)',
        values.map((v, i) => [i, v]),
      ),
    );
    const bulk = await db.all(TYPED);
    await db.exec('DELETE FROM t');
    for (const [i, v] of values.entries()) await db.run('INSERT INTO t VALUES (?, ?)', [i, v]);
    expect(bulk).toEqual(await db.all(TYPED));
    expect(bulk.map((r) => r.t)).toEqual([
      ...['text', 'text', 'text', 'text'],
      ...['integer', 'integer', 'integer', 'real', 'real', 'real', 'real', 'real'],
      ...['null', 'integer', 'blob'],
    ]);
    expect(bulk[3]?.v).toBe(long);
    await db.close();
  });

  it('a bulk write that breaks a constraint throws the SQLite error and keeps the statement usable', async () => {
    const db = await openMemoryDb();
    await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    await expect(
      db.transaction((tx) =>
        tx.runMany('INSERT INTO t VALUES (?, ?)', [
          [1, 'a'],
          [2, null],
        ]),
      ),
    ).rejects.toThrow(/NOT NULL constraint failed: t.v/);
    await db.transaction((tx) =>
      tx.runMany('INSERT INTO t VALUES (?, ?)', [
        [1, 'a'],
        [2, 'b'],
      ]),
    );
    expect(await db.all('SELECT * FROM t ORDER BY id')).toEqual([
      { id: 1, v: 'a' },
      { id: 2, v: 'b' },
    ]);
    await db.close();
  });

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
