import { FACTORS } from '@eco-track/shared-schema';
import { describe, expect, it } from 'vitest';
import { buildIndex, searchFactors } from './factor-search.ts';

const index = buildIndex(FACTORS);

describe('searching the factor library for the picker', () => {
  it('offers each factor key once, in its newest edition', () => {
    const keys = index.options.map((o) => o.key);
    expect(new Set(keys).size).toBe(keys.length);
    const newest = new Map<string, number>();
    for (const f of FACTORS) newest.set(f.key, Math.max(newest.get(f.key) ?? 0, f.year));
    expect(newest.size).toBe(index.options.length);
    for (const o of index.options) expect(o.year).toBe(newest.get(o.key));
  });

  it('requires every word and stays in the chosen category', () => {
    const { options } = searchFactors(index, {
      category: 'energy',
      text: 'natural gas',
      limit: 500,
    });
    expect(options.length).toBeGreaterThan(0);
    for (const o of options) {
      expect(o.category).toBe('energy');
      const hay =
        `${o.key} ${o.activity} ${o.fuelOrMode ?? ''} ${o.region} ${o.unit} ${o.source}`.toLowerCase();
      expect(hay).toContain('natural');
      expect(hay).toContain('gas');
    }
  });

  it("ranks the user's region first, then its country, then GLOBAL", () => {
    const { options } = searchFactors(index, { text: 'electricity', region: 'GB', limit: 1000 });
    const ranks = options.map((o) => (o.region === 'GB' ? 0 : o.region === 'GLOBAL' ? 2 : 3));
    const firstOther = ranks.findIndex((r) => r > 0);
    if (options.some((o) => o.region === 'GB')) expect(ranks[0]).toBe(0);
    expect(ranks.slice(firstOther === -1 ? ranks.length : firstOther).every((r) => r > 0)).toBe(
      true,
    );
    const sorted = [...ranks].sort((a, b) => a - b);
    expect(ranks).toEqual(sorted);
  });

  it('puts factors with only CH4 and N2O after complete ones', () => {
    const { options } = searchFactors(index, {
      category: 'transportation',
      text: 'diesel',
      limit: 1000,
    });
    const firstGasesOnly = options.findIndex((o) => o.gasesOnly);
    if (firstGasesOnly >= 0)
      expect(options.slice(firstGasesOnly).every((o) => o.gasesOnly)).toBe(true);
    for (const o of options.filter((x) => x.gasesOnly)) {
      const f = FACTORS.find((x) => x.key === o.key && x.year === o.year);
      expect(f?.co2Kg ?? null).toBeNull();
      expect(f?.co2eKg ?? null).toBeNull();
    }
  });

  it('limits the list but reports how many matched', () => {
    const r = searchFactors(index, { limit: 5 });
    expect(r.options).toHaveLength(5);
    expect(r.total).toBe(index.options.length);
  });
});
