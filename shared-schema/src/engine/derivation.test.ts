/** The derivation's number format and its per-factor template, against their definitions. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculateEmission } from '../index.ts';
import { fmt } from './derivation.ts';

/** What fmt promises: 10 significant digits, ties away from zero, no trailing zeros. */
const definition = (n: number) => String(Number(n.toPrecision(10)));

describe('fmt', () => {
  it('equals rounding to 10 significant digits for every double', () => {
    fc.assert(
      fc.property(fc.double(), (n) => {
        expect(fmt(n)).toBe(definition(n));
      }),
      { numRuns: 20_000 },
    );
  });

  it('equals it for short decimals and their neighbours, where the fast path answers', () => {
    const short = fc
      .tuple(
        fc.integer({ min: -9_999_999_999, max: 9_999_999_999 }),
        fc.integer({ min: -12, max: 12 }),
      )
      .map(([m, e]) => m * 10 ** e);
    fc.assert(
      fc.property(short, fc.constantFrom(-1, 0, 1), (n, step) => {
        const x = step === 0 ? n : n + step * Number.EPSILON * Math.abs(n);
        expect(fmt(x)).toBe(definition(x));
      }),
      { numRuns: 20_000 },
    );
  });

  it('rounds ties away from zero and carries into the next digit', () => {
    expect(fmt(1234567890.5)).toBe('1234567891');
    expect(fmt(-1234567890.5)).toBe('-1234567891');
    expect(fmt(99999999995)).toBe('100000000000');
    expect(fmt(0.30000000000000004)).toBe('0.3');
    expect(fmt(-0)).toBe('0');
    expect(fmt(1e21)).toBe('1e+21');
  });
});

describe('derivation template', () => {
  it('gives each activity its own numbers while the factor part is shared', () => {
    const run = (amount: number, unit: string) =>
      calculateEmission({
        factorKey: 'travel.car.passenger_car.vehicle_mile.us',
        amount,
        unit,
        gwpSet: 'AR5',
      }).derivation;
    const a = run(17, 'km');
    const b = run(10, 'vehicle_mile');
    expect(a).toContain(
      'Activity: 17 km × 0.6213711922 vehicle_mile/km = 10.56331027 vehicle_mile.',
    );
    expect(a).toContain('CO2: 10.56331027 vehicle_mile × 0.297 kg/vehicle_mile = 3.13730315 kg.');
    expect(b).toContain('Activity: 10 vehicle_mile.');
    expect(b).toContain('CO2: 10 vehicle_mile × 0.297 kg/vehicle_mile = 2.97 kg.');
    expect(a.split('\n').slice(0, 2)).toEqual(b.split('\n').slice(0, 2));
    expect(a.split('\n').at(-1)).toBe('Scope 3, Scope 3 category 6.');
    expect(run(17, 'km')).toBe(a);
  });
});
