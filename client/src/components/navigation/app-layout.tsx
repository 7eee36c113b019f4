import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { useSession } from '../../hooks/use-session.ts';
import { LoadingSpinner } from '../common/loading-spinner.tsx';
import { RejectedChanges } from '../common/rejected-changes.tsx';
import { UpdatePrompt } from '../common/update-prompt.tsx';
import { BottomBar } from './bottom-bar.tsx';
import styles from './app-layout.module.css';
import { Navbar } from './navbar.tsx';
import { Sidebar } from './sidebar.tsx';

/** Every page's frame: top bar, navigation (sidebar or bottom bar), and the page itself. */
export function AppLayout() {
  const session = useSession();
  return (
    <div className={styles.app}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Navbar />
      <div className={session ? styles.withNav : styles.noNav}>
        {session && (
          <aside className={styles.sidebar}>
            <Sidebar />
          </aside>
        )}
        <main id="main" className={styles.main} tabIndex={-1}>
          {session && <RejectedChanges />}
          <Suspense
            fallback={
              <div className={styles.pageLoading}>
                <LoadingSpinner size="large" label="Loading page…" />
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </main>
      </div>
      {session && <BottomBar />}
      <UpdatePrompt />
    </div>
  );
}
