/** Every refusal of the engine: its code, and a message that says how to fix the input. */
import { describe, expect, it } from 'vitest';
import {
  EmissionError,
  calculateCo2e,
  calculateEmission,
  calculateRoadVehicleEpa,
  recalculateEmission,
  selectFactor,
  type EmissionErrorCode,
} from '../index.ts';

function refusal(fn: () => unknown): { code: EmissionErrorCode; message: string } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(EmissionError);
    const e = err as EmissionError;
    return { code: e.code, message: e.message };
  }
  throw new Error('expected a refusal');
}
const calc = (factorKey: string, amount: number, unit: string) => () =>
  calculateEmission({ factorKey, amount, unit });

describe('refusals', () => {
  it('unknown factor key', () => {
    const r = refusal(calc('no.such.factor', 1, 'kg'));
    expect(r.code).toBe('unknown_factor');
    expect(r.message).toContain('unknown factor key "no.such.factor"');
  });

  it('unknown edition names the editions that exist', () => {
    const r = refusal(() =>
      calculateEmission({
        factorKey: 'electricity.egrid.camx.kwh',
        factorYear: 1999,
        amount: 1,
        unit: 'kWh',
      }),
    );
    expect(r).toEqual({
      code: 'unknown_factor',
      message: 'factor electricity.egrid.camx.kwh has no edition 1999; available editions: 2025',
    });
  });

  it('unknown unit lists the units the factor accepts', () => {
    const r = refusal(calc('electricity.egrid.camx.kwh', 1, 'furlongs'));
    expect(r.code).toBe('unknown_unit');
    expect(r.message).toMatch(
      /unknown unit "furlongs"; this factor is per kWh and accepts: kWh, MWh, MJ, GJ, J, Btu, mmBtu, therm, toe/,
    );
  });

  it('incompatible unit names its dimension and the accepted units', () => {
    const r = refusal(calc('electricity.egrid.camx.kwh', 1, 'miles'));
    expect(r.code).toBe('incompatible_unit');
    expect(r.message).toBe(
      'unit "miles" (length) cannot be converted to kWh (energy); accepted units: kWh, MWh, MJ, GJ, J, Btu, mmBtu, therm, toe',
    );
  });

  it('refuses standard cubic feet against a per-m³ factor (reference conditions differ)', () => {
    expect(refusal(calc('fuel.natural_gas.m3.gb', 1, 'scf')).code).toBe('incompatible_unit');
  });

  it('refuses passenger-distance against a vehicle-distance factor (occupancy unknown)', () => {
    expect(
      refusal(calc('travel.car.passenger_car.vehicle_mile.us', 1, 'passenger miles')).code,
    ).toBe('incompatible_unit');
  });

  it.each([
    [-1, 'is negative'],
    [Number.NaN, 'is NaN'],
    [Number.POSITIVE_INFINITY, 'is infinite'],
    [Number.NEGATIVE_INFINITY, 'is negative'],
    ['12' as unknown as number, 'is not a number'],
  ])('refuses the amount %s (%s), in both entry points', (amount, why) => {
    const r = refusal(calc('electricity.egrid.camx.kwh', amount, 'kWh'));
    expect(r.code).toBe('invalid_amount');
    expect(r.message).toContain(why);
    expect(r.message).toContain('give a finite number ≥ 0');
    expect(refusal(() => calculateCo2e('electricity.egrid.camx.kwh', amount, 'kWh')).code).toBe(
      'invalid_amount',
    );
  });

  it('refuses an unknown GWP set', () => {
    const r = refusal(() =>
      calculateEmission({
        factorKey: 'electricity.egrid.camx.kwh',
        amount: 1,
        unit: 'kWh',
        gwpSet: 'AR3' as 'AR5',
      }),
    );
    expect(r).toEqual({
      code: 'invalid_gwp_set',
      message: 'unknown GWP set "AR3"; use one of AR4, AR5, AR6',
    });
  });

  it('selectFactor: unknown activity type, and no default without a fuel', () => {
    const a = refusal(() => selectFactor({ activityType: 'Knitting', unit: 'kg' }));
    expect(a.code).toBe('no_factor_found');
    expect(a.message).toContain(
      'use one of Transportation, Energy Consumption, Food Consumption, Purchase',
    );
    const b = refusal(() => selectFactor({ activityType: 'Energy Consumption', unit: 'litres' }));
    expect(b.code).toBe('no_factor_found');
    expect(b.message).toContain('give fuel_type');
    const c = refusal(() =>
      selectFactor({ activityType: 'Food Consumption', unit: 'kg', fuelType: 'unobtainium' }),
    );
    expect(c.code).toBe('no_factor_found');
    expect(c.message).toContain('GET /api/v1/emission_factors?q=unobtainium');
    expect(
      refusal(() => selectFactor({ activityType: 'Food Consumption', unit: 'parsecs' })).code,
    ).toBe('unknown_unit');
  });

  it('the EPA road-vehicle helper refuses factors of the wrong kind', () => {
    const r = refusal(() =>
      calculateRoadVehicleEpa({
        fuelKey: 'travel.car.passenger_car.vehicle_mile.us',
        fuelAmount: 1,
        fuelUnit: 'gallon',
        distanceKey: 'mobile.gasoline.passenger_car.my2022.vehicle_mile.us',
        distance: 1,
        distanceUnit: 'mile',
      }),
    );
    expect(r.code).toBe('unknown_factor');
    expect(r.message).toContain('is not a CO2-from-fuel factor');
  });

  it('a recalculation needs a reason', () => {
    const r = refusal(() =>
      recalculateEmission({
        stored: {
          factorKey: 'electricity.egrid.camx.kwh',
          factorYear: 2025,
          gwpSet: 'AR5',
          amount: 1,
          unit: 'kWh',
          co2eKg: 0.2,
        },
        reason: '  ',
      }),
    );
    expect(r.message).toContain('needs a reason');
  });
});
