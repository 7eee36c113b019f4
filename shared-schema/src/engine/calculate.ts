/**
 * The emission engine: pure functions, no I/O, the same code on the device and on the server.
 *
 *   calculateEmission  full result: per-gas kg, CO2e, factor used, scope, derivation (lazy)
 *   calculateCo2e      hot path for bulk work: only the CO2e number (same arithmetic)
 *
 * Both go through one compiled-factor table and one unit-ratio cache per factor, so the result of
 * calculateCo2e is bit-for-bit calculateEmission(...).co2eKg.
 */
import { factorEditions, getFactor } from '../factors/library.ts';
import type { Scope } from '../factors/types.ts';
import { DEFAULT_GWP_SET, GWP_SETS, type GwpSet } from '../gwp-sets.ts';
import { unitRatio } from '../units/convert.ts';
import { compileFactor, type Co2eBasis, type CompiledFactor } from './compile.ts';
import { buildDerivation } from './derivation.ts';
import { EmissionError } from './emission-error.ts';

export interface EmissionInput {
  factorKey: string;
  amount: number;
  unit: string;
  gwpSet?: GwpSet;
  factorYear?: number;
}

export interface EmissionResult {
  co2Kg: number;
  ch4Kg: number;
  n2oKg: number;
  co2eKg: number;
  biogenicCo2Kg: number;
  co2eBasis: Co2eBasis;
  gwpSet: GwpSet;
  factor: {
    key: string;
    year: number;
    source: string;
    sourceUrl: string | null;
    scope: Scope;
    scope3Category: number | null;
    category: string;
    unit: string;
    region: string;
  };
  /** The activity amount expressed in the factor's unit. */
  convertedAmount: number;
  factorUnit: string;
  /** Human-readable, multi-line: the arithmetic step by step. */
  derivation: string;
}

const newest = new Map<string, CompiledFactor>();
const byEdition = new Map<string, CompiledFactor>();

export function compiled(key: string, year?: number): CompiledFactor {
  let c = year === undefined ? newest.get(key) : byEdition.get(`${key}@${year}`);
  if (c) return c;
  const f = getFactor(key, year);
  if (!f) {
    const editions = factorEditions(String(key));
    throw new EmissionError(
      'unknown_factor',
      editions.length
        ? `factor ${key} has no edition ${year}; available editions: ${editions.join(', ')}`
        : `unknown factor key "${String(key).slice(0, 160)}"; list factors with GET /api/v1/emission_factors`,
    );
  }
  c = byEdition.get(`${f.key}@${f.year}`) ?? compileFactor(f);
  byEdition.set(`${f.key}@${f.year}`, c);
  if (year === undefined) newest.set(key, c);
  return c;
}

/** Spellings cached per factor; beyond this, odd spellings are converted without caching. */
const MAX_CACHED_SPELLINGS = 32;

function ratioFor(c: CompiledFactor, unit: string): number {
  let r = c.unitRatio.get(unit);
  if (r === undefined) {
    r = unitRatio(unit, c.factor.unit);
    if (c.unitRatio.size < MAX_CACHED_SPELLINGS) c.unitRatio.set(unit, r);
  }
  return r;
}

function checkAmount(amount: number): void {
  if (typeof amount !== 'number' || !(amount >= 0) || amount === Infinity) {
    const why =
      typeof amount !== 'number'
        ? 'is not a number'
        : Number.isNaN(amount)
          ? 'is NaN'
          : amount < 0
            ? 'is negative'
            : 'is infinite';
    throw new EmissionError(
      'invalid_amount',
      `amount ${String(amount)} ${why}; give a finite number ≥ 0 in the activity's unit`,
    );
  }
}

function gwpIdx(gwpSet: GwpSet | undefined): number {
  if (gwpSet === undefined || gwpSet === 'AR5') return 1;
  if (gwpSet === 'AR4') return 0;
  if (gwpSet === 'AR6') return 2;
  throw new EmissionError(
    'invalid_gwp_set',
    `unknown GWP set "${String(gwpSet)}"; use one of ${GWP_SETS.join(', ')}`,
  );
}

/** kg CO2e only: the bulk/benchmark path. Throws like calculateEmission. */
export function calculateCo2e(
  factorKey: string,
  amount: number,
  unit: string,
  gwpSet?: GwpSet,
  factorYear?: number,
): number {
  const c =
    (factorYear === undefined ? newest.get(factorKey) : undefined) ??
    compiled(factorKey, factorYear);
  const r = c.unitRatio.get(unit) ?? ratioFor(c, unit);
  if (typeof amount !== 'number' || !(amount >= 0) || amount === Infinity) checkAmount(amount);
  const perUnit =
    gwpSet === undefined || gwpSet === 'AR5'
      ? c.co2eAr5
      : gwpSet === 'AR6'
        ? c.co2eAr6
        : gwpSet === 'AR4'
          ? c.co2eAr4
          : (c.co2e[gwpIdx(gwpSet)] as number); // throws invalid_gwp_set
  return amount * r * perUnit;
}

export function calculateEmission(input: EmissionInput): EmissionResult {
  if (input === null || typeof input !== 'object') {
    throw new EmissionError(
      'unknown_factor',
      'calculateEmission needs { factorKey, amount, unit }',
    );
  }
  const gwpSet = input.gwpSet ?? DEFAULT_GWP_SET;
  const idx = gwpIdx(gwpSet);
  const c = compiled(input.factorKey, input.factorYear);
  checkAmount(input.amount);
  const ratio = ratioFor(c, input.unit);
  const converted = input.amount * ratio;
  const co2eKg = converted * (c.co2e[idx] as number);
  const f = c.factor;
  const unitText = input.unit;
  const amount = input.amount;
  let text: string | undefined;
  // An own enumerable getter written in the literal (cheap, unlike defineProperty): JSON.stringify,
  // spread and structuredClone all read it; the text is built on first read and kept.
  const result: EmissionResult = {
    co2Kg: converted * c.co2,
    ch4Kg: converted * c.ch4,
    n2oKg: converted * c.n2o,
    co2eKg,
    biogenicCo2Kg: converted * c.biogenicCo2,
    co2eBasis: c.basis,
    gwpSet,
    factor: {
      key: f.key,
      year: f.year,
      source: f.source,
      sourceUrl: f.sourceUrl,
      scope: f.scope,
      scope3Category: f.scope3Category,
      category: f.category,
      unit: f.unit,
      region: f.region,
    },
    convertedAmount: converted,
    factorUnit: f.unit,
    get derivation() {
      return (text ??= buildDerivation({ c, amount, unitText, ratio, converted, gwpSet, co2eKg }));
    },
  };
  return result;
}
