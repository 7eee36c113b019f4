/**
 * The part of the worker that needs the emission engine and the factor library (1.9 MB of factor
 * data): an activity's emission (rules in activity-emission.ts) and what the factor picker reads.
 * The worker loads it on first use (engine.ts), so opening the database and answering reads never
 * wait for it.
 */
import { calculateEmission, selectFactor } from '@eco-track/shared-schema';
import type { DeviceEmission, EmissionSpec } from './activity-emission.ts';

export { compatibleUnits, FACTORS } from '@eco-track/shared-schema';

/** Throws EmissionError when the engine refuses. */
export function computeEmission(spec: EmissionSpec): DeviceEmission {
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
