import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { createFakeDb } from '../../testing/fake-db.ts';
import { renderUi } from '../../testing/render.tsx';
import { EmptyState } from './empty-state.tsx';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('empty state during a first sync', () => {
  it("says nothing is there once the user's rows are in, while a catalogue list still waits", async () => {
    const db = createFakeDb({
      initialSyncDone: false,
      ownDataSynced: false,
      state: 'initial_sync',
    });
    cleanup = renderUi(
      <>
        <EmptyState title="No goals yet." />
        <EmptyState title="No challenges are running right now." catalogue />
      </>,
      db,
    ).unmount;
    await expect.element(page.getByText('Getting your data…').first()).toBeInTheDocument();
    expect(page.getByText('Getting your data…').elements()).toHaveLength(2);

    db.setStatus({ ownDataSynced: true });
    await expect.element(page.getByText('No goals yet.')).toBeVisible();
    expect(page.getByText('No challenges are running right now.').elements()).toHaveLength(0);
    expect(page.getByText('Getting your data…').elements()).toHaveLength(1);

    db.setStatus({ initialSyncDone: true, state: 'live' });
    await expect.element(page.getByText('No challenges are running right now.')).toBeVisible();
  });
});
