import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { Alert } from './components/common/alert.tsx';
import { LoadingSpinner } from './components/common/loading-spinner.tsx';
import { SyncStatusProvider } from './hooks/use-sync-status.tsx';
import { errorMessage } from './services/api-errors.ts';
import { DbProvider } from './services/db-context.tsx';
import type { Db } from './services/db.ts';
import { WorkerBridge } from './services/live-query-bridge.tsx';
import { createAppRouter } from './routes.tsx';

const router = createAppRouter();

export interface AppProps {
  queryClient: QueryClient;
  /** Starts the DB worker (injected so tests can hand in a fake). */
  connectDb: () => Promise<Db>;
}

/** Providers around the router: query cache, the DB worker, its sync status. */
export function App({ queryClient, connectDb }: AppProps) {
  const [db, setDb] = useState<Db | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    connectDb().then(
      // A comlink proxy is callable: pass it through an updater so React does not call it.
      (api) => setDb(() => api),
      (err: unknown) => setFailure(errorMessage(err)),
    );
  }, [connectDb]);

  if (failure) {
    return (
      <main style={{ padding: 24, maxWidth: 640, margin: '0 auto' }}>
        <h1>Eco-Track</h1>
        <Alert severity="error" title="The local database could not start.">
          {failure}. Eco-Track needs a current browser with Origin Private File System support
          (Chrome, Edge, Firefox or Safari from 2023 on).
        </Alert>
      </main>
    );
  }
  if (!db) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', minHeight: '100dvh' }}>
        <LoadingSpinner size="large" label="Opening Eco-Track…" />
      </div>
    );
  }
  return (
    <QueryClientProvider client={queryClient}>
      <DbProvider db={db}>
        <SyncStatusProvider>
          <WorkerBridge />
          <RouterProvider router={router} />
        </SyncStatusProvider>
      </DbProvider>
    </QueryClientProvider>
  );
}
