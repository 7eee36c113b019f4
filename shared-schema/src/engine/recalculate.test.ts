import { describe, expect, it } from 'vitest';
import { calculateEmission, recalculateEmission } from '../index.ts';

describe('recalculateEmission: explicit, old vs new, with a reason', () => {
  const stored = {
    factorKey: 'fuel.natural_gas.kwh.gb',
    factorYear: 2024,
    gwpSet: 'AR5' as const,
    amount: 1000,
    unit: 'kWh',
    co2eKg: 182.9,
  };
  it('re-weighting to AR6 reports old and new CO2e and what changed', () => {
    const r = recalculateEmission({
      stored,
      gwpSet: 'AR6',
      reason: 'organisation switched to AR6',
    });
    expect(r.old).toEqual({ factorYear: 2024, gwpSet: 'AR5', co2eKg: 182.9 });
    expect(r.new.co2eKg).toBeCloseTo(182.920716984, 9);
    expect(r.changed).toBe(true);
    expect(r.deltaCo2eKg).toBeCloseTo(0.020716984, 9);
    expect(r.reason).toBe(
      'organisation switched to AR6: GWP set AR5 → AR6; CO2e 182.9 → 182.920717 kg (+0.020716984)',
    );
  });
  it('to the newest edition by default, naming the edition change', () => {
    const old = {
      ...stored,
      factorKey: 'electricity.egrid.camx.kwh',
      factorYear: 2024,
      co2eKg: 99,
    };
    const r = recalculateEmission({ stored: old, reason: 'new eGRID edition' });
    expect(r.new.factor.year).toBe(2025);
    expect(r.new.co2eKg).toBe(
      calculateEmission({ factorKey: old.factorKey, amount: 1000, unit: 'kWh' }).co2eKg,
    );
    expect(r.reason).toContain('factor edition 2024 → 2025');
  });
  it('reports no change when nothing differs', () => {
    const r = recalculateEmission({ stored, reason: 'audit' });
    expect(r.changed).toBe(false);
    expect(r.deltaCo2eKg).toBe(0);
  });
});
