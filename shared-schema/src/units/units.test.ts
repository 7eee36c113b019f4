import { describe, expect, it } from 'vitest';
import { compatibleUnits, convertAmount, normalizeUnit } from '../index.ts';
import { UNIT_DEFINITIONS } from './unit-definitions.ts';
import { unitToBase } from './unit-registry.ts';

describe('normalizeUnit: everyday spellings', () => {
  it.each([
    ['miles', 'mile'],
    ['Mile', 'mile'],
    ['km', 'km'],
    ['Kilometres', 'km'],
    ['kWh', 'kWh'],
    ['KWH', 'kWh'],
    ['kilowatt-hours', 'kWh'],
    ['litres', 'litre'],
    ['liters', 'litre'],
    ['L', 'litre'],
    ['gallons', 'gallon'],
    ['US gal', 'gallon'],
    ['imperial gallons', 'gallon_imperial'],
    ['therms', 'therm'],
    ['MMBtu', 'mmBtu'],
    ['kg', 'kg'],
    ['lbs', 'lb'],
    ['pounds', 'lb'],
    ['tonnes', 'tonne'],
    ['metric tons', 'tonne'],
    ['short tons', 'short_ton'],
    ['tons', 'short_ton'],
    ['USD', 'USD'],
    ['$', 'USD'],
    ['nights', 'night'],
    ['room-nights', 'night'],
    ['passenger km', 'passenger_km'],
    ['tonne-km', 'tonne_km'],
    ['ton-miles', 'short_ton_mile'],
    ['vehicle_miles', 'vehicle_mile'],
    ['m³', 'm3'],
    ['CCF', 'ccf'],
  ])('%s → %s', (text, id) => {
    expect(normalizeUnit(text)).toBe(id);
  });
  it('gives undefined for what it does not know', () => {
    for (const t of ['', 'furlong', 'kw', 'x'.repeat(100)])
      expect(normalizeUnit(t)).toBeUndefined();
  });
});

describe('unit magnitudes from unit-conversions.csv', () => {
  it('every unit has a path to its base unit', () => {
    for (const u of UNIT_DEFINITIONS) expect(unitToBase(u.id)).toBeGreaterThan(0);
  });
  it.each([
    [1, 'mile', 'km', 1.609344],
    [1, 'gallon', 'litre', 3.785411784],
    [1, 'short_ton', 'tonne', 0.90718474],
    [1, 'lb', 'kg', 0.45359237],
    [1, 'therm', 'mmBtu', 0.1],
    [1, 'mmBtu', 'kWh', 293.071070172222],
    [1, 'kWh', 'MJ', 3.6],
    [1, 'short_ton_mile', 'tonne_km', 1.45997231821056],
    [1, 'barrel_oil', 'gallon', 42],
    [1, 'toe', 'GJ', 41.868],
    [1, 'mcf', 'scf', 1000],
  ])('%s %s = %s %s', (x, from, to, want) => {
    expect(convertAmount(x, from, to)).toBeCloseTo(want, 9);
  });
});

describe('compatibleUnits', () => {
  it('a per-vehicle-mile factor takes any distance, but not passenger or freight distance', () => {
    const us = compatibleUnits('vehicle_mile');
    expect(us).toEqual(expect.arrayContaining(['vehicle_mile', 'vehicle_km', 'km', 'mile']));
    expect(us).not.toContain('passenger_km');
    expect(us).not.toContain('tonne_km');
  });
  it('money is USD only; nights and FTE-hours stand alone', () => {
    expect(compatibleUnits('USD')).toEqual(['USD']);
    expect(compatibleUnits('night')).toEqual(['night']);
    expect(compatibleUnits('fte_hour')).toEqual(['fte_hour']);
  });
});
