/** Properties of the engine over the whole library, with fast-check. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FACTORS,
  GWP_SETS,
  calculateCo2e,
  calculateEmission,
  compatibleUnits,
  convertAmount,
  gwpValues,
  methaneOrigin,
  UNIT_DEFINITIONS,
} from '../index.ts';

const factorArb = fc.constantFrom(...FACTORS);
const amountArb = fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true });
/** A factor with one of the units its activity may be given in. */
const factorUnitArb = factorArb.chain((f) =>
  fc.record({ f: fc.constant(f), unit: fc.constantFrom(...compatibleUnits(f.unit)) }),
);
const close = (a: number, b: number, rel = 1e-9) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(Math.abs(a), Math.abs(b)) + 1e-12);

describe('engine properties', () => {
  it('is linear in the amount: E(a + b) = E(a) + E(b) and E(k·a) = k·E(a), per gas too', () => {
    fc.assert(
      fc.property(
        factorUnitArb,
        amountArb,
        amountArb,
        fc.constantFrom(...GWP_SETS),
        ({ f, unit }, a, b, g) => {
          const e = (x: number) =>
            calculateEmission({ factorKey: f.key, factorYear: f.year, amount: x, unit, gwpSet: g });
          const ab = e(a + b);
          close(ab.co2eKg, e(a).co2eKg + e(b).co2eKg);
          close(ab.ch4Kg, e(a).ch4Kg + e(b).ch4Kg);
          close(e(3 * a).co2eKg, 3 * e(a).co2eKg);
          expect(e(0).co2eKg).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('round-trips units: a → b → a gives the amount back, for every pair in a dimension', () => {
    const pairs = UNIT_DEFINITIONS.flatMap((a) =>
      UNIT_DEFINITIONS.filter((b) => b.dimension === a.dimension).map((b) => [a.id, b.id] as const),
    );
    fc.assert(
      fc.property(fc.constantFrom(...pairs), amountArb, ([a, b], x) => {
        close(convertAmount(convertAmount(x, a, b), b, a), x, 1e-12);
      }),
      { numRuns: 500 },
    );
  });

  it('switching GWP sets changes only the CH4 and N2O contributions', () => {
    fc.assert(
      fc.property(
        factorUnitArb,
        amountArb,
        fc.constantFrom(...GWP_SETS),
        fc.constantFrom(...GWP_SETS),
        ({ f, unit }, x, s1, s2) => {
          const r1 = calculateEmission({
            factorKey: f.key,
            factorYear: f.year,
            amount: x,
            unit,
            gwpSet: s1,
          });
          const r2 = calculateEmission({
            factorKey: f.key,
            factorYear: f.year,
            amount: x,
            unit,
            gwpSet: s2,
          });
          expect([r2.co2Kg, r2.ch4Kg, r2.n2oKg, r2.biogenicCo2Kg]).toEqual([
            r1.co2Kg,
            r1.ch4Kg,
            r1.n2oKg,
            r1.biogenicCo2Kg,
          ]);
          const g1 = gwpValues(s1, methaneOrigin(f));
          const g2 = gwpValues(s2, methaneOrigin(f));
          const reweightable = r1.co2eBasis === 'per_gas' || /^AR[456]$/.test(f.co2eGwpSet ?? '');
          const expected = reweightable
            ? r1.ch4Kg * (g2.ch4 - g1.ch4) + r1.n2oKg * (g2.n2o - g1.n2o)
            : 0;
          close(r2.co2eKg - r1.co2eKg, expected, 1e-6);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('calculateCo2e is bit-for-bit calculateEmission(...).co2eKg', () => {
    fc.assert(
      fc.property(factorUnitArb, amountArb, fc.constantFrom(...GWP_SETS), ({ f, unit }, x, g) => {
        expect(calculateCo2e(f.key, x, unit, g, f.year)).toBe(
          calculateEmission({ factorKey: f.key, factorYear: f.year, amount: x, unit, gwpSet: g })
            .co2eKg,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('every factor of the library calculates, with a derivation that ends in its scope', () => {
    for (const f of FACTORS) {
      for (const g of GWP_SETS) {
        const r = calculateEmission({
          factorKey: f.key,
          factorYear: f.year,
          amount: 1,
          unit: f.unit,
          gwpSet: g,
        });
        expect(Number.isFinite(r.co2eKg) && r.co2eKg >= 0).toBe(true);
        expect(r.derivation.split('\n').at(-1)).toMatch(/^Scope /);
      }
    }
  });

  it('the derivation survives JSON, spread and structuredClone', () => {
    const r = calculateEmission({
      factorKey: 'electricity.egrid.camx.kwh',
      amount: 1,
      unit: 'kWh',
    });
    const d = r.derivation;
    expect((JSON.parse(JSON.stringify(r)) as { derivation: string }).derivation).toBe(d);
    expect({ ...r }.derivation).toBe(d);
    expect(structuredClone(r).derivation).toBe(d);
  });
});
