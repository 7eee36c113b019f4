/**
 * Explicit recalculation of a stored emission against another factor edition and/or GWP set.
 * Nothing recalculates on its own: the caller (the server) decides, records old and new values
 * with the reason in emission_recalculations, and only then replaces the stored numbers.
 */
import { factorEditions } from '../factors/library.ts';
import type { GwpSet } from '../gwp-sets.ts';
import { calculateEmission, type EmissionResult } from './calculate.ts';
import { fmt } from './derivation.ts';
import { EmissionError } from './emission-error.ts';

export interface StoredEmission {
  factorKey: string;
  factorYear: number;
  gwpSet: GwpSet;
  amount: number;
  unit: string;
  co2eKg: number;
}

export interface RecalculationRequest {
  stored: StoredEmission;
  /** Target edition; default the newest edition of the factor. */
  factorYear?: number;
  /** Target GWP set; default the stored one. */
  gwpSet?: GwpSet;
  /** Why the recalculation was asked for (kept in the returned reason). */
  reason: string;
}

export interface Recalculation {
  old: { factorYear: number; gwpSet: GwpSet; co2eKg: number };
  new: EmissionResult;
  changed: boolean;
  deltaCo2eKg: number;
  /** The caller's reason plus what changed, e.g. "edition 2024 → 2025; CO2e 1.2 → 1.3 kg". */
  reason: string;
}

export function recalculateEmission(req: RecalculationRequest): Recalculation {
  const why = (req.reason ?? '').trim();
  if (!why) {
    throw new EmissionError(
      'invalid_amount',
      'a recalculation needs a reason (what changed and why)',
    );
  }
  const { stored } = req;
  const editions = factorEditions(stored.factorKey);
  const toYear = req.factorYear ?? editions[0];
  if (toYear === undefined) {
    throw new EmissionError('unknown_factor', `unknown factor key "${stored.factorKey}"`);
  }
  const toGwp = req.gwpSet ?? stored.gwpSet;
  const next = calculateEmission({
    factorKey: stored.factorKey,
    factorYear: toYear,
    gwpSet: toGwp,
    amount: stored.amount,
    unit: stored.unit,
  });
  const changes: string[] = [];
  if (toYear !== stored.factorYear) changes.push(`factor edition ${stored.factorYear} → ${toYear}`);
  if (toGwp !== stored.gwpSet) changes.push(`GWP set ${stored.gwpSet} → ${toGwp}`);
  const delta = next.co2eKg - stored.co2eKg;
  changes.push(
    `CO2e ${fmt(stored.co2eKg)} → ${fmt(next.co2eKg)} kg (${delta >= 0 ? '+' : ''}${fmt(delta)})`,
  );
  return {
    old: { factorYear: stored.factorYear, gwpSet: stored.gwpSet, co2eKg: stored.co2eKg },
    new: next,
    changed:
      next.co2eKg !== stored.co2eKg || toYear !== stored.factorYear || toGwp !== stored.gwpSet,
    deltaCo2eKg: delta,
    reason: `${why}: ${changes.join('; ')}`,
  };
}
