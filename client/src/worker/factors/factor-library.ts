/**
 * The factor library's part of the worker API (the log form's picker). Every tab's DB worker
 * answers it itself: the library is code, not data, so it needs neither the database nor the
 * leader tab. The index is built on the first call.
 */
import type { EmissionFactor } from '@eco-track/shared-schema';
import type { WorkerApi } from '../api.ts';
import { buildIndex, searchFactors, type FactorIndex } from './factor-search.ts';

export const FACTOR_METHODS = ['searchFactors', 'getFactor', 'factorUnits'] as const;
export type FactorLibraryApi = Pick<WorkerApi, (typeof FACTOR_METHODS)[number]>;

export function createFactorLibrary(
  factors: readonly EmissionFactor[],
  unitsFor: (factorUnit: string) => readonly string[],
): FactorLibraryApi {
  let index: FactorIndex | undefined;
  const get = () => (index ??= buildIndex(factors));
  return {
    searchFactors: (q) => Promise.resolve(searchFactors(get(), q)),
    getFactor: (key) => Promise.resolve(get().byKey.get(key) ?? null),
    factorUnits: (key) => {
      const f = get().byKey.get(key);
      if (!f) return Promise.resolve([]);
      return Promise.resolve([f.unit, ...unitsFor(f.unit).filter((u) => u !== f.unit)]);
    },
  };
}
