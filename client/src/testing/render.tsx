/** Renders UI for component tests with the app's providers around it and a fake DB worker. */
import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { SyncStatusProvider } from '../hooks/use-sync-status.tsx';
import { DbProvider } from '../services/db-context.tsx';
import { WorkerBridge } from '../services/live-query-bridge.tsx';
import { createQueryClient } from '../services/query-client.ts';
import '../styles/global.css';
import type { FakeDb } from './fake-db.ts';

export function renderUi(
  ui: ReactNode,
  db: FakeDb,
  route = '/',
  queryClient = createQueryClient(),
): { unmount: () => void } {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  root.render(
    <QueryClientProvider client={queryClient}>
      <DbProvider db={db}>
        <SyncStatusProvider>
          <WorkerBridge />
          <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
        </SyncStatusProvider>
      </DbProvider>
    </QueryClientProvider>,
  );
  return {
    unmount: () => {
      root.unmount();
      container.remove();
    },
  };
}
