import { describe, expect, it } from 'vitest';
import { formatCo2e, formatPercent, humanize } from './format.ts';

describe('formatting for people', () => {
  it('shows kg, small amounts with more precision, and tonnes from 10 t', () => {
    expect(formatCo2e(12.34)).toMatch(/^12[.,]3 kg CO2e$/);
    expect(formatCo2e(0.0123)).toMatch(/^0[.,]012 kg CO2e$/);
    expect(formatCo2e(25_000)).toMatch(/^25 t CO2e$/);
    expect(formatCo2e(null)).toBe('–');
    expect(formatCo2e(Number.NaN)).toBe('–');
  });

  it('signs changes and leaves unknown ones blank', () => {
    expect(formatPercent(12.5)).toMatch(/^\+12[.,]5 %$/);
    expect(formatPercent(-3)).toBe('-3 %');
    expect(formatPercent(null)).toBe('–');
  });

  it('turns identifiers into words', () => {
    expect(humanize('energy_use')).toBe('Energy use');
  });
});
