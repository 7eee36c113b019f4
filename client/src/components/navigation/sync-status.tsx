/** The always-visible sync indicator (top bar, every page) and its details dialog. */
import { useState } from 'react';
import { Link } from 'react-router';
import { useOnline } from '../../hooks/use-online.ts';
import { useSyncStatus } from '../../hooks/use-sync-status.tsx';
import { useDb } from '../../services/db-context.tsx';
import { formatWhen } from '../../utils/format.ts';
import { Button } from '../common/button.tsx';
import { Dialog } from '../common/dialog.tsx';
import styles from './sync-status.module.css';
import { summarizeSync } from './sync-summary.ts';

export function SyncStatusIndicator() {
  const status = useSyncStatus();
  const online = useOnline();
  const db = useDb();
  const [open, setOpen] = useState(false);
  const summary = summarizeSync(status, online);
  const pending = status?.pendingCount ?? 0;

  if (summary.tone === 'login') {
    return (
      <div className={styles.wrapper} aria-live="polite">
        <Link to="/login?reauth=1" className={`${styles.pill} ${styles.login}`}>
          <span className={styles.dot} aria-hidden="true" />
          Log in again
        </Link>
        {pending > 0 && <span className={styles.pending}>{pending} pending</span>}
      </div>
    );
  }

  return (
    <div className={styles.wrapper}>
      <button
        type="button"
        className={`${styles.pill} ${styles[summary.tone]}`}
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        data-testid="sync-status"
      >
        <span className={styles.dot} aria-hidden="true" />
        <span aria-live="polite">
          {summary.label}
          {pending > 0 && <span className={styles.count}> · {pending} pending</span>}
        </span>
      </button>
      <Dialog open={open} onOpenChange={setOpen} title="Sync status">
        <dl className={styles.details}>
          <dt>Connection</dt>
          <dd>{online && status?.online !== false ? 'Online' : 'Offline'}</dd>
          <dt>State</dt>
          <dd>{summary.label}</dd>
          <dt>Pending changes</dt>
          <dd>{pending}</dd>
          <dt>Last synced</dt>
          <dd>{status?.lastSyncedAt ? formatWhen(status.lastSyncedAt) : 'Not yet'}</dd>
          {status?.lastError && (
            <>
              <dt>Last error</dt>
              <dd className={styles.error}>{status.lastError}</dd>
            </>
          )}
          {status?.retryAt && (
            <>
              <dt>Next attempt</dt>
              <dd>{formatWhen(status.retryAt)}</dd>
            </>
          )}
        </dl>
        <p className="muted">
          Everything you log is saved on this device first and sent to the server when you are
          online.
        </p>
        <Button onClick={() => void db.syncNow()} disabled={!online}>
          Sync now
        </Button>
      </Dialog>
      {summary.tone === 'error' && status?.lastError ? (
        <span className={styles.lastSynced} title={status.lastError}>
          {status.lastError}
        </span>
      ) : (
        status?.lastSyncedAt && (
          <span className={styles.lastSynced}>Last synced {formatWhen(status.lastSyncedAt)}</span>
        )
      )}
    </div>
  );
}
