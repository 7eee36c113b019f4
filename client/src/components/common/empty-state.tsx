import type { ReactNode } from 'react';
import { useSyncStatus } from '../../hooks/use-sync-status.tsx';
import { LoadingSpinner } from './loading-spinner.tsx';
import styles from './empty-state.module.css';

/**
 * What a list shows when it has no rows. Before this device has finished its first sync of the
 * list's data, "empty" is not known yet, so it says the data is on its way instead of "nothing
 * here". The user's own rows sync first; a list of a public catalogue (challenges,
 * recommendations) passes `catalogue` and waits for the catalogues too.
 */
export function EmptyState({
  title,
  catalogue = false,
  children,
}: {
  title: string;
  catalogue?: boolean;
  children?: ReactNode;
}) {
  const status = useSyncStatus();
  const synced = catalogue ? status?.initialSyncDone : status?.ownDataSynced;
  const waitingForFirstSync = !status || (!synced && status.state !== 'signed_out');
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
