/** Methane origin (for AR6) and biogenic CO2, as derived from what each row says it is. */
import { describe, expect, it } from 'vitest';
import { calculateEmission, co2IsBiogenic, getFactor, methaneOrigin } from '../index.ts';

const origin = (key: string) => {
  const f = getFactor(key);
  if (!f) throw new Error(`missing ${key}`);
  return methaneOrigin(f);
};

describe('methane origin', () => {
  it.each([
    'stationary.wood.short_ton.us',
    'mobile.ethanol_e100.gallon.us',
    'mobile.biodiesel_b100.gallon.us',
    'fuel.wood_pellets.kwh.gb',
  ])('%s is biogenic', (key) => expect(origin(key)).toBe('biogenic'));

  it.each([
    'stationary.natural_gas.therm.us',
    'electricity.egrid.camx.kwh',
    'electricity.uk_grid.generation.kwh.gb',
    'fuel.petrol_avg_biofuel_blend.litre.gb', // forecourt blend: mostly fossil
    'fuel.diesel_100pct_mineral.litre.gb',
    'mobile.gasoline.passenger_car.my2022.vehicle_mile.us',
    'spend.naics_337214.usd.us', // "Office Furniture (except Wood)"
  ])('%s is fossil', (key) => expect(origin(key)).toBe('fossil'));

  it('EPA biomass CO2 is biogenic; DESNZ and fossil rows are not', () => {
    expect(co2IsBiogenic(getFactor('mobile.ethanol_e100.gallon.us')!)).toBe(true);
    expect(co2IsBiogenic(getFactor('stationary.natural_gas.therm.us')!)).toBe(false);
    expect(co2IsBiogenic(getFactor('fuel.wood_pellets.kwh.gb')!)).toBe(false);
  });

  it('E100 under AR6: CH4 × 27.0, CO2 kept apart', () => {
    // mobile.ethanol_e100.gallon.us: 5.75 kg CO2 per gallon, CO2 only (CH4/N2O come from distance)
    const r = calculateEmission({
      factorKey: 'mobile.ethanol_e100.gallon.us',
      amount: 10,
      unit: 'gal',
      gwpSet: 'AR6',
    });
    expect(r.biogenicCo2Kg).toBeCloseTo(57.5, 10);
    expect(r.co2eKg).toBe(0);
  });
});
