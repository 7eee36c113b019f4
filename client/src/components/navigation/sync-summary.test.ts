import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../worker/api.ts';
import { summarizeSync } from './sync-summary.ts';

const base: SyncStatus = {
  online: true,
  state: 'live',
  syncing: false,
  pendingCount: 0,
  lastSyncedAt: null,
  lastError: null,
  needsLogin: false,
  initialSyncDone: true,
  ownDataSynced: true,
  retryAt: null,
  rejected: [],
  isLeader: true,
};

describe('the sync pill', () => {
  it('says Offline whenever there is no connection, whatever the worker thinks', () => {
    expect(summarizeSync(base, false).label).toBe('Offline');
    expect(summarizeSync({ ...base, online: false }, true).label).toBe('Offline');
    expect(summarizeSync({ ...base, state: 'offline' }, true).label).toBe('Offline');
    expect(summarizeSync(null, false).label).toBe('Offline');
  });

  it('asks to log in again only when online', () => {
    expect(summarizeSync({ ...base, needsLogin: true, state: 'needs_login' }, true)).toEqual({
      tone: 'login',
      label: 'Log in again',
    });
    expect(summarizeSync({ ...base, needsLogin: true, state: 'needs_login' }, false).label).toBe(
      'Offline',
    );
  });

  it('shows syncing, errors and the synced state', () => {
    for (const state of ['connecting', 'initial_sync', 'catching_up'] as const)
      expect(summarizeSync({ ...base, state }, true).label).toBe('Syncing…');
    expect(summarizeSync({ ...base, syncing: true }, true).label).toBe('Syncing…');
    expect(summarizeSync({ ...base, state: 'backoff', lastError: 'HTTP 500' }, true)).toEqual({
      tone: 'error',
      label: 'Sync error',
    });
    expect(summarizeSync({ ...base, state: 'backoff' }, true).label).toBe('Retrying…');
    expect(summarizeSync(base, true)).toEqual({ tone: 'ok', label: 'Synced' });
  });
});
