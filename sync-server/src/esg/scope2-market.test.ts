import { describe, expect, it } from 'vitest';
import {
  allocateMarketBased,
  marketBasedScope2,
  type ElectricityBucket,
  type Instrument,
} from './scope2-market.ts';

const year = { from: '2024-01-01', to: '2024-12-31' };
const bucket = (day: string, kwh: number, rate = 0.2, region = 'GB'): ElectricityBucket => ({
  day,
  region,
  kwh,
  locationKg: kwh * rate,
});
const instrument = (p: Partial<Instrument> & Pick<Instrument, 'instrument_type'>): Instrument => ({
  instrument_id: p.instrument_id ?? `i-${p.instrument_type}`,
  certificate_scheme: null,
  supplier: null,
  period_start: '2024-01-01',
  period_end: '2024-12-31',
  regions: null,
  quantity_kwh: null,
  emission_factor_kg_per_kwh: 0,
  ...p,
});

describe('market-based Scope 2', () => {
  it('carries the location-based figure exactly when no instrument exists', () => {
    const m = allocateMarketBased([bucket('2024-03-01', 1000)], [], year);
    expect(m.covered_kwh).toBe(0);
    expect(m.fallback_kwh).toBe(1000);
    expect(marketBasedScope2(200.1, m)).toBe(200.1);
  });

  it('replaces the covered volume of certificates with their rate; the rest keeps the grid factor', () => {
    const m = allocateMarketBased(
      [bucket('2024-03-01', 600), bucket('2024-09-01', 400)],
      [
        instrument({
          instrument_type: 'energy_attribute_certificate',
          certificate_scheme: 'GO',
          quantity_kwh: 250,
        }),
      ],
      year,
    );
    expect(m.covered_kwh).toBeCloseTo(250, 9);
    expect(m.fallback_kwh).toBeCloseTo(750, 9);
    // 1000 kWh at 0.2 = 200 location; 250 kWh certified at 0 → 150 market
    expect(marketBasedScope2(200, m)).toBeCloseTo(150, 9);
    expect(m.uses[0]?.unused_kwh).toBe(0);
  });

  it('applies certificates before green tariffs before supplier-specific rates', () => {
    const m = allocateMarketBased(
      [bucket('2024-05-01', 1000)],
      [
        instrument({ instrument_type: 'supplier_specific', emission_factor_kg_per_kwh: 0.3 }),
        instrument({
          instrument_type: 'green_tariff',
          quantity_kwh: 300,
          emission_factor_kg_per_kwh: 0.01,
        }),
        instrument({ instrument_type: 'energy_attribute_certificate', quantity_kwh: 200 }),
      ],
      year,
    );
    expect(m.uses.map((u) => [u.instrument_type, Math.round(u.covered_kwh)])).toEqual([
      ['energy_attribute_certificate', 200],
      ['green_tariff', 300],
      ['supplier_specific', 500],
    ]);
    expect(m.fallback_kwh).toBeCloseTo(0, 9);
    // 200×0 + 300×0.01 + 500×0.3
    expect(marketBasedScope2(200, m)).toBeCloseTo(153, 9);
  });

  it('covers only its own regions and period, and records volume nothing could use', () => {
    const m = allocateMarketBased(
      [
        bucket('2024-02-01', 100, 0.2, 'GB'),
        bucket('2024-02-01', 100, 0.4, 'FR'),
        bucket('2024-08-01', 100),
      ],
      [
        instrument({
          instrument_type: 'energy_attribute_certificate',
          regions: ['FR'],
          period_end: '2024-06-30',
          quantity_kwh: 500,
        }),
      ],
      year,
    );
    expect(m.covered_kwh).toBeCloseTo(100, 9);
    expect(m.uses[0]?.unused_kwh).toBeCloseTo(400, 9);
    expect(m.displaced_location_kg).toBeCloseTo(40, 9);
  });

  it('spreads a volume over its period pro rata, so windows add up to the whole', () => {
    const buckets = [bucket('2024-01-15', 300), bucket('2024-07-15', 100)];
    const ins = [
      instrument({ instrument_type: 'energy_attribute_certificate', quantity_kwh: 200 }),
    ];
    const h1 = allocateMarketBased(buckets, ins, { from: '2024-01-01', to: '2024-06-30' });
    const h2 = allocateMarketBased(buckets, ins, { from: '2024-07-01', to: '2024-12-31' });
    const all = allocateMarketBased(buckets, ins, year);
    expect(h1.covered_kwh).toBeCloseTo(150, 9);
    expect(h2.covered_kwh).toBeCloseTo(50, 9);
    expect(h1.covered_kwh + h2.covered_kwh).toBeCloseTo(all.covered_kwh, 9);
  });

  it('never goes below zero and ignores instruments with no consumption to cover', () => {
    const m = allocateMarketBased(
      [],
      [instrument({ instrument_type: 'supplier_specific', emission_factor_kg_per_kwh: 0.5 })],
      year,
    );
    expect(m.covered_kwh).toBe(0);
    expect(marketBasedScope2(0, m)).toBe(0);
  });
});
