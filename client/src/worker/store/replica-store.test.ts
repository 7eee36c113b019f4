import { REPLICA_TABLES, type ReplicaTable } from '@eco-track/shared-schema';
import type { Message, Row } from '@electric-sql/client';
import { describe, expect, it } from 'vitest';
import type { SqlDb } from '../db/sql-db.ts';
import { openMemoryDb } from '../testing/node-sqlite.ts';
import { plainWriter, rebaseRow, writeLocal, type Writers } from './local-writes.ts';
import { markAcked, pendingCount, recordRejection, getOutboxEntry } from './outbox.ts';
import { bindOwner, installReplica } from './replica-install.ts';
import { INSERT_SLICE, applyShapeBatch } from './shape-apply.ts';

const goals = REPLICA_TABLES.find((t) => t.name === 'goals') as ReplicaTable;
const NOW = '2025-01-01T00:00:00.000Z';
const U = '00000000-0000-4000-8000-000000000001';
const G1 = '00000000-0000-4000-8000-0000000000a1';

function goalRow(id: string, target: number, description = 'less driving'): Row {
  return {
    goal_id: id,
    user_id: U,
    org_id: null,
    goal_type: 'reduction',
    description,
    target_value: target,
    unit: 'kg CO2e',
    start_date: '2025-01-01',
    end_date: '2025-12-31',
    current_value: null,
    status: 'active',
    created_at: NOW,
    updated_at: NOW,
  };
}

const insert = (row: Row, txids?: number[]): Message<Row> => ({
  key: `"public"."goals"/"${row.goal_id as string}"`,
  value: row,
  headers: { operation: 'insert', ...(txids ? { txids } : {}) },
});
const upToDate: Message<Row> = { headers: { control: 'up-to-date' } };

async function setup(): Promise<{ db: SqlDb; writers: Writers }> {
  const db = await openMemoryDb();
  const writers: Writers = new Map(REPLICA_TABLES.map((t) => [t.name, plainWriter(t)]));
  await installReplica(db, REPLICA_TABLES, writers);
  return { db, writers };
}

const view = (db: SqlDb) =>
  db.all<{ goal_id: string; target_value: number; description: string; _pending: number }>(
    'SELECT goal_id, target_value, description, _pending FROM goals ORDER BY goal_id',
  );

describe('replica store', () => {
  it('creates every synced table, overlay and view, and is idempotent', async () => {
    const { db, writers } = await setup();
    expect(await installReplica(db, REPLICA_TABLES, writers)).toBe(false);
    for (const t of REPLICA_TABLES) {
      expect(await db.all(`SELECT * FROM "${t.name}"`)).toEqual([]);
    }
  });

  it('applies a batch and its offset in one step, and a local edit overlays only its columns', async () => {
    const { db, writers } = await setup();
    await db.transaction((tx) =>
      applyShapeBatch(
        tx,
        goals,
        [insert(goalRow(G1, 100)), upToDate],
        { offset: '5_0', handle: 'h1' },
        NOW,
      ),
    );
    expect(await db.get('SELECT "offset", handle, initial_done FROM _shapes')).toEqual({
      offset: '5_0',
      handle: 'h1',
      initial_done: 1,
    });
    await db.transaction((tx) =>
      writeLocal(
        tx,
        writers,
        {
          mutation_id: 'm1',
          table: 'goals',
          op: 'update',
          row_id: G1,
          payload: { goal_id: G1, target_value: 80 },
        },
        NOW,
      ),
    );
    // The server meanwhile changes another column: both show.
    await db.transaction((tx) =>
      applyShapeBatch(
        tx,
        goals,
        [
          {
            key: 'k',
            value: { goal_id: G1, description: 'bike more' },
            headers: { operation: 'update', txids: [7] },
          },
          upToDate,
        ],
        { offset: '6_0', handle: 'h1' },
        NOW,
      ),
    );
    expect(await view(db)).toEqual([
      { goal_id: G1, target_value: 80, description: 'bike more', _pending: 1 },
    ]);
    // The server's version is kept aside while the device's change is pending.
    expect(await db.get('SELECT target_value, description FROM goals_base')).toEqual({
      target_value: 100,
      description: 'bike more',
    });
  });

  it('drops the overlay when the acknowledged txid arrives, not before', async () => {
    const { db, writers } = await setup();
    await db.transaction((tx) =>
      writeLocal(
        tx,
        writers,
        { mutation_id: 'm1', table: 'goals', op: 'insert', row_id: G1, payload: goalRow(G1, 50) },
        NOW,
      ),
    );
    expect(await view(db)).toEqual([
      { goal_id: G1, target_value: 50, description: 'less driving', _pending: 1 },
    ]);
    await db.transaction((tx) => markAcked(tx, ['m1'], 42, {}));
    expect(await pendingCount(db)).toBe(0);
    // Another transaction's change does not drop it.
    await db.transaction((tx) =>
      applyShapeBatch(
        tx,
        goals,
        [insert(goalRow('00000000-0000-4000-8000-0000000000b2', 1), [41])],
        { offset: '1_0', handle: 'h' },
        NOW,
      ),
    );
    expect((await view(db)).find((r) => r.goal_id === G1)?._pending).toBe(1);
    await db.transaction((tx) =>
      applyShapeBatch(
        tx,
        goals,
        [insert(goalRow(G1, 50), [42]), upToDate],
        { offset: '2_0', handle: 'h' },
        NOW,
      ),
    );
    expect((await view(db)).find((r) => r.goal_id === G1)).toEqual({
      goal_id: G1,
      target_value: 50,
      description: 'less driving',
      _pending: 0,
    });
    expect(await db.all('SELECT * FROM goals_local')).toEqual([]);
  });

  it('a must-refetch keeps overlay and outbox and replaces synced rows with the next snapshot', async () => {
    const { db, writers } = await setup();
    await db.transaction((tx) =>
      applyShapeBatch(
        tx,
        goals,
        [insert(goalRow(G1, 100)), upToDate],
        { offset: '5_0', handle: 'h1' },
        NOW,
      ),
    );
    await db.transaction((tx) =>
      writeLocal(
        tx,
        writers,
        {
          mutation_id: 'm1',
          table: 'goals',
          op: 'update',
          row_id: G1,
          payload: { goal_id: G1, target_value: 70 },
        },
        NOW,
      ),
    );
    await db.transaction((tx) =>
      applyShapeBatch(
        tx,
        goals,
        [{ headers: { control: 'must-refetch' } }],
        { offset: '-1', handle: 'h2' },
        NOW,
      ),
    );
    // Nothing is emptied until the new snapshot arrives.
    expect(await db.get('SELECT count(*) AS n FROM goals_base')).toEqual({ n: 1 });
    expect(await view(db)).toHaveLength(1);
    expect(await db.get('SELECT "offset", handle FROM _shapes')).toEqual({
      offset: '-1',
      handle: 'h2',
    });
    await db.transaction((tx) =>
      applyShapeBatch(
        tx,
        goals,
        [insert(goalRow(G1, 100, 'from snapshot')), upToDate],
        { offset: '9_0', handle: 'h2' },
        NOW,
      ),
    );
    expect(await view(db)).toEqual([
      { goal_id: G1, target_value: 70, description: 'from snapshot', _pending: 1 },
    ]);
    expect(await pendingCount(db)).toBe(1);
  });

  it('a rejected mutation is rolled back while a later edit of the same row survives', async () => {
    const { db, writers } = await setup();
    await db.transaction((tx) =>
      applyShapeBatch(
        tx,
        goals,
        [insert(goalRow(G1, 100)), upToDate],
        { offset: '5_0', handle: 'h1' },
        NOW,
      ),
    );
    await db.transaction(async (tx) => {
      await writeLocal(
        tx,
        writers,
        {
          mutation_id: 'm1',
          table: 'goals',
          op: 'update',
          row_id: G1,
          payload: { goal_id: G1, target_value: -5 },
        },
        NOW,
      );
      await writeLocal(
        tx,
        writers,
        {
          mutation_id: 'm2',
          table: 'goals',
          op: 'update',
          row_id: G1,
          payload: { goal_id: G1, description: 'walk' },
        },
        NOW,
      );
    });
    expect(await view(db)).toEqual([
      { goal_id: G1, target_value: -5, description: 'walk', _pending: 1 },
    ]);
    await db.transaction(async (tx) => {
      const entry = await getOutboxEntry(tx, 'm1');
      await recordRejection(tx, entry!, 'target_value: must be at least 0', NOW);
      await rebaseRow(tx, writers, 'goals', G1);
    });
    expect(await view(db)).toEqual([
      { goal_id: G1, target_value: 100, description: 'walk', _pending: 1 },
    ]);
    expect(await db.all('SELECT mutation_id, detail FROM _rejected')).toEqual([
      { mutation_id: 'm1', detail: 'target_value: must be at least 0' },
    ]);
  });

  it('binding the replica to another user wipes the previous user’s rows and writes', async () => {
    const { db, writers } = await setup();
    expect(await bindOwner(db, REPLICA_TABLES, U)).toBe('new');
    await db.transaction((tx) =>
      writeLocal(
        tx,
        writers,
        { mutation_id: 'm1', table: 'goals', op: 'insert', row_id: G1, payload: goalRow(G1, 50) },
        NOW,
      ),
    );
    expect(await bindOwner(db, REPLICA_TABLES, U)).toBe('same');
    expect(await view(db)).toHaveLength(1);
    expect(await bindOwner(db, REPLICA_TABLES, '00000000-0000-4000-8000-000000000002')).toBe(
      'switched',
    );
    expect(await view(db)).toEqual([]);
    expect(await pendingCount(db)).toBe(0);
  });

  it('an initial sync loads without secondary indexes and builds them at up-to-date', async () => {
    const { db } = await setup();
    const activities = REPLICA_TABLES.find((t) => t.name === 'activities') as ReplicaTable;
    const indexes = () =>
      db.all<{ name: string }>(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'activities' AND name LIKE 'activities_idx%'`,
      );
    const all = activities.indexes?.length ?? 0;
    expect(all).toBeGreaterThan(0);
    expect(await indexes()).toHaveLength(all);
    const row = (i: number): Row => ({
      activity_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      user_id: U,
      org_id: null,
      activity_type: 'Energy Consumption',
      category: 'energy',
      description: null,
      amount: i,
      unit: 'kWh',
      factor_key: 'f',
      fuel_type: null,
      region: null,
      location: null,
      gwp_set: null,
      data_quality: 'measured',
      timestamp: NOW,
      created_at: NOW,
      updated_at: NOW,
    });
    const ins = (i: number): Message<Row> => ({
      key: String(i),
      value: row(i),
      headers: { operation: 'insert' },
    });
    await db.transaction((tx) =>
      applyShapeBatch(tx, activities, [ins(1), ins(2)], { offset: '0_s1', handle: 'h' }, NOW),
    );
    expect(await indexes()).toHaveLength(0);
    await db.transaction((tx) =>
      applyShapeBatch(tx, activities, [ins(3), upToDate], { offset: '5_0', handle: 'h' }, NOW),
    );
    expect(await indexes()).toHaveLength(all);
    expect(await db.get('SELECT count(*) AS n FROM activities')).toEqual({ n: 3 });
    // Live changes afterwards keep the indexes.
    await db.transaction((tx) =>
      applyShapeBatch(tx, activities, [ins(4), upToDate], { offset: '6_0', handle: 'h' }, NOW),
    );
    expect(await indexes()).toHaveLength(all);
  });

  it('gives the event loop turns while it stores a large response, and stores all of it', async () => {
    const { db } = await setup();
    const n = INSERT_SLICE * 2 + 1;
    const batch = Array.from({ length: n }, (_, i) =>
      insert(goalRow(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, i)),
    );
    // A task queued before the store (as a response body's data is): it must not wait for the end.
    let turns = 0;
    const tick = () => {
      turns++;
      if (turns < 100) setImmediate(tick);
    };
    setImmediate(tick);
    let turnsWhenStored = -1;
    await db.transaction(async (tx) => {
      await applyShapeBatch(tx, goals, [...batch, upToDate], { offset: '1_0', handle: 'h' }, NOW);
      turnsWhenStored = turns;
    });
    expect(turnsWhenStored).toBeGreaterThanOrEqual(2);
    expect(await db.get('SELECT count(*) AS n FROM goals')).toEqual({ n });
    expect(
      await db.get('SELECT min(target_value) AS lo, max(target_value) AS hi FROM goals'),
    ).toEqual({
      lo: 0,
      hi: n - 1,
    });
  });

  it('answers organisation queries from the partial organisation indexes', async () => {
    const { db } = await setup();
    const ddl = await db.get<{ sql: string }>(
      `SELECT sql FROM sqlite_master WHERE name = 'activities_idx0'`,
    );
    expect(ddl?.sql).toMatch(/WHERE org_id IS NOT NULL$/);
    const plan = async (sql: string) =>
      (await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, ['x'])).map((r) => r.detail);
    expect(
      await plan(
        'SELECT * FROM activities a WHERE a.org_id = ? ORDER BY a.timestamp DESC, a.activity_id DESC LIMIT 50',
      ),
    ).toContainEqual(expect.stringMatching(/USING INDEX activities_idx0 \(org_id=\?\)/));
    expect(
      await plan(
        "SELECT sum(co2_equivalent) FROM emissions WHERE org_id = ? AND timestamp >= '2025'",
      ),
    ).toContainEqual(
      expect.stringMatching(/USING COVERING INDEX emissions_idx2 \(org_id=\? AND timestamp>\?\)/),
    );
  });
});
