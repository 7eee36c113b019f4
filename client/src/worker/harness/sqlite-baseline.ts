/** Runs the benchmark baseline (baseline.worker.ts) in its own worker. */
import { wrap } from 'comlink';
import type { BaselineApi } from './baseline.worker.ts';

export async function runSqliteBaseline(
  kind: 'opfs' | 'idb' | 'memory',
  token: string,
  table = 'activities',
  options: { indexes?: boolean; cacheKb?: number } = {},
): Promise<{ rows: number; ms: number; downloadMs: number }> {
  const worker = new Worker(new URL('./baseline.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await wrap<BaselineApi>(worker).bulkInsert(kind, location.origin, token, table, options);
  } finally {
    worker.terminate();
  }
}
