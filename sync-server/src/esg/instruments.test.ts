import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types.ts';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import {
  createInstrument,
  deleteInstrument,
  instrumentInputSchema,
  listInstruments,
} from './instruments.ts';
import { computeInventory } from './inventory.ts';
import {
  ensureUkGridSplitFactors,
  insertEmissions,
  insertOrg,
  insertUser,
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

async function orgWithElectricity() {
  const user = await insertUser(db);
  const org = await insertOrg(db);
  await insertEmissions(db, [
    // 1000 kWh at the UK generation factor, Scope 2
    {
      userId: user,
      orgId: org,
      timestamp: '2024-03-10T00:00:00Z',
      scope: '2',
      factorKey: 'electricity.uk_grid.generation.kwh.gb',
      co2e: '207.05',
      factorUnit: 'kWh',
      convertedAmount: '1000',
    },
    // purchased heat: Scope 2 but not electricity, never covered by electricity instruments
    {
      userId: user,
      orgId: org,
      timestamp: '2024-03-11T00:00:00Z',
      scope: '2',
      factorKey: 'heat.district_heat_steam.kwh.gb',
      co2e: '50',
      factorUnit: 'kWh',
      convertedAmount: '300',
    },
    { userId: user, orgId: org, timestamp: '2024-03-12T00:00:00Z', scope: '1', co2e: '10' },
  ]);
  return { user, org };
}

describe('market-based Scope 2 from recorded instruments', () => {
  it('reports market = location until an instrument is recorded, then both', async () => {
    const { user, org } = await orgWithElectricity();
    const before = await computeInventory(db, { kind: 'org', orgId: org }, YEAR);
    expect(before.scope2_location_kg).toBe(257.05);
    expect(before.scope2_market_kg).toBe(257.05);
    expect(before.total_market_kg).toBe(before.total_location_kg);

    await createInstrument(
      db,
      org,
      user,
      instrumentInputSchema.parse({
        instrument_type: 'energy_attribute_certificate',
        certificate_scheme: 'REGO',
        period_start: '2024-01-01',
        period_end: '2024-12-31',
        regions: ['gb'],
        quantity_kwh: 400,
      }),
    );
    const after = await computeInventory(db, { kind: 'org', orgId: org }, YEAR);
    expect(after.scope2_location_kg).toBe(257.05);
    // 400 of 1000 kWh certified at 0: 207.05 × 0.6 + heat 50
    expect(after.scope2_market_kg).toBeCloseTo(207.05 * 0.6 + 50, 9);
    expect(after.total_market_kg).toBeCloseTo(10 + 207.05 * 0.6 + 50, 9);
    expect(after.scope2_market.covered_kwh).toBeCloseTo(400, 9);
    expect(after.scope2_market.electricity_kwh).toBe(1000);
    const trace = after.traceability.scope2_market_kg;
    expect(trace?.instruments?.[0]).toMatchObject({ certificate_scheme: 'REGO', unused_kwh: 0 });

    // a supplier-specific rate for the rest
    await createInstrument(
      db,
      org,
      user,
      instrumentInputSchema.parse({
        instrument_type: 'supplier_specific',
        supplier: 'Green Energy Co',
        period_start: '2024-01-01',
        period_end: '2024-12-31',
        emission_factor_kg_per_kwh: 0.1,
      }),
    );
    const both = await computeInventory(db, { kind: 'org', orgId: org }, YEAR);
    expect(both.scope2_market_kg).toBeCloseTo(600 * 0.1 + 50, 9);
    expect(both.scope2_market.fallback_kwh).toBeCloseTo(0, 9);
  });

  it('falls back to location-based outside the instrument period and region', async () => {
    const { user, org } = await orgWithElectricity();
    await createInstrument(
      db,
      org,
      user,
      instrumentInputSchema.parse({
        instrument_type: 'green_tariff',
        period_start: '2023-01-01',
        period_end: '2023-12-31',
      }),
    );
    await createInstrument(
      db,
      org,
      user,
      instrumentInputSchema.parse({
        instrument_type: 'energy_attribute_certificate',
        certificate_scheme: 'REC',
        regions: ['CAMX'],
        period_start: '2024-01-01',
        period_end: '2024-12-31',
        quantity_kwh: 1000,
      }),
    );
    const inv = await computeInventory(db, { kind: 'org', orgId: org }, YEAR);
    expect(inv.scope2_market_kg).toBe(inv.scope2_location_kg);
    expect(inv.scope2_market.instruments_recorded).toBe(2);
    expect(inv.traceability.scope2_market_kg?.note).toMatch(/location-based figure is carried/);
  });

  it('covers the Scope 2 part of the 2+3 factor and leaves its T&D part in Scope 3', async () => {
    const user = await insertUser(db);
    const org = await insertOrg(db);
    await insertEmissions(db, [
      {
        userId: user,
        orgId: org,
        timestamp: '2024-05-01T00:00:00Z',
        scope: '2+3',
        scope3Category: 3,
        factorKey: 'electricity.uk_grid.incl_td.kwh.gb',
        co2e: '225.35',
        factorUnit: 'kWh',
        convertedAmount: '1000',
      },
    ]);
    await createInstrument(
      db,
      org,
      user,
      instrumentInputSchema.parse({
        instrument_type: 'green_tariff',
        period_start: '2024-01-01',
        period_end: '2024-12-31',
      }),
    );
    const inv = await computeInventory(db, { kind: 'org', orgId: org }, YEAR);
    expect(inv.scope2_market_kg).toBeCloseTo(0, 9);
    expect(inv.scope3_kg).toBeCloseTo(18.3, 9);
    expect(inv.total_market_kg).toBeCloseTo(18.3, 9);
  });

  it('validates input and deletes', async () => {
    expect(() =>
      instrumentInputSchema.parse({
        instrument_type: 'energy_attribute_certificate',
        period_start: '2024-01-01',
        period_end: '2024-12-31',
      }),
    ).toThrow(/quantity_kwh/);
    expect(() =>
      instrumentInputSchema.parse({
        instrument_type: 'green_tariff',
        period_start: '2024-05-01',
        period_end: '2024-01-01',
      }),
    ).toThrow(/period_end/);
    expect(() =>
      instrumentInputSchema.parse({
        instrument_type: 'green_tariff',
        period_start: '2024-02-30',
        period_end: '2024-03-01',
      }),
    ).toThrow();
    const { user, org } = await orgWithElectricity();
    const ins = await createInstrument(
      db,
      org,
      user,
      instrumentInputSchema.parse({
        instrument_type: 'green_tariff',
        period_start: '2024-01-01',
        period_end: '2024-01-31',
        regions: ['GB', 'FR'],
      }),
    );
    expect(ins.regions).toEqual(['GB', 'FR']);
    expect(await listInstruments(db, org)).toHaveLength(1);
    await deleteInstrument(db, org, ins.instrument_id);
    expect(await listInstruments(db, org)).toHaveLength(0);
    await expect(deleteInstrument(db, org, ins.instrument_id)).rejects.toThrow(/not found/);
  });
});
