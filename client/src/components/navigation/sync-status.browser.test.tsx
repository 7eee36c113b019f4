import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { createFakeDb } from '../../testing/fake-db.ts';
import { renderUi } from '../../testing/render.tsx';
import { SyncStatusIndicator } from './sync-status.tsx';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('the sync status in the top bar', () => {
  it('says Offline with the number of pending changes, and updates live', async () => {
    const db = createFakeDb({ online: false, state: 'offline', pendingCount: 3 });
    cleanup = renderUi(<SyncStatusIndicator />, db).unmount;
    await expect.element(page.getByTestId('sync-status')).toHaveTextContent('Offline · 3 pending');
    db.setStatus({ online: true, state: 'live', syncing: true });
    await expect.element(page.getByTestId('sync-status')).toHaveTextContent('Syncing… · 3 pending');
    db.setStatus({ syncing: false, pendingCount: 0, lastSyncedAt: new Date().toISOString() });
    await expect.element(page.getByTestId('sync-status')).toHaveTextContent(/^Synced$/);
    await expect.element(page.getByText(/^Last synced/)).toBeInTheDocument();
  });

  it('shows the error reason in the details', async () => {
    const db = createFakeDb({
      state: 'backoff',
      lastError: 'Server answered 503: database is down',
    });
    cleanup = renderUi(<SyncStatusIndicator />, db).unmount;
    await page.getByTestId('sync-status').click();
    const dialog = page.getByRole('dialog', { name: 'Sync status' });
    await expect.element(dialog).toBeVisible();
    await expect.element(dialog.getByText('Server answered 503: database is down')).toBeVisible();
    await expect.element(dialog.getByRole('button', { name: 'Sync now' })).toBeVisible();
  });

  it('asks to log in again when the refresh failed', async () => {
    const db = createFakeDb({ needsLogin: true, state: 'needs_login', pendingCount: 1 });
    cleanup = renderUi(<SyncStatusIndicator />, db).unmount;
    await expect
      .element(page.getByRole('link', { name: 'Log in again' }))
      .toHaveAttribute('href', '/login?reauth=1');
    await expect.element(page.getByText('1 pending')).toBeVisible();
  });
});
