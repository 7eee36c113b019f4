/**
 * The factor picker's worker: holds the factor library (FACTORS from shared-schema, too large for
 * the main bundle) and answers searches. An adapter on the UI side of the DB worker, whose API
 * has no factor search yet; it can fold into the DB worker when that API offers one.
 */
import { compatibleUnits, FACTORS } from '@eco-track/shared-schema';
import { expose } from 'comlink';
import {
  buildIndex,
  categoryCounts,
  searchFactors,
  type FactorOption,
  type FactorSearchQuery,
} from './factor-search.ts';

const index = buildIndex(FACTORS);

const api = {
  search: (q: FactorSearchQuery) => searchFactors(index, q),
  categories: () => categoryCounts(index),
  get: (key: string): FactorOption | null => index.byKey.get(key) ?? null,
  /** Units an amount can be given in for this factor (the factor's own first). */
  units: (key: string): string[] => {
    const f = index.byKey.get(key);
    if (!f) return [];
    const units = compatibleUnits(f.unit);
    return [f.unit, ...units.filter((u) => u !== f.unit)];
  },
};

export type FactorCatalogApi = typeof api;
expose(api);
