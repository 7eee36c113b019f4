import { useQueryClient } from '@tanstack/react-query';
import { proxy } from 'comlink';
import { useEffect } from 'react';
import type { WatchedTable } from '../worker/api.ts';
import { useDb } from './db-context.tsx';
import { dropLocalSnapshots } from './local-snapshot.ts';
import { readsAny } from './query-client.ts';
import { bindSessionToWorker } from './worker-session.ts';

const ALL_TABLES: readonly WatchedTable[] = [
  'activities',
  'emissions',
  'goals',
  'users',
  'reports',
  'recommendations',
  'user_recommendations',
  'challenges',
  'user_challenges',
  'achievements',
  'user_achievements',
  'organizations',
  'memberships',
];

/**
 * Connects the worker to the rest of the app, once: its change notifications refetch the local
 * queries that read a changed table (live queries), and the session store drives its session.
 */
export function WorkerBridge() {
  const db = useDb();
  const queryClient = useQueryClient();

  useEffect(() => {
    const onChange = (changed: WatchedTable[]) => {
      dropLocalSnapshots(changed);
      void queryClient.invalidateQueries({ predicate: (q) => readsAny(q, changed) });
    };
    const subscription = db.subscribe(ALL_TABLES, proxy(onChange));
    return () => {
      void subscription.then((id) => db.unsubscribe(id));
    };
  }, [db, queryClient]);

  useEffect(() => bindSessionToWorker(db), [db]);
  return null;
}
