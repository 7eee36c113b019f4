/**
 * Searching the factor library for the log form's picker: pure functions over the factor rows,
 * run inside the DB worker (the library is too large for the main bundle; factor-library.ts).
 *
 * Only the newest edition of each key is offered. Every query word must appear in the factor's
 * key, activity, fuel or mode, region, unit or source; results in the user's region (then its
 * country, then GLOBAL) come first, then shorter activity names.
 */
import type { EmissionFactor } from '@eco-track/shared-schema';
import type { FactorOption, FactorSearchQuery } from '../api.ts';

export interface FactorIndex {
  options: FactorOption[];
  haystacks: string[];
  byKey: Map<string, FactorOption>;
}

export function toOption(f: EmissionFactor): FactorOption {
  const name =
    f.fuelOrMode && !f.activity.toLowerCase().includes(f.fuelOrMode.toLowerCase())
      ? `${f.activity} – ${f.fuelOrMode}`
      : f.activity;
  return {
    key: f.key,
    category: f.category,
    activity: f.activity,
    fuelOrMode: f.fuelOrMode,
    region: f.region,
    unit: f.unit,
    year: f.year,
    source: f.source,
    scope: f.scope,
    gasesOnly: f.co2Kg === null && f.co2eKg === null,
    label: `${name} · ${f.region} · per ${f.unit}`,
  };
}

export function buildIndex(factors: readonly EmissionFactor[]): FactorIndex {
  const newest = new Map<string, EmissionFactor>();
  for (const f of factors) {
    const seen = newest.get(f.key);
    if (!seen || f.year > seen.year) newest.set(f.key, f);
  }
  const options = [...newest.values()].map(toOption);
  const haystacks = options.map((o) =>
    [o.key, o.activity, o.fuelOrMode ?? '', o.region, o.unit, o.source, o.category]
      .join(' ')
      .toLowerCase(),
  );
  return { options, haystacks, byKey: new Map(options.map((o) => [o.key, o])) };
}

function regionRank(optionRegion: string, preferred: string | undefined): number {
  if (!preferred) return optionRegion === 'GLOBAL' ? 1 : 2;
  const p = preferred.toUpperCase();
  if (optionRegion === p) return 0;
  const country = p.split('-')[0];
  if (optionRegion === country) return 1;
  if (optionRegion === 'GLOBAL') return 2;
  return 3;
}

export function searchFactors(
  index: FactorIndex,
  q: FactorSearchQuery,
): { options: FactorOption[]; total: number } {
  const words = (q.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const hits: FactorOption[] = [];
  index.options.forEach((o, i) => {
    if (q.category && o.category !== q.category) return;
    const hay = index.haystacks[i] ?? '';
    if (words.every((w) => hay.includes(w))) hits.push(o);
  });
  hits.sort(
    (a, b) =>
      Number(a.gasesOnly) - Number(b.gasesOnly) ||
      regionRank(a.region, q.region) - regionRank(b.region, q.region) ||
      a.activity.length - b.activity.length ||
      a.label.localeCompare(b.label),
  );
  return { options: hits.slice(0, q.limit ?? 50), total: hits.length };
}
