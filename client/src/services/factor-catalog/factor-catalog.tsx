import type { EmissionFactor } from '@eco-track/shared-schema';
import { wrap } from 'comlink';
import { createContext, useContext } from 'react';
import type { FactorCatalogApi } from './factor-catalog.worker.ts';
import {
  buildIndex,
  categoryCounts,
  searchFactors,
  type FactorOption,
  type FactorSearchQuery,
} from './factor-search.ts';

export type { FactorOption, FactorSearchQuery } from './factor-search.ts';

/** What the log form needs from the factor library; every method is async (a worker call). */
export interface FactorCatalog {
  search(q: FactorSearchQuery): Promise<{ options: FactorOption[]; total: number }>;
  categories(): Promise<{ category: string; count: number }[]>;
  get(key: string): Promise<FactorOption | null>;
  units(key: string): Promise<string[]>;
}

let workerCatalog: FactorCatalog | undefined;

/** The factor catalogue's worker, started on first use (the log form). */
export function getFactorCatalog(): FactorCatalog {
  workerCatalog ??= wrap<FactorCatalogApi>(
    new Worker(new URL('./factor-catalog.worker.ts', import.meta.url), {
      type: 'module',
      name: 'eco-track-factors',
    }),
  );
  return workerCatalog;
}

/** The same catalogue in this thread, over a given factor list (component tests). */
export function createInlineCatalog(
  factors: readonly EmissionFactor[],
  unitsFor: (factorUnit: string) => string[],
): FactorCatalog {
  const index = buildIndex(factors);
  return {
    search: (q) => Promise.resolve(searchFactors(index, q)),
    categories: () => Promise.resolve(categoryCounts(index)),
    get: (key) => Promise.resolve(index.byKey.get(key) ?? null),
    units: (key) => {
      const f = index.byKey.get(key);
      if (!f) return Promise.resolve([]);
      return Promise.resolve([f.unit, ...unitsFor(f.unit).filter((u) => u !== f.unit)]);
    },
  };
}

export const FactorCatalogContext = createContext<(() => FactorCatalog) | null>(null);

/** The catalogue from context (tests) or the worker one. */
export function useFactorCatalog(): FactorCatalog {
  const fromContext = useContext(FactorCatalogContext);
  return (fromContext ?? getFactorCatalog)();
}
