/**
 * Precompiled per-factor coefficients: everything calculateEmission needs that does not depend on
 * the amount, computed once per factor edition. The hot path is then a table lookup, a cached unit
 * ratio and one multiply.
 *
 * How CO2e per unit is formed (per GWP set S):
 *   per_gas       EPA-style rows (masses only): CO2 + CH4 × GWP_CH4(S) + N2O × GWP_N2O(S)
 *   source_co2e   the source's own CO2e total. Where the source also gives CH4/N2O masses and its
 *                 GWP set is known (DESNZ, AR5), the total is re-weighted to S by adding
 *                 CH4 × (GWP_S − GWP_pub) + N2O × (GWP_S − GWP_pub): only the CH4/N2O
 *                 contributions change, and under the publisher's set the total is exactly theirs.
 *                 Otherwise (EPA waste AR4, USEEIO, OWID food, Ember, DESNZ totals-only rows) the
 *                 total is used as published under every set.
 * Biogenic CO2 (EPA biomass rows) is carried separately and is not part of CO2e.
 */
import type { EmissionFactor } from '../factors/types.ts';
import { GWP_SETS, type GwpSet } from '../gwp-sets.ts';
import { co2IsBiogenic, methaneOrigin } from './classify.ts';
import { gwpValues, type MethaneOrigin } from './gwp.ts';

export type Co2eBasis = 'per_gas' | 'source_co2e';

export interface CompiledFactor {
  readonly factor: EmissionFactor;
  readonly basis: Co2eBasis;
  readonly origin: MethaneOrigin;
  /** kg per factor unit; 0 where the source gives no value. */
  readonly co2: number;
  readonly biogenicCo2: number;
  readonly ch4: number;
  readonly n2o: number;
  /** The source's GWP set when its total is re-weighted; null when used as published. */
  readonly reweightFrom: GwpSet | null;
  /** kg CO2e per factor unit under AR4, AR5, AR6 (GWP_SETS order). */
  readonly co2e: readonly number[];
  /** The same three numbers as fields, for the hot path. */
  readonly co2eAr4: number;
  readonly co2eAr5: number;
  readonly co2eAr6: number;
  /** activity unit text → multiplier into the factor unit (filled by calculate.ts). */
  readonly unitRatio: Map<string, number>;
}

const isGwpSet = (s: string | null): s is GwpSet =>
  s !== null && (GWP_SETS as readonly string[]).includes(s);

export function compileFactor(f: EmissionFactor): CompiledFactor {
  const origin = methaneOrigin(f);
  const bio = co2IsBiogenic(f);
  const co2Mass = f.co2Kg ?? 0;
  const ch4 = f.ch4Kg ?? 0;
  const n2o = f.n2oKg ?? 0;
  const co2 = bio ? 0 : co2Mass;
  const hasGases = f.co2Kg !== null || f.ch4Kg !== null || f.n2oKg !== null;
  const basis: Co2eBasis = f.co2eKg === null && hasGases ? 'per_gas' : 'source_co2e';
  const reweightFrom =
    basis === 'source_co2e' && (f.ch4Kg !== null || f.n2oKg !== null) && isGwpSet(f.co2eGwpSet)
      ? f.co2eGwpSet
      : null;
  const co2e = GWP_SETS.map((set) => {
    const g = gwpValues(set, origin);
    if (basis === 'per_gas') return co2 + ch4 * g.ch4 + n2o * g.n2o;
    const published = f.co2eKg ?? 0;
    if (reweightFrom === null) return published;
    const p = gwpValues(reweightFrom, origin);
    return published + ch4 * (g.ch4 - p.ch4) + n2o * (g.n2o - p.n2o);
  });
  return {
    factor: f,
    basis,
    origin,
    co2,
    biogenicCo2: bio ? co2Mass : 0,
    ch4,
    n2o,
    reweightFrom,
    co2e,
    co2eAr4: co2e[0] as number,
    co2eAr5: co2e[1] as number,
    co2eAr6: co2e[2] as number,
    unitRatio: new Map(),
  };
}
