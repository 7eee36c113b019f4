import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNCED_TABLES, SYNCED_TABLE_NAMES } from '@eco-track/shared-schema';
import { insertEmissions, insertUser } from '../esg/test-fixtures.ts';
import { createTestDb, type TestDb } from '../testing/test-db.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

interface ColumnInfo extends Record<string, unknown> {
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: string;
  character_maximum_length: number | null;
}

describe('SYNCED_TABLES matches the database', () => {
  it('has every described column with its type, length and nullability', async () => {
    const cols = await t.db.query<ColumnInfo>(
      `SELECT table_name, column_name, udt_name, is_nullable, character_maximum_length
       FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const byKey = new Map(cols.map((c) => [`${c.table_name}.${c.column_name}`, c]));
    for (const name of SYNCED_TABLE_NAMES) {
      for (const c of SYNCED_TABLES[name].columns) {
        const db = byKey.get(`${name}.${c.name}`);
        expect(db, `${name}.${c.name} exists`).toBeDefined();
        expect(db?.udt_name, `${name}.${c.name} type`).toBe(c.type);
        expect(db?.is_nullable === 'NO', `${name}.${c.name} not null`).toBe(c.notNull);
        expect(db?.character_maximum_length ?? undefined, `${name}.${c.name} length`).toBe(
          c.maxLength,
        );
      }
    }
  });

  it('captures exactly the described columns of every synced table', async () => {
    const rows = await t.db.query<{ tbl: string; columns: string[]; pk: string }>(
      'SELECT tbl, columns, pk FROM sync_tables ORDER BY tbl',
    );
    expect(rows.map((r) => r.tbl).sort()).toEqual([...SYNCED_TABLE_NAMES].sort());
    for (const r of rows) {
      const table = SYNCED_TABLES[r.tbl as keyof typeof SYNCED_TABLES];
      expect(r.columns, r.tbl).toEqual(table.columns.map((c) => c.name));
      expect([r.pk]).toEqual(table.primaryKey);
    }
  });

  it('logs a TRUNCATE of every synced table (migration 0045)', async () => {
    const rows = await t.db.query<{ tbl: string }>(
      `SELECT c.relname AS tbl FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
       WHERE tg.tgname = 'sync_capture_truncate' ORDER BY 1`,
    );
    expect(rows.map((r) => r.tbl)).toEqual([...SYNCED_TABLE_NAMES].sort());
  });

  it("keeps an emission's derivation in Postgres and off the wire (migration 0051)", async () => {
    const userId = await insertUser(t.db);
    const [activityId] = await insertEmissions(t.db, [
      { userId, timestamp: '2025-03-01T09:00:00Z', scope: '1', co2e: '4.2' },
    ]);
    const [stored] = await t.db.query<{ derivation: string }>(
      'SELECT derivation FROM emissions WHERE activity_id = $1::uuid',
      [activityId],
    );
    expect(stored?.derivation).toBe('test');
    const [logged] = await t.db.query<{ row_data: Record<string, string | null> }>(
      `SELECT row_data FROM sync_changes WHERE tbl = 'emissions' AND row_data->>'activity_id' = $1`,
      [activityId],
    );
    expect(logged?.row_data.co2_equivalent).toBe('4.2');
    expect(logged?.row_data).not.toHaveProperty('derivation');
  });

  it('renders captured values exactly as a snapshot query does', async () => {
    const userId = '0193a6c2-7c1e-7a3b-9f00-2b1d3c4e5f60';
    await t.db.query(
      `INSERT INTO users (user_id, username, email, password_hash, user_type, leaderboard_opt_in)
       VALUES ($1::uuid, 'casey', 'casey@example.test', 'h', 'business', true)`,
      [userId],
    );
    const [captured] = await t.db.query<{ row_data: Record<string, string | null> }>(
      `SELECT row_data FROM sync_changes WHERE tbl = 'users' ORDER BY change_id DESC LIMIT 1`,
    );
    const select = SYNCED_TABLES.users.columns.map((c) => `"${c.name}"::text AS "${c.name}"`);
    const [snap] = await t.db.query(
      `SELECT ${select.join(', ')} FROM users WHERE user_id = $1::uuid`,
      [userId],
    );
    expect(captured?.row_data).toEqual(snap);
  });

  it('renders UTC text even for a writer whose session uses another time zone', async () => {
    const userId = '0193a6c2-7c1e-7a3b-9f00-2b1d3c4e5f61';
    await t.db.transaction(async (tx) => {
      await tx.exec(
        "SET LOCAL TimeZone = 'America/New_York'; SET LOCAL DateStyle = 'SQL, MDY'; SET LOCAL extra_float_digits = 0",
      );
      await tx.query(
        `INSERT INTO users (user_id, username, email, password_hash, user_type, created_at)
         VALUES ($1::uuid, 'dana', 'dana@example.test', 'h', 'individual', '2025-03-01 12:00:00+00')`,
        [userId],
      );
    });
    const [captured] = await t.db.query<{ row_data: Record<string, string | null> }>(
      `SELECT row_data FROM sync_changes WHERE tbl = 'users' ORDER BY change_id DESC LIMIT 1`,
    );
    expect(captured?.row_data.created_at).toBe('2025-03-01 12:00:00+00');
    const config = await t.db.query<{ proconfig: string[] | null }>(
      `SELECT proconfig FROM pg_proc WHERE proname = 'sync_capture_users'`,
    );
    expect(config).toEqual([{ proconfig: null }]);
  });
});
