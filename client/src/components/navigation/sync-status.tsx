/**
 * The always-visible sync indicator (in the top bar on every page) and its details dialog.
 *
 *   offline                    → "Offline" (+ "N pending")
 *   needs login                → "Log in again" link (local use continues)
 *   connecting / initial sync /
 *   catching up / uploading    → "Syncing…"
 *   backoff with an error      → "Sync error" (the reason in the details)
 *   live                       → "Synced" (+ "N pending")
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { useOnline } from '../../hooks/use-online.ts';
import { useSyncStatus } from '../../hooks/use-sync-status.tsx';
import { useDb } from '../../services/db-context.tsx';
import { formatWhen } from '../../utils/format.ts';
import type { SyncStatus as Status } from '../../worker/api.ts';
import { Button } from '../common/button.tsx';
import { Dialog } from '../common/dialog.tsx';
import styles from './sync-status.module.css';

export type SyncTone = 'offline' | 'syncing' | 'ok' | 'error' | 'login' | 'idle';

export interface SyncSummary {
  tone: SyncTone;
  label: string;
}

/** What the pill says, from the worker's status and the browser's connectivity. */
export function summarizeSync(status: Status | null, browserOnline: boolean): SyncSummary {
  if (!browserOnline || (status && (!status.online || status.state === 'offline')))
    return { tone: 'offline', label: 'Offline' };
  if (!status) return { tone: 'syncing', label: 'Starting…' };
  if (status.needsLogin || status.state === 'needs_login')
    return { tone: 'login', label: 'Log in again' };
  switch (status.state) {
    case 'signed_out':
      return { tone: 'idle', label: 'Not syncing' };
    case 'connecting':
    case 'initial_sync':
    case 'catching_up':
      return { tone: 'syncing', label: 'Syncing…' };
    case 'backoff':
      return status.lastError
        ? { tone: 'error', label: 'Sync error' }
        : { tone: 'syncing', label: 'Retrying…' };
    case 'live':
      return status.syncing
        ? { tone: 'syncing', label: 'Syncing…' }
        : { tone: 'ok', label: 'Synced' };
    case 'offline':
      return { tone: 'offline', label: 'Offline' };
  }
}

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
      {status?.lastSyncedAt && (
        <span className={styles.lastSynced}>Last synced {formatWhen(status.lastSyncedAt)}</span>
      )}
    </div>
  );
}
