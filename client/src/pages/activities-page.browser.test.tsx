import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { createFakeDb } from '../testing/fake-db.ts';
import { renderUi } from '../testing/render.tsx';
import { ActivitiesPage } from './activities-page.tsx';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('the activities page', () => {
  it('lists 100,000 activities while rendering only the rows in view', async () => {
    const db = createFakeDb();
    db.seed(100_000);
    cleanup = renderUi(<ActivitiesPage />, db).unmount;
    await expect.element(page.getByText('100,000 activities')).toBeVisible();
    await expect.element(page.getByRole('article', { name: /^Seeded 99999,/ })).toBeVisible();
    const rows = document.querySelectorAll('[aria-label="Activity list"] li');
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.length).toBeLessThan(80);

    const scroller = document.querySelector<HTMLElement>('[aria-label="Activity list"]');
    scroller?.scrollTo({ top: scroller.scrollHeight });
    await expect.element(page.getByRole('article', { name: /^Seeded 0,/ })).toBeVisible();
    expect(document.querySelectorAll('[aria-label="Activity list"] li').length).toBeLessThan(80);
  });

  it('filters the list by search text', async () => {
    const db = createFakeDb();
    db.seed(300);
    cleanup = renderUi(<ActivitiesPage />, db).unmount;
    await page.getByLabelText('Search activities').fill('Seeded 12');
    // "Seeded 12" and "Seeded 120".."Seeded 129"
    await expect.element(page.getByText('11 activities')).toBeVisible();
  });

  it('deletes with undo', async () => {
    const db = createFakeDb();
    db.seed(3);
    cleanup = renderUi(<ActivitiesPage />, db).unmount;
    await page.getByRole('button', { name: 'Delete Seeded 1' }).click();
    await expect.element(page.getByText('2 activities')).toBeVisible();
    expect(db.activities.has('seed-1')).toBe(false);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.element(page.getByText('3 activities')).toBeVisible();
    expect(db.activities.get('seed-1')?.description).toBe('Seeded 1');
  });

  it('edits an activity in a dialog, recalculating its emission', async () => {
    const db = createFakeDb();
    db.seed(2);
    cleanup = renderUi(<ActivitiesPage />, db).unmount;
    await page.getByRole('button', { name: 'Edit Seeded 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit activity' });
    await expect.element(dialog.getByLabelText('Amount', { exact: true })).toHaveValue(1);
    await dialog.getByLabelText('Amount', { exact: true }).fill('40');
    await dialog.getByLabelText('Description', { exact: true }).fill('Seeded one, corrected');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .element(page.getByRole('article', { name: /^Seeded one, corrected/ }))
      .toBeVisible();
    const edited = db.activities.get('seed-1');
    expect(edited?.amount).toBe(40);
    expect(edited?.emission?.converted_amount).toBe(40);
    expect(db.activities.size).toBe(2);
  });

  it('marks activities that are not synced yet', async () => {
    const db = createFakeDb();
    db.seed(2);
    const first = db.activities.get('seed-0');
    if (first) first.pending = true;
    cleanup = renderUi(<ActivitiesPage />, db).unmount;
    await expect
      .element(page.getByRole('article', { name: /^Seeded 0/ }).getByText('Pending sync'))
      .toBeVisible();
    expect(
      page
        .getByRole('article', { name: /^Seeded 1/ })
        .getByText('Pending sync')
        .elements(),
    ).toHaveLength(0);
  });

  it('shows no empty state before the first sync of the user’s rows has finished', async () => {
    const db = createFakeDb({
      initialSyncDone: false,
      ownDataSynced: false,
      state: 'initial_sync',
    });
    cleanup = renderUi(<ActivitiesPage />, db).unmount;
    await expect.element(page.getByText('Getting your data…')).toBeInTheDocument();
    expect(page.getByText(/No activities yet/).elements()).toHaveLength(0);
    // The user's rows are in; the public catalogues are still downloading.
    db.setStatus({ ownDataSynced: true });
    await expect.element(page.getByText(/No activities yet/)).toBeVisible();
  });

  it("reopens a change the server refused with its reason and the user's input", async () => {
    const db = createFakeDb({
      rejected: [
        {
          mutation_id: 'm-1',
          table: 'activities',
          op: 'insert',
          row_id: 'a-1',
          payload: {
            activity_type: 'Energy Consumption',
            category: 'energy',
            factor_key: 'nope',
            amount: 42,
            unit: 'kWh',
            timestamp: '2025-03-10T12:00:00.000Z',
            description: 'Heat pump',
          },
          detail: 'factor_key: unknown factor "nope"',
          rejected_at: '2025-03-10T12:00:05.000Z',
        },
      ],
    });
    cleanup = renderUi(<ActivitiesPage />, db, '/activities?resubmit=m-1').unmount;
    await expect.element(page.getByText(/unknown factor "nope"/)).toBeVisible();
    await expect.element(page.getByLabelText('Amount', { exact: true })).toHaveValue(42);
    await expect
      .element(page.getByLabelText('Description', { exact: true }))
      .toHaveValue('Heat pump');
  });
});
