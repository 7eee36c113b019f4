import type { ReactNode } from 'react';
import { useSyncStatus } from '../../hooks/use-sync-status.tsx';
import { LoadingSpinner } from './loading-spinner.tsx';
import styles from './empty-state.module.css';

/**
 * What a list shows when it has no rows. Before this device has finished its first sync, "empty"
 * is not known yet, so it says the data is on its way instead of "nothing here".
 */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  const status = useSyncStatus();
  const waitingForFirstSync = !status || (!status.initialSyncDone && status.state !== 'signed_out');
  if (waitingForFirstSync) {
    const offline = status !== null && (!status.online || status.state === 'offline');
    return (
      <div className={styles.empty}>
        {offline ? (
          <p>
            <strong>Offline.</strong> Your data appears here after this device has synced once. What
            you log now is kept and sent later.
          </p>
        ) : (
          <LoadingSpinner size="large" label="Getting your data…" />
        )}
      </div>
    );
  }
  return (
    <div className={styles.empty}>
      <p className={styles.title}>{title}</p>
      {children}
    </div>
  );
}
