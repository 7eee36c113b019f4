/**
 * One TanStack Query client for two kinds of data, told apart by the first element of the key:
 *
 *   ['local', …]   read from the DB worker; never stale by time, refetched when the worker says
 *                  a watched table changed (live queries); runs offline (networkMode 'always').
 *   ['server', …]  server-only data (organisations, leaderboards, inventory); fetched online,
 *                  persisted to localStorage so it reads offline (see query-persist.ts).
 */
import { QueryClient, type Query } from '@tanstack/react-query';
import type { WatchedTable } from '../worker/api.ts';
import { ApiError, NeedsLoginError } from './api-errors.ts';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        gcTime: 7 * 24 * 3600_000,
        networkMode: 'offlineFirst',
        refetchOnWindowFocus: false,
        retry: (failures, err) => {
          if (err instanceof NeedsLoginError) return false;
          if (err instanceof ApiError && err.status < 500 && err.status !== 429) return false;
          return failures < 2;
        },
      },
      mutations: { networkMode: 'always', retry: false },
    },
  });
}

export const LOCAL = 'local';
export const SERVER = 'server';

export interface LocalQueryMeta extends Record<string, unknown> {
  tables: readonly WatchedTable[];
}

/** Whether a local query reads any of the tables that just changed. */
export function readsAny(query: Query, changed: readonly WatchedTable[]): boolean {
  if (query.queryKey[0] !== LOCAL) return false;
  const tables = (query.meta as LocalQueryMeta | undefined)?.tables ?? [];
  return tables.some((t) => changed.includes(t));
}
