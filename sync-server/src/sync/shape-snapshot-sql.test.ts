import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SYNCED_TABLES,
  SYNCED_TABLE_NAMES,
  rowKey,
  type SyncedTable,
  type TextRow,
} from '@eco-track/shared-schema';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import type { ShapeScope } from './log-entry.ts';
import { readSnapshotChunk } from './shape-reader.ts';
import { withTextSettings } from './shape-snapshot.ts';
import { insertActivity, insertOrg, insertUser } from './test-fixtures.ts';

let t: TestDb;
let scope: ShapeScope;
beforeAll(async () => {
  t = await createTestDb();
  const ada = await insertUser(t.db);
  await t.db.query('UPDATE users SET leaderboard_opt_in = true WHERE user_id = $1::uuid', [ada]);
  const org = await insertOrg(t.db, ada, 'Quote " and back\\slash');
  scope = { userId: ada, orgIds: new Set([org]) };
  const awkward = [
    'say "hi"',
    'back\\slash and a/b and //',
    'line\nbreak\ttab\rreturn\u0001\u001f\u007f',
    'accents é ü, emoji 🌍, separators \u2028\u2029, </script>',
    '',
  ];
  for (const description of awkward) await insertActivity(t.db, ada, { description });
  await insertActivity(t.db, ada, { orgId: org, amount: 0.001 });
  await insertActivity(t.db, ada, { amount: 123456789.125 });
  await t.db.query(
    `INSERT INTO goals (goal_id, user_id, goal_type, target_value, unit, start_date, end_date, status)
     VALUES ($1::uuid, $2::uuid, 'reduction', 12.5, 'kg', '2025-01-01', '2025-12-31', 'active')`,
    [randomUUID(), ada],
  );
  await t.db.query(
    `INSERT INTO reports (report_id, user_id, report_type, start_date, end_date, data, version)
     VALUES ($1::uuid, $2::uuid, 'annual', '2025-01-01', '2025-12-31', $3::jsonb, 1)`,
    [
      randomUUID(),
      ada,
      JSON.stringify({ title: 'Q "1"\n', emoji: '🌍', nested: { n: 1.5, none: null } }),
    ],
  );
});
afterAll(() => t.drop());

/** What the snapshot sent before Postgres rendered it: JSON.stringify of `::text` rows. */
function expectedMessages(table: SyncedTable, rows: TextRow[]): string[] {
  return rows.map((value) =>
    JSON.stringify({
      key: rowKey(
        table.name,
        table.primaryKey.map((k) => value[k] ?? null),
      ),
      value,
      headers: { operation: 'insert', relation: ['public', table.name] },
    }),
  );
}

async function textRows(table: SyncedTable, keys: string[]): Promise<TextRow[]> {
  const pk = table.primaryKey[0] ?? '';
  const select = table.columns.map((c) => `"${c.name}"::text AS "${c.name}"`).join(', ');
  return t.db.transaction(async (tx) => {
    await withTextSettings(tx);
    return tx.query<TextRow>(
      `SELECT ${select} FROM "${table.name}" WHERE "${pk}" = ANY($1::uuid[]) ORDER BY "${pk}"`,
      [keys],
    );
  });
}

describe('snapshot chunks rendered by the database', () => {
  it('are byte for byte the JSON of every column as Postgres text, for every synced table', async () => {
    let tablesWithRows = 0;
    for (const name of SYNCED_TABLE_NAMES) {
      const table = SYNCED_TABLES[name];
      const chunk = await t.db.transaction(async (tx) => {
        await withTextSettings(tx);
        return readSnapshotChunk(tx, table, scope, null, 1_000_000);
      });
      const messages = JSON.parse(`[${chunk.messages}]`) as { key: string; value: TextRow }[];
      expect(chunk.rows, name).toBe(messages.length);
      if (messages.length === 0) continue;
      tablesWithRows++;
      const keys = messages.map((m) => m.value[table.primaryKey[0] ?? ''] ?? '');
      const expected = expectedMessages(table, await textRows(table, keys));
      expect(chunk.messages, name).toBe(expected.join(','));
    }
    expect(tablesWithRows).toBeGreaterThanOrEqual(6);
  });

  it('keeps quotes, backslashes, control characters, non-ASCII text and NULLs intact', async () => {
    const chunk = await t.db.transaction(async (tx) => {
      await withTextSettings(tx);
      return readSnapshotChunk(tx, SYNCED_TABLES.activities, scope, null, 100);
    });
    const values = (JSON.parse(`[${chunk.messages}]`) as { value: TextRow }[]).map((m) => m.value);
    expect(values.map((v) => v.description)).toEqual(
      expect.arrayContaining([
        'say "hi"',
        'back\\slash and a/b and //',
        'line\nbreak\ttab\rreturn\u0001\u001f\u007f',
        'accents é ü, emoji 🌍, separators \u2028\u2029, </script>',
        '',
        null,
      ]),
    );
    expect(values.map((v) => v.amount)).toEqual(expect.arrayContaining(['0.001', '123456789.125']));
    expect(values.every((v) => v.location === null)).toBe(true);
  });

  it('pages in primary-key order: every row once, the last key where the next chunk starts', async () => {
    const table = SYNCED_TABLES.activities;
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const chunk = await t.db.transaction(async (tx) => {
        await withTextSettings(tx);
        return readSnapshotChunk(tx, table, scope, after, 3);
      });
      const ids = (JSON.parse(`[${chunk.messages}]`) as { value: TextRow }[]).map(
        (m) => m.value.activity_id ?? '',
      );
      expect(chunk.rows).toBe(ids.length);
      seen.push(...ids);
      if (!chunk.more) break;
      expect(chunk.lastKey).toBe(ids.at(-1));
      after = chunk.lastKey;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen).toEqual([...seen].sort());
  });
});
