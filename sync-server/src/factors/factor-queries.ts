/**
 * Reading the public factor library from Postgres for GET /api/v1/emission_factors: filters,
 * text search and pagination in SQL; `emission_factor` (kg CO2e per unit under AR5) computed by
 * the shared engine from the row itself, so it matches what calculateEmission applies.
 */
import {
  compileFactor,
  resolveCategory,
  type EmissionFactor,
  type EmissionFactorItem,
  type EmissionFactorListQuery,
  type Scope,
} from '@eco-track/shared-schema';
import type { Queryable } from '../db/types.ts';

interface FactorRow {
  emission_factor_id: string;
  key: string;
  year: number;
  category: string;
  activity_type: string;
  fuel_type: string | null;
  region: string;
  unit: string;
  co2_kg: number | null;
  ch4_kg: number | null;
  n2o_kg: number | null;
  co2e_kg: number | null;
  co2e_gwp_set: string | null;
  ch4_co2e_kg: number | null;
  n2o_co2e_kg: number | null;
  scope: string;
  scope3_category: number | null;
  source: string;
  source_table: string | null;
  source_url: string | null;
  license: string | null;
  notes: string | null;
  [k: string]: unknown;
}

const AR5 = 1; // index of AR5 in GWP_SETS (AR4, AR5, AR6)

/** `%word%` for ILIKE, with the user's own % and _ taken literally. */
const contains = (word: string) => `%${word.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export function toFactor(r: FactorRow): EmissionFactor {
  return {
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
    scope: r.scope as Scope,
    scope3Category: r.scope3_category,
    source: r.source,
    sourceTable: r.source_table,
    sourceUrl: r.source_url,
    license: r.license,
    notes: r.notes,
  };
}

function toItem(r: FactorRow): EmissionFactorItem {
  return {
    emission_factor_id: r.emission_factor_id,
    key: r.key,
    year: r.year,
    category: r.category,
    activity_type: r.activity_type,
    fuel_type: r.fuel_type,
    region: r.region,
    unit: r.unit,
    emission_factor: compileFactor(toFactor(r)).co2e[AR5] as number,
    co2_factor: r.co2_kg,
    ch4_factor: r.ch4_kg,
    n2o_factor: r.n2o_kg,
    co2e_gwp_set: r.co2e_gwp_set,
    scope: r.scope as Scope,
    scope3_category: r.scope3_category,
    source: r.source,
    source_table: r.source_table,
    source_url: r.source_url,
    license: r.license,
    notes: r.notes,
  };
}

export async function listEmissionFactors(
  db: Queryable,
  q: EmissionFactorListQuery,
): Promise<{ items: EmissionFactorItem[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (q.activity_type) {
    // A seed activity type or a category name filters by category; other text searches the name.
    const cat = resolveCategory(q.activity_type);
    where.push(
      cat
        ? `category = ${p(cat)}::text`
        : `activity_type ILIKE ${p(contains(q.activity_type))}::text`,
    );
  }
  if (q.fuel_type) {
    for (const w of q.fuel_type.split(/\s+/)) where.push(`fuel_type ILIKE ${p(contains(w))}::text`);
  }
  if (q.region) where.push(`region = ${p(q.region)}::text`);
  if (q.category) where.push(`category = ${p(q.category)}::text`);
  if (q.scope) where.push(`scope = ${p(q.scope)}::text`);
  if (q.year !== undefined) where.push(`year = ${p(q.year)}::int`);
  if (q.key) where.push(`key = ${p(q.key)}::text`);
  if (q.q) {
    for (const w of q.q.split(/\s+/)) {
      const x = p(contains(w));
      where.push(
        `(key ILIKE ${x}::text OR activity_type ILIKE ${x}::text OR coalesce(fuel_type, '') ILIKE ${x}::text OR source ILIKE ${x}::text)`,
      );
    }
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [count] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM emission_factors ${filter}`,
    params,
  );
  const rows = await db.query<FactorRow>(
    `SELECT emission_factor_id, key, year, category, activity_type, fuel_type, region, unit,
            co2_kg, ch4_kg, n2o_kg, co2e_kg, co2e_gwp_set, ch4_co2e_kg, n2o_co2e_kg, scope,
            scope3_category, source, source_table, source_url, license, notes
       FROM emission_factors ${filter}
      ORDER BY key, year DESC
      LIMIT ${p(q.page_size)}::int OFFSET ${p((q.page - 1) * q.page_size)}::int`,
    params,
  );
  return { items: rows.map(toItem), total: count?.n ?? 0 };
}
