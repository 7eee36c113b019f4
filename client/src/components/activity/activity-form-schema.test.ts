import { describe, expect, it } from 'vitest';
import { isoToDateInput } from '../../utils/dates.ts';
import { ActivityFormSchema, formValuesFrom, toActivityInput } from './activity-form-schema.ts';

const valid = {
  category: 'energy',
  factor_key: 'grid.electricity.kwh.gb',
  amount: 12.5,
  unit: 'kWh',
  date: '2025-03-10',
  location: 'Home',
  description: 'Electricity bill',
  org_id: null,
};

describe('the log form values', () => {
  it('accept a complete activity and become the worker input', () => {
    const v = ActivityFormSchema.parse(valid);
    const input = toActivityInput(v, { region: 'GB', fuelOrMode: 'Electricity' });
    expect(input).toMatchObject({
      activity_type: 'Energy Consumption',
      category: 'energy',
      factor_key: 'grid.electricity.kwh.gb',
      amount: 12.5,
      unit: 'kWh',
      region: 'GB',
      fuel_type: 'Electricity',
      location: 'Home',
      description: 'Electricity bill',
      org_id: null,
    });
    expect(isoToDateInput(input.timestamp)).toBe('2025-03-10');
  });

  it('refuse a missing factor, a negative or absent amount, and a bad date', () => {
    const problems = (v: object) =>
      ActivityFormSchema.safeParse(v).error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(problems({ ...valid, factor_key: '' })).toEqual(['factor_key']);
    expect(problems({ ...valid, amount: -1 })).toEqual(['amount']);
    expect(problems({ ...valid, amount: Number.NaN })).toEqual(['amount']);
    expect(problems({ ...valid, date: '2025-13-40' })).toEqual(['date']);
    expect(problems({ ...valid, description: 'x'.repeat(2001) })).toEqual(['description']);
  });

  it('fill back from a stored or refused activity, keeping what the user typed', () => {
    const back = formValuesFrom(
      { ...valid, timestamp: '2025-03-10T11:00:00.000Z', amount: '7', emission: null },
      isoToDateInput,
    );
    expect(back).toMatchObject({
      factor_key: valid.factor_key,
      amount: 7,
      unit: 'kWh',
      description: 'Electricity bill',
    });
  });
});

describe('the unit a new entry starts in', () => {
  it("follows the user's unit system where the factor accepts it", async () => {
    const { preferredUnit } = await import('./activity-form.tsx');
    expect(preferredUnit(['km', 'mile', 'm'], 'imperial')).toBe('mile');
    expect(preferredUnit(['mile', 'km'], 'metric')).toBe('km');
    expect(preferredUnit(['kWh', 'MWh'], 'imperial')).toBe('kWh');
    expect(preferredUnit(['gallon', 'litre'], 'metric')).toBe('litre');
  });
});
