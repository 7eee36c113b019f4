import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types.ts';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { computeInventory } from './inventory.ts';
import { auditLines } from './inventory-trace.ts';
import {
  ensureUkGridSplitFactors,
  fromMicro,
  insertEmissions,
  insertOrg,
  insertUser,
  micro,
  type EmissionSpec,
} from './test-fixtures.ts';

let t: TestDb;
let db: Db;
beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  await ensureUkGridSplitFactors(db);
});
afterAll(async () => t.drop());

const YEAR = { from: '2024-01-01', to: '2024-12-31' };

describe('inventory totals', () => {
  it('classifies by scope and Scope 3 category, per gas, biogenic apart, and counts activities', async () => {
    const user = await insertUser(db);
    const org = await insertOrg(db, { employees: 10, revenue: 2_000_000 });
    await insertEmissions(db, [
      {
        userId: user,
        orgId: org,
        timestamp: '2024-02-01T10:00:00Z',
        scope: '1',
        co2e: '100.5',
        co2: '98',
        ch4: '0.05',
        n2o: '0.004',
        biogenic: '7',
      },
      {
        userId: user,
        orgId: org,
        timestamp: '2024-03-01T10:00:00Z',
        scope: '2',
        co2e: '40',
        co2: '39.5',
        factorKey: 'electricity.egrid.camx.kwh',
        factorUnit: 'kWh',
        convertedAmount: '200',
      },
      {
        userId: user,
        orgId: org,
        timestamp: '2024-04-01T10:00:00Z',
        scope: '3',
        scope3Category: 6,
        co2e: '12.25',
      },
      {
        userId: user,
        orgId: org,
        timestamp: '2024-04-02T10:00:00Z',
        scope: '3',
        scope3Category: 1,
        co2e: '30',
        factorUnit: 'USD',
        dataQuality: 'estimated',
      },
      // outside the period: not counted
      { userId: user, orgId: org, timestamp: '2025-01-01T00:00:00Z', scope: '1', co2e: '999' },
      // a personal emission of the same user: not the organisation's
      { userId: user, timestamp: '2024-05-01T10:00:00Z', scope: '1', co2e: '55' },
    ]);
    const inv = await computeInventory(db, { kind: 'org', orgId: org }, YEAR);
    expect(inv.scope1_kg).toBe(100.5);
    expect(inv.scope2_location_kg).toBe(40);
    expect(inv.scope2_market_kg).toBe(40);
    expect(inv.scope3_kg).toBe(42.25);
    expect(inv.scope3_by_category).toEqual({ '1': 30, '6': 12.25 });
    expect(inv.scope3_excluded_categories).toEqual([2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(inv.total_location_kg).toBe(182.75);
    expect(inv.total_market_kg).toBe(182.75);
    expect(inv.activity_count).toBe(4);
    expect(inv.by_gas).toEqual({
      co2_kg: 137.5,
      ch4_kg: 0.05,
      n2o_kg: 0.004,
      unsplit_co2e_kg: 42.25,
    });
    expect(inv.biogenic_co2_kg).toBe(7);
    expect(inv.intensity.location_kg_per_employee).toBeCloseTo(18.275, 10);
    expect(inv.intensity.location_t_per_million_revenue).toBeCloseTo(0.091375, 10);
    expect(inv.data_quality.spend_based.co2e_kg).toBe(30);
    expect(inv.data_quality.measured.activity_count).toBe(3);
    expect(inv.data_quality.estimated.activity_count).toBe(0);
    expect(
      inv.data_quality.measured.activity_pct + inv.data_quality.spend_based.activity_pct,
    ).toBeCloseTo(100, 10);

    const personal = await computeInventory(db, { kind: 'user', userId: user }, YEAR);
    expect(personal.total_location_kg).toBe(55);
    expect(personal.activity_count).toBe(1);
  });

  it('splits the 2+3 convenience factor into Scope 2 and Scope 3 category 3 without double counting', async () => {
    const user = await insertUser(db);
    const org = await insertOrg(db);
    await insertEmissions(db, [
      {
        userId: user,
        orgId: org,
        timestamp: '2024-06-01T00:00:00Z',
        scope: '2+3',
        scope3Category: 3,
        factorKey: 'electricity.uk_grid.incl_td.kwh.gb',
        co2e: '225.35',
        co2: '223.04',
        factorUnit: 'kWh',
        convertedAmount: '1000',
      },
    ]);
    const inv = await computeInventory(db, { kind: 'org', orgId: org }, YEAR);
    // generation share = 0.20705 / (0.20705 + 0.0183)
    expect(inv.scope2_location_kg).toBeCloseTo(207.05, 9);
    expect(inv.scope3_by_category['3']).toBeCloseTo(18.3, 9);
    expect(inv.scope2_location_kg + inv.scope3_kg).toBeCloseTo(225.35, 9);
    expect(inv.total_location_kg).toBe(225.35);
    expect(inv.activity_count).toBe(1);
    expect(inv.traceability.scope2_location_kg?.activity_ids).toHaveLength(1);
    expect(inv.traceability['scope3_by_category.3']?.activity_ids).toHaveLength(1);
  });

  it('compares with the prior year and the base year', async () => {
    const user = await insertUser(db);
    const org = await insertOrg(db, { baseYear: 2022 });
    await insertEmissions(db, [
      { userId: user, orgId: org, timestamp: '2022-07-01T00:00:00Z', scope: '1', co2e: '200' },
      { userId: user, orgId: org, timestamp: '2023-07-01T00:00:00Z', scope: '1', co2e: '160' },
      { userId: user, orgId: org, timestamp: '2024-07-01T00:00:00Z', scope: '1', co2e: '120' },
    ]);
    const inv = await computeInventory(db, { kind: 'org', orgId: org }, YEAR);
    expect(inv.comparison.prior_year.total_location_kg).toBe(160);
    expect(inv.comparison.base_year?.total_location_kg).toBe(200);
    expect(inv.comparison.base_year?.year).toBe(2022);
    expect(inv.comparison.change_vs_prior_pct.location).toBeCloseTo(-25, 10);
    expect(inv.comparison.change_vs_base_pct?.location).toBeCloseTo(-40, 10);
  });

  it('traces every figure to its activities, factors (key, edition, source) and GWP set', async () => {
    const user = await insertUser(db);
    const org = await insertOrg(db);
    const ids = await insertEmissions(db, [
      {
        userId: user,
        orgId: org,
        timestamp: '2024-01-05T00:00:00Z',
        scope: '1',
        co2e: '1',
        factorKey: 'stationary.natural_gas.therm.us',
        factorYear: 2025,
        factorSource: 'EPA Hub 2025',
      },
      {
        userId: user,
        orgId: org,
        timestamp: '2024-01-06T00:00:00Z',
        scope: '1',
        co2e: '2',
        factorKey: 'stationary.natural_gas.therm.us',
        factorYear: 2025,
        factorSource: 'EPA Hub 2025',
        gwpSet: 'AR6',
      },
      {
        userId: user,
        orgId: org,
        timestamp: '2024-01-07T00:00:00Z',
        scope: '3',
        scope3Category: 6,
        co2e: '3',
        factorKey: 'flight.short_haul.economy.passenger_km.gb',
        factorSource: 'DESNZ 2024',
      },
    ]);
    const inv = await computeInventory(db, { kind: 'org', orgId: org }, YEAR, { traceLimit: 1 });
    const s1 = inv.traceability.scope1_kg;
    expect(s1?.activity_count).toBe(2);
    expect(s1?.activity_ids).toEqual([ids[0]]);
    expect(s1?.activity_ids_truncated).toBe(true);
    expect(s1?.gwp_sets).toEqual(['AR5', 'AR6']);
    expect(
      s1?.factors.map((f) => [f.factor_key, f.factor_year, f.factor_source, f.gwp_set, f.co2e_kg]),
    ).toEqual([
      ['stationary.natural_gas.therm.us', 2025, 'EPA Hub 2025', 'AR6', 2],
      ['stationary.natural_gas.therm.us', 2025, 'EPA Hub 2025', 'AR5', 1],
    ]);
    expect(inv.traceability['scope3_by_category.6']?.activity_ids).toEqual([ids[2]]);
    expect(inv.notes.join(' ')).toMatch(/several GWP sets/);

    const all = await auditLines(db, { kind: 'org', orgId: org }, YEAR, { limit: 10 });
    expect(all.map((l) => l.activity_id)).toEqual(ids);
    const page2 = await auditLines(db, { kind: 'org', orgId: org }, YEAR, {
      limit: 10,
      after: { timestamp: all[0]?.timestamp ?? '', activity_id: all[0]?.activity_id ?? '' },
    });
    expect(page2.map((l) => l.activity_id)).toEqual(ids.slice(1));
    const s3 = await auditLines(db, { kind: 'org', orgId: org }, YEAR, {
      limit: 10,
      figure: 'scope3',
    });
    expect(s3.map((l) => [l.factor_key, l.factor_source, l.co2e_kg])).toEqual([
      ['flight.short_haul.economy.passenger_km.gb', 'DESNZ 2024', 3],
    ]);
  });
});

// decimal strings with up to 6 places, so the expected sums can be computed exactly
const decimal = fc
  .bigInt({ min: 0n, max: 5_000_000_000n })
  .map((v) => `${v / 1_000_000n}.${(v % 1_000_000n).toString().padStart(6, '0')}`);

const spec = fc.record({
  scope: fc.constantFrom<'1' | '2' | '3'>('1', '2', '3'),
  cat: fc.integer({ min: 1, max: 15 }),
  co2e: decimal,
  day: fc.integer({ min: -30, max: 395 }), // some fall outside 2024
  quality: fc.constantFrom<'measured' | 'estimated'>('measured', 'estimated'),
  spend: fc.boolean(),
  factor: fc.integer({ min: 0, max: 3 }),
});

describe('reconciliation (property)', () => {
  it('totals equal the exact sum of activity emissions, after inserts, updates and deletes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(spec, { minLength: 0, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (specs, deletions) => {
          const user = await insertUser(db);
          const org = await insertOrg(db);
          const rows: EmissionSpec[] = specs.map((s) => ({
            userId: user,
            orgId: org,
            timestamp: new Date(Date.UTC(2024, 0, 1 + s.day, 12)).toISOString(),
            scope: s.scope,
            scope3Category: s.scope === '3' ? s.cat : null,
            co2e: s.co2e,
            co2: s.co2e,
            factorKey: `test.factor_${s.factor}.unit.global`,
            factorUnit: s.spend ? 'USD' : 'kg',
            dataQuality: s.quality,
          }));
          const ids = await insertEmissions(db, rows);
          // delete some activities and flip the quality of others: the rollup must follow
          const gone = new Set(
            deletions.filter(() => ids.length > 0).map((d) => ids[d % ids.length]!),
          );
          for (const id of gone)
            await db.query('DELETE FROM activities WHERE activity_id = $1::uuid', [id]);
          if (ids.length > 0)
            await db.query(
              `UPDATE activities SET data_quality = CASE data_quality WHEN 'measured' THEN 'estimated' ELSE 'measured' END
               WHERE activity_id = $1::uuid`,
              [ids[0]],
            );
          const live = rows
            .map((r, i) => ({ ...r, id: ids[i]! }))
            .filter(
              (r) => !gone.has(r.id) && r.timestamp >= '2024-01-01' && r.timestamp < '2025-01-01',
            );

          const inv = await computeInventory(db, { kind: 'org', orgId: org }, YEAR);
          const sum = (pick: (r: EmissionSpec) => boolean) =>
            fromMicro(live.filter(pick).reduce((s, r) => s + micro(r.co2e), 0n));
          expect(inv.total_location_kg).toBe(sum(() => true));
          expect(inv.total_market_kg).toBe(inv.total_location_kg);
          expect(inv.scope1_kg).toBe(sum((r) => r.scope === '1'));
          expect(inv.scope2_location_kg).toBe(sum((r) => r.scope === '2'));
          expect(inv.scope3_kg).toBe(sum((r) => r.scope === '3'));
          for (const [cat, kg] of Object.entries(inv.scope3_by_category))
            expect(kg).toBe(sum((r) => r.scope === '3' && r.scope3Category === Number(cat)));
          expect(inv.by_gas.co2_kg).toBe(inv.total_location_kg);
          expect(inv.activity_count).toBe(live.length);
          expect(inv.data_quality.spend_based.co2e_kg).toBe(sum((r) => r.factorUnit === 'USD'));
          const factorTotal = inv.traceability.total_location_kg!.factors.reduce(
            (s, f) => s + f.activity_count,
            0,
          );
          expect(factorTotal).toBe(live.length);
          // and the same from the raw rows, bypassing the rollup
          const [raw] = await db.query<{ s: number | null; n: number }>(
            `SELECT sum(co2_equivalent) AS s, count(*) AS n FROM emissions
             WHERE org_id = $1::uuid AND "timestamp" >= '2024-01-01' AND "timestamp" < '2025-01-01'`,
            [org],
          );
          expect(inv.total_location_kg).toBe(raw?.s ?? 0);
        },
      ),
      { numRuns: 25 },
    );
  });
});
