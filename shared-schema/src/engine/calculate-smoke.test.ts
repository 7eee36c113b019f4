import { describe, expect, it } from 'vitest';
import { calculateEmission, selectFactor } from '../index.ts';

describe('engine first cut', () => {
  it('eGRID CAMX 500 kWh under AR5: 500 × (0.1980633763 + 0.00001133980925×28 + 0.00000136077711×265)', () => {
    const r = calculateEmission({
      factorKey: 'electricity.egrid.camx.kwh',
      amount: 500,
      unit: 'kWh',
    });
    // 99.031688150 + 0.158757330 + 0.180302967 = 99.370748447
    expect(r.co2eKg).toBeCloseTo(99.370748447, 8);
    expect(r.factor.scope).toBe('2');
    expect(r.derivation).toContain('GWP 28');
  });

  it('maps the seed example "Transportation" 25 "miles" to a documented default', () => {
    const s = selectFactor({ activityType: 'Transportation', unit: 'miles', region: 'US' });
    expect(s.factor.key).toBe('travel.car.passenger_car.vehicle_mile.us');
    expect(s.regionUsed).toBe('US');
  });
});
