/**
 * Live queries over the local database: a TanStack query keyed ['local', …] whose data comes from
 * the DB worker and is refetched whenever the worker reports a change to one of `tables`
 * (LiveQueryBridge wires that up once for the whole app). Every run is timed with
 * performance.measure('local:<name>'), which the bench reads.
 */
import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useDb } from '../services/db-context.tsx';
import type { Db } from '../services/db.ts';
import { saveLocalSnapshot, snapshotGeneration } from '../services/local-snapshot.ts';
import { LOCAL, type LocalQueryMeta } from '../services/query-client.ts';
import { getSession } from '../services/session-store.ts';
import type { WatchedTable } from '../worker/api.ts';

export interface LocalQueryOptions<T> {
  /** A stable name plus the query's parameters, e.g. ['dashboard', from, to]. */
  key: readonly [string, ...unknown[]];
  tables: readonly WatchedTable[];
  query: (db: Db) => Promise<T>;
  enabled?: boolean;
  /** Keep showing the previous result while new parameters load (lists, filters). */
  keepPrevious?: boolean;
  /** Keep the last result for the next cold start (see services/local-snapshot.ts). */
  snapshot?: boolean;
}

/** The query's TanStack options: the hook's, and a prefetch's before its page renders. */
export function localQueryOptions<T>(db: Db, options: LocalQueryOptions<T>) {
  const meta: LocalQueryMeta = { tables: options.tables };
  const queryKey = [LOCAL, ...options.key];
  return {
    queryKey,
    queryFn: async () => {
      const startedAt = snapshotGeneration();
      const data = await timed(options.key[0], () => options.query(db));
      const userId = getSession()?.userId;
      if (options.snapshot && userId && startedAt === snapshotGeneration())
        saveLocalSnapshot(userId, queryKey, options.tables, data);
      return data;
    },
    meta,
    staleTime: Infinity,
    gcTime: 5 * 60_000,
    networkMode: 'always' as const,
    retry: false,
  };
}

export function useLocalQuery<T>(options: LocalQueryOptions<T>): UseQueryResult<T> {
  const db = useDb();
  return useQuery({
    ...localQueryOptions(db, options),
    enabled: options.enabled,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
  });
}

export async function timed<T>(name: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await run();
  } finally {
    try {
      performance.measure(`local:${name}`, { start, end: performance.now() });
    } catch {
      // performance.measure with options is missing in very old browsers; timing is optional.
    }
  }
}
