/** Default factor selection for the seed's activity types, with the region fallback. */
import { describe, expect, it } from 'vitest';
import { calculateEmission, regionChain, selectFactor } from '../index.ts';

describe('selectFactor: the seed examples map to documented defaults', () => {
  it.each([
    [
      { activityType: 'Transportation', unit: 'miles', region: 'US' },
      'travel.car.passenger_car.vehicle_mile.us',
      'US',
    ],
    [
      { activityType: 'Transportation', unit: 'km', region: 'GB' },
      'travel.car.average.unknown_fuel.km.gb',
      'GB',
    ],
    [
      { activityType: 'Energy Consumption', unit: 'kWh', region: 'US' },
      'electricity.egrid.us_average.kwh',
      'US',
    ],
    [
      { activityType: 'Energy Consumption', unit: 'kWh', region: 'CAMX' },
      'electricity.egrid.camx.kwh',
      'CAMX',
    ],
    [
      { activityType: 'Energy Consumption', unit: 'kWh', region: 'GB' },
      'electricity.uk_grid.generation.kwh.gb',
      'GB',
    ],
    [
      { activityType: 'Energy Consumption', unit: 'kWh', region: 'FR' },
      'electricity.country_grid.kwh.fr',
      'FR',
    ],
    [
      { activityType: 'Energy Consumption', unit: 'kWh' },
      'electricity.country_grid.kwh.global',
      'GLOBAL',
    ],
    [{ activityType: 'Food Consumption', unit: 'kg' }, 'food.other_pulses.kg.global', 'GLOBAL'],
    [{ activityType: 'Purchase', unit: 'USD' }, 'spend.naics_452319.usd.us', 'US'],
    [
      { activityType: 'Waste', unit: 'kg', region: 'GB' },
      'waste.household_residual_waste.landfill.tonne.gb',
      'GB',
    ],
    [{ activityType: 'Travel', unit: 'nights', region: 'FR' }, 'hotel.room_night.fr', 'FR'],
  ])('%o → %s', (q, key, region) => {
    const s = selectFactor(q);
    expect(s.factor.key).toBe(key);
    expect(s.regionUsed).toBe(region);
    expect(s.reason).toContain(key);
  });

  it('the seed body "Transportation" 25 "miles" calculates end to end', () => {
    const s = selectFactor({ activityType: 'Transportation', unit: 'miles', region: 'US' });
    const r = calculateEmission({ factorKey: s.factor.key, amount: 25, unit: 'miles' });
    expect(r.co2eKg).toBeCloseTo(7.4642425, 9); // 25 × (0.297 + 0.0000059×28 + 0.0000053×265)
  });
});

describe('selectFactor: fuel and mode', () => {
  it('natural gas in therms (US) uses EPA stationary combustion; in kWh (GB) DESNZ', () => {
    expect(
      selectFactor({
        activityType: 'Energy Consumption',
        fuelType: 'Natural Gas',
        unit: 'therms',
        region: 'US',
      }).factor.key,
    ).toBe('stationary.natural_gas.therm.us');
    expect(
      selectFactor({
        activityType: 'Energy Consumption',
        fuelType: 'natural gas',
        unit: 'kWh',
        region: 'GB',
      }).factor.key,
    ).toBe('fuel.natural_gas.kwh.gb');
  });
  it('petrol in gallons (US) is EPA motor gasoline; diesel in litres (GB) is DESNZ forecourt diesel', () => {
    expect(
      selectFactor({
        activityType: 'Transportation',
        fuelType: 'petrol',
        unit: 'gallons',
        region: 'US',
      }).factor.key,
    ).toBe('mobile.gasoline.gallon.us');
    expect(
      selectFactor({
        activityType: 'Transportation',
        fuelType: 'diesel',
        unit: 'litres',
        region: 'GB',
      }).factor.key,
    ).toBe('fuel.diesel_avg_biofuel_blend.litre.gb');
  });
  it('a named food or mode is found by text, and the reason says so', () => {
    const beef = selectFactor({ activityType: 'Food Consumption', fuelType: 'beef', unit: 'kg' });
    expect(beef.factor.key).toMatch(/^food\.beef_/);
    expect(beef.reason).toContain('best text match');
    const bus = selectFactor({
      activityType: 'Transportation',
      fuelType: 'bus',
      unit: 'miles',
      region: 'US',
    });
    expect(bus.factor.key).toBe('travel.bus.passenger_mile.us');
  });
});

describe('selectFactor: region fallback exact → country → GLOBAL, naming the region used', () => {
  it('builds the chain', () => {
    expect(regionChain('CAMX')).toEqual(['CAMX', 'US', 'GLOBAL']);
    expect(regionChain('US-CA')).toEqual(['US-CA', 'US', 'GLOBAL']);
    expect(regionChain('de')).toEqual(['DE', 'EU', 'GLOBAL']);
    expect(regionChain('UK')).toEqual(['GB', 'GLOBAL']);
    expect(regionChain(undefined)).toEqual(['GLOBAL']);
  });
  it('US-CA falls back to the US', () => {
    const s = selectFactor({ activityType: 'Energy Consumption', unit: 'kWh', region: 'US-CA' });
    expect(s.factor.key).toBe('electricity.egrid.us_average.kwh');
    expect(s.regionUsed).toBe('US');
    expect(s.reason).toContain('no factor for US-CA');
  });
  it('a country without hotel factors uses the documented last resort and says so', () => {
    const s = selectFactor({ activityType: 'Travel', unit: 'night', region: 'PL' });
    expect(s.regionUsed).toBe('US');
    expect(s.reason).toContain('no factor for PL, EU, GLOBAL; US is this default');
  });
});
