/**
 * The factor library's part of the worker API (the log form's picker). Every tab's DB worker
 * answers it itself: the library is code, not data, so it needs neither the database nor the
 * leader tab. The library is loaded and indexed on the first call.
 */
import type { EmissionFactor } from '@eco-track/shared-schema';
import type { WorkerApi } from '../api.ts';
import { buildIndex, searchFactors, type FactorIndex } from './factor-search.ts';

export const FACTOR_METHODS = ['searchFactors', 'getFactor', 'factorUnits'] as const;
export type FactorLibraryApi = Pick<WorkerApi, (typeof FACTOR_METHODS)[number]>;

export interface FactorSource {
  FACTORS: readonly EmissionFactor[];
  /** Units an amount in `factorUnit` can be converted from. */
  compatibleUnits: (factorUnit: string) => readonly string[];
}

export function createFactorLibrary(load: () => Promise<FactorSource>): FactorLibraryApi {
  let ready: Promise<{ index: FactorIndex; unitsFor: FactorSource['compatibleUnits'] }> | undefined;
  const get = () =>
    (ready ??= load().then((s) => ({
      index: buildIndex(s.FACTORS),
      unitsFor: s.compatibleUnits,
    })));
  return {
    searchFactors: async (q) => searchFactors((await get()).index, q),
    getFactor: async (key) => (await get()).index.byKey.get(key) ?? null,
    factorUnits: async (key) => {
      const { index, unitsFor } = await get();
      const f = index.byKey.get(key);
      if (!f) return [];
      return [f.unit, ...unitsFor(f.unit).filter((u) => u !== f.unit)];
    },
  };
}
