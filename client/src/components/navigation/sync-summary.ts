/**
 * What the always-visible sync pill says, from the worker's status and the browser's
 * connectivity:
 *
 *   offline                    → "Offline" (+ "N pending")
 *   needs login                → "Log in again" link (local use continues)
 *   connecting / initial sync /
 *   catching up / uploading    → "Syncing…"
 *   backoff with an error      → "Sync error" (the reason in the details)
 *   live                       → "Synced" (+ "N pending")
 */
import type { SyncStatus as Status } from '../../worker/api.ts';

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
