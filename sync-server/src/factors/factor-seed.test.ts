/**
 * One source of truth: after the migrations, Postgres holds exactly the rows of the generated
 * client data (FACTORS), with deterministic ids (UUIDv5 of key@year).
 */
import { FACTORS, emissionFactorId } from '@eco-track/shared-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types.ts';
import { createTestDb, type TestDb } from '../testing/test-db.ts';

let t: TestDb;
let db: Db;
beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
});
afterAll(async () => {
  await t.drop();
});

describe('emission_factors seed', () => {
  it('holds the same rows as the generated client data, field by field', async () => {
    const rows = await db.query(
      `SELECT emission_factor_id, key, year, category, activity_type, fuel_type, region, unit,
              co2_kg, ch4_kg, n2o_kg, co2e_kg, co2e_gwp_set, ch4_co2e_kg, n2o_co2e_kg, scope,
              scope3_category, source, source_table, source_url, license, notes
         FROM emission_factors ORDER BY key, year`,
    );
    const fromDb = rows.map((r) => ({
      id: r.emission_factor_id,
      key: r.key,
      year: r.year,
      category: r.category,
      activity: r.activity_type,
      fuelOrMode: r.fuel_type,
      region: r.region,
      unit: r.unit,
      co2Kg: r.co2_kg,
      ch4Kg: r.ch4_kg,
      n2oKg: r.n2o_kg,
      co2eKg: r.co2e_kg,
      co2eGwpSet: r.co2e_gwp_set,
      ch4Co2eKg: r.ch4_co2e_kg,
      n2oCo2eKg: r.n2o_co2e_kg,
      scope: r.scope,
      scope3Category: r.scope3_category,
      source: r.source,
      sourceTable: r.source_table,
      sourceUrl: r.source_url,
      license: r.license,
      notes: r.notes,
    }));
    const fromClient = [...FACTORS]
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.year - b.year))
      .map((f) => ({ id: emissionFactorId(f.key, f.year), ...f }));
    expect(fromDb.length).toBe(FACTORS.length);
    // Exact equality, numbers included: double precision round-trips the JSON literals.
    expect(fromDb).toEqual(fromClient);
  });
});
