import './start-db-worker.ts';
import './styles/fonts.ts';
import './styles/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { prefetchDashboard } from './components/dashboard/dashboard-query.ts';
import { startDb } from './services/db.ts';
import { preloadPage } from './routes.tsx';
import { restoreLocalSnapshot } from './services/local-snapshot.ts';
import { createQueryClient } from './services/query-client.ts';
import { persistQueryCache, restoreQueryCache } from './services/query-persist.ts';
import { getSession, subscribeSession } from './services/session-store.ts';
import { requestPersistentStorage } from './services/storage-persist.ts';
import { registerServiceWorker } from './services/sw-register.ts';

performance.mark('eco:main-start');
const queryClient = createQueryClient();
const session = getSession();
if (session) {
  restoreQueryCache(queryClient, session.userId);
  restoreLocalSnapshot(queryClient, session.userId);
  if (window.location.pathname.startsWith('/dashboard'))
    prefetchDashboard(queryClient, startDb().handle);
  void requestPersistentStorage();
}
persistQueryCache(queryClient, () => getSession()?.userId ?? null);
// Ask for persistent storage as soon as someone signs in (their unsynced changes live here).
let signedIn = session !== null;
subscribeSession(() => {
  const now = getSession() !== null;
  if (now && !signedIn) void requestPersistentStorage();
  signedIn = now;
});

// The DB worker started first (start-db-worker.ts); the page's chunk loads before React's first render.
preloadPage(window.location.pathname);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App queryClient={queryClient} startDb={startDb} />
    </StrictMode>,
  );
}
void registerServiceWorker();
