import { describe, expect, it } from 'vitest';
import { activityEmission, type ActivityEmissionSpec } from './activity-emission.ts';
import { EmissionError, refusalField } from './emission-error.ts';

const spec = (over: Partial<ActivityEmissionSpec>): ActivityEmissionSpec => ({
  activityType: null,
  amount: 100,
  unit: 'kWh',
  factorKey: null,
  fuelType: null,
  region: null,
  gwpSet: 'AR5',
  defaultRegion: 'GB',
  ...over,
});

describe('activityEmission (the device and the server both run it)', () => {
  it('uses a pinned factor and says so first in the derivation', () => {
    const c = activityEmission(spec({ factorKey: 'fuel.natural_gas.kwh.gb' }));
    expect(c.result.factor.key).toBe('fuel.natural_gas.kwh.gb');
    expect(c.derivation).toMatch(
      new RegExp(
        `^Factor: fuel\\.natural_gas\\.kwh\\.gb, edition ${c.result.factor.year}, as given with the activity\\.\\n`,
      ),
    );
    expect(c.derivation.endsWith(c.result.derivation)).toBe(true);
  });

  it("chooses a default factor, noting the user's default region when none is given", () => {
    const mine = activityEmission(spec({ activityType: 'Energy Consumption' }));
    expect(mine.derivation).toMatch(
      /^Factor chosen \(no region given: the user's default region GB\): /,
    );
    const given = activityEmission(spec({ activityType: 'Energy Consumption', region: 'GB' }));
    expect(given.derivation).toMatch(/^Factor chosen: /);
    expect(given.result.co2eKg).toBe(mine.result.co2eKg);
  });

  it('refuses what the engine refuses, and names the field', () => {
    const refusal = (s: ActivityEmissionSpec) => {
      try {
        activityEmission(s);
      } catch (err) {
        if (err instanceof EmissionError) return refusalField(err, 'factor_key');
        throw err;
      }
      return 'no refusal';
    };
    expect(refusal(spec({ factorKey: 'fuel.natural_gas.kwh.gb', unit: 'furlongs' }))).toBe('unit');
    expect(refusal(spec({ factorKey: 'fuel.natural_gas.kwh.gb', amount: -1 }))).toBe('amount');
    expect(refusal(spec({ factorKey: 'no.such.factor' }))).toBe('factor_key');
  });
});
