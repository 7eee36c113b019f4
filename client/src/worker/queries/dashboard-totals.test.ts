/**
 * The dashboard's sums come from the emissions rollup; whatever happens to the emissions (server
 * inserts, replaced rows, updates and deletes, a must-refetch reload in bulk, optimistic local
 * writes and their rollbacks), the rollup and every dashboard figure equal a direct aggregation of
 * the emissions the app reads.
 */
import {
  REPLICA_TABLES,
  TOTALS_SCALE,
  totalsTriggerNames,
  type ReplicaTable,
} from '@eco-track/shared-schema';
import type { Message, Row } from '@electric-sql/client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PeriodRange } from '../api.ts';
import type { SqlDb, SqlValue } from '../db/sql-db.ts';
import { plainWriter, writeLocal, type Writers } from '../store/local-writes.ts';
import { overlayClear, overlayDelete, overlayInsert, overlayUpdate } from '../store/overlay.ts';
import { installReplica } from '../store/replica-install.ts';
import { applyShapeBatch } from '../store/shape-apply.ts';
import { openMemoryDb } from '../testing/node-sqlite.ts';
import { rangeSummary, totalsByPeriod } from './dashboard-queries.ts';
import { cutRange } from './sum-pieces.ts';
import { ownerFilter } from './scope-filter.ts';

const emissions = REPLICA_TABLES.find((t) => t.name === 'emissions') as ReplicaTable;
const USERS = ['00000000-0000-4000-8000-0000000000u1', '00000000-0000-4000-8000-0000000000u2'];
const ORG = '00000000-0000-4000-8000-00000000000o';
const IDS = Array.from({ length: 10 }, (_, i) => `00000000-0000-4000-8000-00000000e00${i}`);
const BASE = Date.UTC(2025, 0, 20);
const DAY = 86_400_000;
const NOW = '2025-06-01T00:00:00.000Z';

// Instants over three months, often exactly at a UTC day or month start (the cut points).
const instant = fc.oneof(
  fc.integer({ min: 0, max: 90 * DAY }).map((ms) => BASE + ms),
  fc.integer({ min: 0, max: 90 }).map((d) => BASE + d * DAY),
  fc.constantFrom(Date.UTC(2025, 1, 1), Date.UTC(2025, 2, 1), Date.UTC(2025, 3, 1)),
);
const iso = instant.map((ms) => new Date(ms).toISOString());
const values = fc.record({
  user_id: fc.constantFrom(...USERS),
  org_id: fc.constantFrom(null, ORG),
  co2_equivalent: fc.oneof(
    fc.integer({ min: -2_000, max: 2_000_000 }).map((x) => x / 1000),
    fc.constantFrom(0.1, 0.2, 1 / 3, 2.675, 1e-7, 12345.6789),
  ),
  category: fc.constantFrom('energy', 'transport', 'waste'),
  scope: fc.constantFrom('1', '2', '3', '2+3'),
  timestamp: iso,
});
const COLUMNS = ['user_id', 'org_id', 'co2_equivalent', 'category', 'scope', 'timestamp'] as const;
// Often a single column: each one must move the row's sums on its own.
const someValues = fc.oneof(
  fc.constantFrom(...COLUMNS).map((c) => [c]),
  fc.subarray([...COLUMNS], { minLength: 1 }),
);
const id = fc.constantFrom(...IDS);

type Op =
  | { kind: 'server-insert'; id: string; row: Record<string, unknown> }
  | { kind: 'server-update'; id: string; row: Record<string, unknown>; cols: readonly string[] }
  | { kind: 'server-delete'; id: string }
  | { kind: 'local-insert'; id: string; row: Record<string, unknown> }
  | { kind: 'local-update'; id: string; row: Record<string, unknown>; cols: readonly string[] }
  | { kind: 'local-delete'; id: string }
  | { kind: 'rollback'; id: string }
  | { kind: 'refetch'; rows: { id: string; row: Record<string, unknown> }[] };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('server-insert' as const), id, row: values }),
  fc.record({ kind: fc.constant('server-update' as const), id, row: values, cols: someValues }),
  fc.record({ kind: fc.constant('server-delete' as const), id }),
  fc.record({ kind: fc.constant('local-insert' as const), id, row: values }),
  fc.record({ kind: fc.constant('local-update' as const), id, row: values, cols: someValues }),
  fc.record({ kind: fc.constant('local-delete' as const), id }),
  fc.record({ kind: fc.constant('rollback' as const), id }),
  fc.record({
    kind: fc.constant('refetch' as const),
    rows: fc.uniqueArray(fc.record({ id, row: values }), { selector: (r) => r.id, maxLength: 6 }),
  }),
);

const change = (
  operation: 'insert' | 'update' | 'delete',
  value: Record<string, unknown>,
): Message<Row> => ({
  key: String(value.emission_id),
  value: value as Row,
  headers: { operation },
});
const upToDate: Message<Row> = { headers: { control: 'up-to-date' } };
const pick = (row: Record<string, unknown>, cols: readonly string[]) =>
  Object.fromEntries(cols.map((c) => [c, row[c]]));

class Replica {
  #offset = 0;
  #mutation = 0;
  private constructor(readonly db: SqlDb) {}

  static async open(initial: { id: string; row: Record<string, unknown> }[]): Promise<Replica> {
    const db = await openMemoryDb();
    const writers: Writers = new Map(REPLICA_TABLES.map((t) => [t.name, plainWriter(t)]));
    await installReplica(db, REPLICA_TABLES, writers);
    const r = new Replica(db);
    // The initial sync: a bulk load (triggers off, rollup rebuilt at up-to-date).
    await r.batch(null, [...initial.map((x) => change('insert', full(x.id, x.row))), upToDate]);
    return r;
  }

  batch(handle: string | null, messages: Message<Row>[]): Promise<unknown> {
    const cursor = { offset: `${++this.#offset}_0`, handle: handle ?? 'h1' };
    return this.db.transaction((tx) => applyShapeBatch(tx, emissions, messages, cursor, NOW));
  }

  local(fn: (tx: Parameters<Parameters<SqlDb['transaction']>[0]>[0], m: string) => Promise<void>) {
    return this.db.transaction((tx) => fn(tx, `m${++this.#mutation}`));
  }

  async run(o: Op): Promise<void> {
    switch (o.kind) {
      case 'server-insert':
        await this.batch('h1', [change('insert', full(o.id, o.row)), upToDate]);
        return;
      case 'server-update':
        await this.batch('h1', [
          change('update', { emission_id: o.id, ...pick(o.row, o.cols) }),
          upToDate,
        ]);
        return;
      case 'server-delete':
        await this.batch('h1', [change('delete', { emission_id: o.id }), upToDate]);
        return;
      case 'local-insert':
        await this.local((tx, m) => overlayInsert(tx, emissions, full(o.id, o.row), m));
        return;
      case 'local-update':
        await this.local((tx, m) => overlayUpdate(tx, emissions, o.id, pick(o.row, o.cols), m));
        return;
      case 'local-delete':
        await this.local((tx, m) => overlayDelete(tx, emissions, o.id, m));
        return;
      case 'rollback':
        await this.local(async (tx) => {
          await overlayClear(tx, emissions, o.id);
        });
        return;
      case 'refetch': {
        // must-refetch, then the new snapshot in two batches (a bulk load in between) and a
        // local write while it loads.
        await this.batch('h1', [{ headers: { control: 'must-refetch' } }]);
        const [first, ...rest] = o.rows.map((x) => change('insert', full(x.id, x.row)));
        await this.batch('h2', first ? [first] : []);
        await check(this.db);
        await this.run({ kind: 'local-delete', id: IDS[0] ?? '' });
        await this.batch('h2', [...rest, upToDate]);
        return;
      }
    }
  }
}

function full(id: string, row: Record<string, unknown>): Record<string, unknown> {
  return { emission_id: id, activity_id: `a-${id}`, ...row };
}

const MICRO = `CAST(round(e.co2_equivalent * ${TOTALS_SCALE}) AS INTEGER)`;

/** The rollup as a direct aggregation of the emissions would have it. */
const EXPECTED_ROLLUP = `
  SELECT owner, grain, period, category, scope, SUM(micro) AS micro, COUNT(*) AS n FROM (
    SELECT CASE k.i WHEN 0 THEN 'u:' || e.user_id
             ELSE CASE WHEN e.org_id IS NULL THEN 'p:' || e.user_id ELSE 'o:' || e.org_id END END AS owner,
           g.grain, substr(e.timestamp, 1, g.len) AS period, e.category, e.scope, ${MICRO} AS micro
    FROM emissions e
    CROSS JOIN (SELECT 0 AS i UNION ALL SELECT 1) k
    CROSS JOIN (SELECT 'd' AS grain, 10 AS len UNION ALL SELECT 'm', 7) g
  ) GROUP BY owner, grain, period, category, scope ORDER BY owner, grain, period, category, scope`;

async function rollupReady(db: SqlDb): Promise<boolean> {
  const names = totalsTriggerNames(emissions);
  const rows = await db.all(
    `SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN (${names.map(() => '?').join(', ')})`,
    names,
  );
  return rows.length === names.length;
}

async function directSums(db: SqlDb, userId: string, r: PeriodRange) {
  const f = ownerFilter('e', userId, r.org_id);
  return db.all<{ category: string; scope: string; micro: number; n: number }>(
    `SELECT e.category, e.scope, SUM(${MICRO}) AS micro, COUNT(*) AS n FROM emissions e
     WHERE ${f.sql} AND e.timestamp >= ? AND e.timestamp < ? GROUP BY e.category, e.scope`,
    [...f.params, r.from, r.to] as SqlValue[],
  );
}

const RANGES: PeriodRange[] = [
  { from: '2025-01-01T00:00:00.000Z', to: '2025-07-01T00:00:00.000Z' },
  { from: '2025-01-25T13:14:15.016Z', to: '2025-03-03T00:00:00.000Z', org_id: null },
  { from: '2025-02-01T00:00:00.000Z', to: '2025-04-17T08:00:00.001Z', org_id: ORG },
  { from: '2025-02-10T10:00:00.000Z', to: '2025-02-10T11:00:00.000Z' },
];

/** Every dashboard figure equals the direct aggregation; the rollup does too, when in use. */
async function check(db: SqlDb, ranges: readonly PeriodRange[] = RANGES): Promise<void> {
  if (await rollupReady(db)) {
    const rollup = await db.all(
      'SELECT owner, grain, period, category, scope, micro, n FROM emissions_totals ORDER BY owner, grain, period, category, scope',
    );
    expect(rollup).toEqual(await db.all(EXPECTED_ROLLUP));
  }
  for (const user of USERS) {
    for (const r of ranges) {
      const direct = await directSums(db, user, r);
      const summary = await rangeSummary(db, user, r);
      const micro = direct.reduce((s, x) => s + x.micro, 0);
      expect(summary.kg).toBe(micro / TOTALS_SCALE);
      expect(summary.n).toBe(direct.reduce((s, x) => s + x.n, 0));
      const scope3 = direct.filter((x) => x.scope === '3').reduce((s, x) => s + x.micro, 0);
      expect(summary.scopeSplit.scope3_kg).toBe(scope3 / TOTALS_SCALE);
      for (const c of summary.byCategory) {
        const rows = direct.filter((x) => x.category === c.category);
        expect(c.co2e_kg).toBe(rows.reduce((s, x) => s + x.micro, 0) / TOTALS_SCALE);
        expect(c.activity_count).toBe(rows.reduce((s, x) => s + x.n, 0));
      }
      const months = await totalsByPeriod(db, user, { ...r, groupBy: 'month' });
      const days = await totalsByPeriod(db, user, { ...r, groupBy: 'day' });
      for (const series of [months, days]) {
        expect(series.reduce((s, p) => s + p.activity_count, 0)).toBe(summary.n);
      }
    }
  }
}

describe('dashboard totals', () => {
  it('cut a range into row spans at its ends, whole days and whole months', () => {
    expect(cutRange('2025-01-25T13:14:15.016Z', '2025-04-03T08:00:00.000Z', true)).toEqual({
      rows: [
        ['2025-01-25T13:14:15.016Z', '2025-01-26T00:00:00.000Z'],
        ['2025-04-03T00:00:00.000Z', '2025-04-03T08:00:00.000Z'],
      ],
      months: [['2025-02', '2025-04']],
      days: [
        ['2025-01-26', '2025-02-01'],
        ['2025-04-01', '2025-04-03'],
      ],
    });
    expect(cutRange('2025-01-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z', false)).toEqual({
      rows: [],
      months: [],
      days: [['2025-01-01', '2025-03-01']],
    });
    // Under a day apart, or bounds that are not the replica's ISO form: the rows alone.
    for (const [from, to] of [
      ['2025-01-01T10:00:00.000Z', '2025-01-02T09:00:00.000Z'],
      ['2025-01-01', '2025-03-01'],
    ] as const) {
      expect(cutRange(from, to, true)).toEqual({ rows: [[from, to]], days: [], months: [] });
    }
  });

  it('equal a direct aggregation after any mix of synced and local writes, rollbacks and reloads', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.record({ id, row: values }), { selector: (r) => r.id, maxLength: 8 }),
        fc.array(op, { maxLength: 10 }),
        fc.array(fc.record({ from: iso, to: iso }), { maxLength: 2 }),
        async (initial, ops, ranges) => {
          const replica = await Replica.open(initial);
          await check(replica.db);
          for (const o of ops) {
            await replica.run(o);
            await check(replica.db);
          }
          expect(await rollupReady(replica.db)).toBe(true);
          await check(replica.db, ranges);
          await replica.db.close();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('are built when a replica of an earlier schema is rebuilt, with its unsent writes replayed', async () => {
    const db = await openMemoryDb();
    const writers = (tables: readonly ReplicaTable[]): Writers =>
      new Map(tables.map((t) => [t.name, plainWriter(t)]));
    const earlier = REPLICA_TABLES.map(({ totals: _totals, ...t }) => t);
    await installReplica(db, earlier, writers(earlier));
    const id = IDS[0] ?? '';
    const row = {
      user_id: USERS[0],
      org_id: null,
      co2_equivalent: 12.5,
      category: 'energy',
      scope: '2',
      timestamp: '2025-02-03T10:00:00.000Z',
    };
    await db.transaction((tx) =>
      writeLocal(
        tx,
        writers(earlier),
        { mutation_id: 'm1', table: 'emissions', op: 'insert', row_id: id, payload: full(id, row) },
        NOW,
      ),
    );
    expect(await rollupReady(db)).toBe(false);
    expect(await installReplica(db, REPLICA_TABLES, writers(REPLICA_TABLES))).toBe(true);
    expect(await rollupReady(db)).toBe(true);
    await check(db);
    const feb = { from: '2025-02-01T00:00:00.000Z', to: '2025-03-01T00:00:00.000Z' };
    expect(await rangeSummary(db, USERS[0] ?? '', feb)).toMatchObject({ kg: 12.5, n: 1 });
    await db.close();
  });
});
