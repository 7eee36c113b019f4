import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { Alert } from './components/common/alert.tsx';
import { SyncStatusProvider } from './hooks/use-sync-status.tsx';
import { errorMessage } from './services/api-errors.ts';
import { DbProvider } from './services/db-context.tsx';
import type { StartedDb } from './services/db.ts';
import { WorkerBridge } from './services/live-query-bridge.tsx';
import { createAppRouter } from './routes.tsx';

const router = createAppRouter();

export interface AppProps {
  queryClient: QueryClient;
  /** Starts the DB worker (injected so tests can hand in a fake). */
  startDb: () => StartedDb;
}

/** Providers around the router: query cache, the DB worker, its sync status. */
export function App({ queryClient, startDb }: AppProps) {
  // The tree renders at once on a handle whose calls are answered once the database is open, so
  // pages (and the snapshot of the last dashboard) show while it opens.
  const [db] = useState(startDb);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    db.connecting.catch((err: unknown) => setFailure(errorMessage(err)));
  }, [db]);

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
  return (
    <QueryClientProvider client={queryClient}>
      <DbProvider db={db.handle}>
        <SyncStatusProvider>
          <WorkerBridge />
          <RouterProvider router={router} />
        </SyncStatusProvider>
      </DbProvider>
    </QueryClientProvider>
  );
}
