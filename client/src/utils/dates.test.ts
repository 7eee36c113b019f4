import { describe, expect, it } from 'vitest';
import {
  dateInputToIso,
  dayEndExclusiveIso,
  dayStartIso,
  isoToDateInput,
  presetRange,
} from './dates.ts';

describe('date helpers', () => {
  it('keeps a picked day on that day when stored as an instant and read back', () => {
    for (const day of ['2025-01-01', '2025-03-30', '2024-02-29', '2025-12-31']) {
      expect(isoToDateInput(dateInputToIso(day))).toBe(day);
    }
  });

  it('refuses text that is not a date instead of throwing', () => {
    expect(dateInputToIso('')).toBe('');
    expect(dateInputToIso('soon')).toBe('');
  });

  it('makes filter bounds that include the whole local day', () => {
    const from = new Date(dayStartIso('2025-03-10'));
    const to = new Date(dayEndExclusiveIso('2025-03-10'));
    expect(to.getTime() - from.getTime()).toBeGreaterThanOrEqual(23 * 3600_000);
    expect(new Date(dateInputToIso('2025-03-10')).getTime()).toBeGreaterThan(from.getTime());
    expect(new Date(dateInputToIso('2025-03-10')).getTime()).toBeLessThan(to.getTime());
  });

  it('gives calendar months in UTC for the dashboard presets', () => {
    const now = new Date('2025-03-15T10:00:00Z');
    expect(presetRange('this_month', now)).toEqual({
      from: '2025-03-01T00:00:00.000Z',
      to: '2025-04-01T00:00:00.000Z',
    });
    expect(presetRange('last_month', now)).toEqual({
      from: '2025-02-01T00:00:00.000Z',
      to: '2025-03-01T00:00:00.000Z',
    });
    expect(presetRange('last_12_months', now).from).toBe('2024-04-01T00:00:00.000Z');
    expect(presetRange('this_month', new Date('2025-01-20T00:00:00Z'))).toEqual({
      from: '2025-01-01T00:00:00.000Z',
      to: '2025-02-01T00:00:00.000Z',
    });
    expect(presetRange('last_month', new Date('2025-01-20T00:00:00Z')).from).toBe(
      '2024-12-01T00:00:00.000Z',
    );
  });
});
