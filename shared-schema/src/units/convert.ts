/**
 * Dimension-aware conversion between an activity's unit (any everyday spelling) and a factor's
 * unit. Refusals name the accepted units, so a user can fix the input.
 */
import { EmissionError } from '../engine/emission-error.ts';
import { normalizeUnit } from './normalize-unit.ts';
import {
  compatibleUnits,
  dimensionsCompatible,
  unitDefinition,
  unitToBase,
} from './unit-registry.ts';

export function acceptedUnitsMessage(factorUnit: string): string {
  return compatibleUnits(factorUnit).join(', ');
}

/** How many `toUnit` one `fromText` is; throws unknown_unit / incompatible_unit. */
export function unitRatio(fromText: string, toUnit: string): number {
  const to = unitDefinition(toUnit);
  if (!to) throw new EmissionError('unknown_unit', `unknown factor unit "${toUnit}"`);
  const fromId = normalizeUnit(fromText);
  if (fromId === undefined) {
    throw new EmissionError(
      'unknown_unit',
      `unknown unit "${String(fromText).slice(0, 64)}"; this factor is per ${toUnit} and accepts: ${acceptedUnitsMessage(toUnit)}`,
    );
  }
  const from = unitDefinition(fromId);
  if (!from || !dimensionsCompatible(from.dimension, to.dimension)) {
    throw new EmissionError(
      'incompatible_unit',
      `unit "${fromText}" (${from?.dimension ?? '?'}) cannot be converted to ${toUnit} (${to.dimension}); accepted units: ${acceptedUnitsMessage(toUnit)}`,
    );
  }
  if (fromId === toUnit) return 1;
  return (unitToBase(fromId) as number) / (unitToBase(toUnit) as number);
}

/** `amount` in `fromText` expressed in `toUnit`. */
export function convertAmount(amount: number, fromText: string, toUnit: string): number {
  return amount * unitRatio(fromText, normalizeUnit(toUnit) ?? toUnit);
}
