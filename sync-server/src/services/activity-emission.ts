/**
 * An activity's emission, calculated with the shared engine (shared-schema's activityEmission, the
 * same code the device runs), and its row. Engine refusals (unknown unit or factor, incompatible
 * unit, no default factor) become 422 with the engine's message, named by the field they concern.
 */
import {
  EmissionError,
  activityEmission,
  refusalField,
  type ActivityEmission,
  type ActivityEmissionSpec,
} from '@eco-track/shared-schema';
import type { Queryable } from '../db/types.ts';
import { ValidationError } from '../errors.ts';

export function computeEmission(spec: ActivityEmissionSpec): ActivityEmission {
  try {
    return activityEmission(spec);
  } catch (err) {
    if (!(err instanceof EmissionError)) throw err;
    const field = refusalField(err, spec.factorKey ? 'factor_key' : 'activity_type');
    throw new ValidationError(`${field}: ${err.message}`);
  }
}

/**
 * The calculated columns of an emission row, as written. Numbers travel as their JS string form so
 * numeric keeps every digit of the double. Shared by the single-row upsert below and the bulk
 * insert (activity-bulk-create.ts).
 */
export function emissionFigures(c: ActivityEmission) {
  const r = c.result;
  return {
    co2_equivalent: String(r.co2eKg),
    co2_kg: String(r.co2Kg),
    ch4_kg: String(r.ch4Kg),
    n2o_kg: String(r.n2oKg),
    biogenic_co2_kg: String(r.biogenicCo2Kg),
    co2e_basis: r.co2eBasis,
    factor_key: r.factor.key,
    factor_year: r.factor.year,
    factor_source: r.factor.source,
    gwp_set: r.gwpSet,
    scope: r.factor.scope,
    scope3_category: r.factor.scope3Category,
    category: r.factor.category,
    converted_amount: String(r.convertedAmount),
    factor_unit: r.factorUnit,
    derivation: c.derivation,
  };
}

/** Inserts or replaces the emission row of an activity. */
export async function writeEmission(
  tx: Queryable,
  a: { activity_id: string; user_id: string; org_id: string | null; timestamp: string },
  c: ActivityEmission,
  emissionId: string,
): Promise<string> {
  const f = emissionFigures(c);
  const [row] = await tx.query<{ emission_id: string }>(
    `INSERT INTO emissions (emission_id, activity_id, user_id, org_id, co2_equivalent, co2_kg, ch4_kg,
        n2o_kg, biogenic_co2_kg, co2e_basis, factor_key, factor_year, factor_source, gwp_set, scope,
        scope3_category, category, converted_amount, factor_unit, derivation, "timestamp")
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::numeric, $6::numeric, $7::numeric,
        $8::numeric, $9::numeric, $10, $11, $12::int, $13, $14, $15, $16::smallint, $17,
        $18::numeric, $19, $20, $21::timestamptz)
     ON CONFLICT (activity_id) DO UPDATE SET
        user_id = EXCLUDED.user_id, org_id = EXCLUDED.org_id,
        co2_equivalent = EXCLUDED.co2_equivalent, co2_kg = EXCLUDED.co2_kg,
        ch4_kg = EXCLUDED.ch4_kg, n2o_kg = EXCLUDED.n2o_kg,
        biogenic_co2_kg = EXCLUDED.biogenic_co2_kg, co2e_basis = EXCLUDED.co2e_basis,
        factor_key = EXCLUDED.factor_key, factor_year = EXCLUDED.factor_year,
        factor_source = EXCLUDED.factor_source, gwp_set = EXCLUDED.gwp_set, scope = EXCLUDED.scope,
        scope3_category = EXCLUDED.scope3_category, category = EXCLUDED.category,
        converted_amount = EXCLUDED.converted_amount, factor_unit = EXCLUDED.factor_unit,
        derivation = EXCLUDED.derivation, "timestamp" = EXCLUDED."timestamp"
     RETURNING emission_id`,
    [
      emissionId,
      a.activity_id,
      a.user_id,
      a.org_id,
      f.co2_equivalent,
      f.co2_kg,
      f.ch4_kg,
      f.n2o_kg,
      f.biogenic_co2_kg,
      f.co2e_basis,
      f.factor_key,
      f.factor_year,
      f.factor_source,
      f.gwp_set,
      f.scope,
      f.scope3_category,
      f.category,
      f.converted_amount,
      f.factor_unit,
      f.derivation,
      a.timestamp,
    ],
  );
  if (!row) throw new Error('emission upsert returned no row');
  return row.emission_id;
}
