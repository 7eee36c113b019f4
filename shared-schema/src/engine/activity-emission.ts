/**
 * An activity's emission as the device and the server both calculate it, so the device's
 * optimistic number and its derivation are exactly what the server stores:
 *
 *   factor_key given ─► calculateEmission(key [, kept edition], amount, unit, gwp)
 *   no factor_key ───► selectFactor(activity_type, fuel_type, unit, region ?? user's default)
 *
 * The derivation starts with how the factor was chosen. Throws EmissionError when the engine
 * refuses (refusalField, in emission-error.ts, names the request field it is about).
 */
import type { GwpSet } from '../gwp-sets.ts';
import { calculateEmission, type EmissionResult } from './calculate.ts';
import { selectFactor } from './select-factor.ts';

export interface ActivityEmissionSpec {
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

export interface ActivityEmission {
  result: EmissionResult;
  /** The engine's derivation, prefixed with how the factor was chosen. */
  derivation: string;
}

export function activityEmission(spec: ActivityEmissionSpec): ActivityEmission {
  if (spec.factorKey) {
    const result = calculateEmission({
      factorKey: spec.factorKey,
      amount: spec.amount,
      unit: spec.unit,
      gwpSet: spec.gwpSet,
      ...(spec.factorYear !== undefined ? { factorYear: spec.factorYear } : {}),
    });
    return {
      result,
      derivation: `Factor: ${result.factor.key}, edition ${result.factor.year}, as given with the activity.\n${result.derivation}`,
    };
  }
  const region = spec.region ?? spec.defaultRegion;
  const chosen = selectFactor({
    ...(spec.activityType ? { activityType: spec.activityType } : {}),
    ...(spec.fuelType ? { fuelType: spec.fuelType } : {}),
    unit: spec.unit,
    region,
  });
  const result = calculateEmission({
    factorKey: chosen.factor.key,
    factorYear: chosen.factor.year,
    amount: spec.amount,
    unit: spec.unit,
    gwpSet: spec.gwpSet,
  });
  const regionNote = spec.region ? '' : ` (no region given: the user's default region ${region})`;
  return {
    result,
    derivation: `Factor chosen${regionNote}: ${chosen.reason}\n${result.derivation}`,
  };
}
