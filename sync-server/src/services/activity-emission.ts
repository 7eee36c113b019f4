/**
 * An activity's emission, calculated with the shared engine (the same code the device runs):
 *
 *   factor_key given ─────────────► calculateEmission(key [, edition], amount, unit, gwp)
 *   no factor_key ── selectFactor(activity_type, fuel_type, unit, region ?? user's default) ─┘
 *
 * The derivation starts with how the factor was chosen. Engine refusals (unknown unit or factor,
 * incompatible unit, no default factor) become 422 with the engine's message.
 */
import {
  EmissionError,
  calculateEmission,
  selectFactor,
  type EmissionResult,
  type GwpSet,
} from '@eco-track/shared-schema';
import type { Queryable } from '../db/types.ts';
import { ValidationError } from '../errors.ts';

export interface EmissionSpec {
  activityType: string | null;
  amount: number;
  unit: string;
  /** A pinned factor, or null to choose the default from the other fields. */
  factorKey: string | null;
  /** The edition to keep for a pinned factor (updates keep the stored edition). */
  factorYear?: number | undefined;
  fuelType: string | null;
  region: string | null;
  gwpSet: GwpSet;
  defaultRegion: string;
}

export interface ComputedEmission {
  result: EmissionResult;
  derivation: string;
}

function refuse(err: unknown, field: string): never {
  if (err instanceof EmissionError) {
    const where =
      err.code === 'unknown_unit' || err.code === 'incompatible_unit'
        ? 'unit'
        : err.code === 'invalid_amount'
          ? 'amount'
          : field;
    throw new ValidationError(`${where}: ${err.message}`);
  }
  throw err;
}

export function computeEmission(spec: EmissionSpec): ComputedEmission {
  if (spec.factorKey) {
    let result: EmissionResult;
    try {
      result = calculateEmission({
        factorKey: spec.factorKey,
        amount: spec.amount,
        unit: spec.unit,
        gwpSet: spec.gwpSet,
        factorYear: spec.factorYear,
      });
    } catch (err) {
      refuse(err, 'factor_key');
    }
    return {
      result,
      derivation: `Factor: ${result.factor.key}, edition ${result.factor.year}, as given with the activity.\n${result.derivation}`,
    };
  }
  const region = spec.region ?? spec.defaultRegion;
  let chosen: ReturnType<typeof selectFactor>;
  let result: EmissionResult;
  try {
    chosen = selectFactor({
      activityType: spec.activityType ?? undefined,
      fuelType: spec.fuelType ?? undefined,
      unit: spec.unit,
      region,
    });
    result = calculateEmission({
      factorKey: chosen.factor.key,
      factorYear: chosen.factor.year,
      amount: spec.amount,
      unit: spec.unit,
      gwpSet: spec.gwpSet,
    });
  } catch (err) {
    refuse(err, 'activity_type');
  }
  const regionNote = spec.region ? '' : ` (no region given: the user's default region ${region})`;
  return {
    result,
    derivation: `Factor chosen${regionNote}: ${chosen.reason}\n${result.derivation}`,
  };
}

/**
 * The calculated columns of an emission row, as written. Numbers travel as their JS string form so
 * numeric keeps every digit of the double. Shared by the single-row upsert below and the bulk
 * insert (activity-bulk-create.ts).
 */
export function emissionFigures(c: ComputedEmission) {
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
  c: ComputedEmission,
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
