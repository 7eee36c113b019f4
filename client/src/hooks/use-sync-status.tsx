import { proxy } from 'comlink';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useDb } from '../services/db-context.tsx';
import type { SyncStatus } from '../worker/api.ts';

const SyncStatusContext = createContext<SyncStatus | null>(null);

/** Subscribes once to the worker's sync status and shares it with every component below. */
export function SyncStatusProvider({ children }: { children: ReactNode }) {
  const db = useDb();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    const subscription = db.subscribeSyncStatus(proxy((s: SyncStatus) => setStatus(s)));
    return () => {
      void subscription.then((id) => db.unsubscribe(id));
    };
  }, [db]);
  return <SyncStatusContext.Provider value={status}>{children}</SyncStatusContext.Provider>;
}

/** The worker's sync status, pushed on every change (null until the first report). */
export function useSyncStatus(): SyncStatus | null {
  return useContext(SyncStatusContext);
}
