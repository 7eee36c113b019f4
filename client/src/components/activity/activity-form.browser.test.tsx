import { calculateEmission, compatibleUnits } from '@eco-track/shared-schema';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createFakeDb, type FakeDb } from '../../testing/fake-db.ts';
import { renderUi } from '../../testing/render.tsx';
import { formatCo2e } from '../../utils/format.ts';
import { ActivityForm } from './activity-form.tsx';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

async function pickElectricityFactor(): Promise<string> {
  await page.getByLabelText('Category').click();
  await page.getByRole('option', { name: 'Energy' }).click();
  await page.getByLabelText('Activity', { exact: true }).fill('electricity grid');
  const first = page.getByRole('option').first();
  await expect.element(first).toBeVisible();
  await first.click();
  const chosen = document.querySelector<HTMLElement>('[data-factor-key]');
  expect(chosen).not.toBeNull();
  return chosen?.dataset.factorKey ?? '';
}

describe('the log form', () => {
  it('has the labelled fields and the "Log activity" button', async () => {
    const db = createFakeDb();
    cleanup = renderUi(<ActivityForm />, db).unmount;
    for (const label of ['Activity', 'Amount', 'Unit', 'Date', 'Description'])
      await expect.element(page.getByLabelText(label, { exact: true })).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Log activity' })).toBeVisible();
  });

  it('previews kg CO2e from the device engine while typing, with the derivation on demand', async () => {
    const db = createFakeDb();
    cleanup = renderUi(<ActivityForm />, db).unmount;
    const key = await pickElectricityFactor();
    await page.getByLabelText('Amount', { exact: true }).fill('250');
    const unitTrigger = page.getByLabelText('Unit', { exact: true });
    await expect.poll(() => unitTrigger.element().textContent).not.toMatch(/Pick|Loading/);
    const unit = unitTrigger.element().textContent?.replace('▾', '').trim() ?? '';
    const expected = calculateEmission({ factorKey: key, amount: 250, unit, gwpSet: 'AR5' });
    await expect
      .element(page.getByTestId('preview-co2e'))
      .toHaveTextContent(formatCo2e(expected.co2eKg));

    await page.getByText('Show the calculation').click();
    const firstLine = expected.derivation.split('\n')[0] ?? '';
    await expect.element(page.getByText(firstLine, { exact: false }).first()).toBeVisible();
  });

  it('offers exactly the units convertible to the factor and recalculates in another unit', async () => {
    const db = createFakeDb();
    cleanup = renderUi(<ActivityForm />, db).unmount;
    const key = await pickElectricityFactor();
    await page.getByLabelText('Amount', { exact: true }).fill('2');
    await page.getByLabelText('Unit', { exact: true }).click();
    const options = [
      ...document.querySelectorAll('[role="listbox"]:not([hidden]) [role="option"]'),
    ].map((o) => o.textContent?.replace('✓', '').trim() ?? '');
    const factorUnit = calculateEmission({
      factorKey: key,
      amount: 1,
      unit: options[0] ?? '',
    }).factorUnit;
    expect(new Set(options)).toEqual(new Set([factorUnit, ...compatibleUnits(factorUnit)]));
    const other = options.find((u) => u !== factorUnit);
    if (!other) return;
    await page.getByRole('option', { name: other, exact: true }).click();
    const expected = calculateEmission({ factorKey: key, amount: 2, unit: other });
    await expect
      .element(page.getByTestId('preview-co2e'))
      .toHaveTextContent(formatCo2e(expected.co2eKg));
  });

  it('logs the activity on the device and keeps category and factor for the next one', async () => {
    const db: FakeDb = createFakeDb();
    cleanup = renderUi(<ActivityForm />, db).unmount;
    const key = await pickElectricityFactor();
    await page.getByLabelText('Amount', { exact: true }).fill('12.5');
    await page.getByLabelText('Description', { exact: true }).fill('Office meter');
    await page.getByRole('button', { name: 'Log activity' }).click();
    await expect.element(page.getByText(/^Logged:/)).toBeVisible();
    const stored = [...db.activities.values()];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      factor_key: key,
      amount: 12.5,
      description: 'Office meter',
      category: 'energy',
      activity_type: 'Energy Consumption',
    });
    expect(document.querySelector('[data-factor-key]')?.getAttribute('data-factor-key')).toBe(key);
    await expect.element(page.getByLabelText('Amount', { exact: true })).toHaveValue(null);
  });

  it('can be filled with the keyboard alone', async () => {
    const db = createFakeDb();
    cleanup = renderUi(<ActivityForm />, db).unmount;
    await page.getByLabelText('Category').click();
    await userEvent.keyboard('{ArrowDown}{Enter}');
    const combobox = page.getByRole('combobox', { name: 'Activity' });
    await expect.element(combobox).toBeEnabled();
    await combobox.click();
    await userEvent.keyboard('diesel');
    await expect.element(page.getByRole('option').first()).toBeVisible();
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await expect.element(combobox).toHaveAttribute('aria-expanded', 'false');
    expect(document.querySelector('[data-factor-key]')).not.toBeNull();
    await userEvent.keyboard('{Tab}5');
    await expect.element(page.getByLabelText('Amount', { exact: true })).toHaveValue(5);
    await expect.element(page.getByTestId('preview-co2e')).toBeVisible();
  });

  it('refuses to log without an amount, saying why, and stores nothing', async () => {
    const db = createFakeDb();
    cleanup = renderUi(<ActivityForm />, db).unmount;
    await pickElectricityFactor();
    await page.getByRole('button', { name: 'Log activity' }).click();
    await expect.element(page.getByText(/^Amount must be a number/)).toBeVisible();
    expect(db.activities.size).toBe(0);
  });

  it('shows a refusal from the worker at the field and keeps the input', async () => {
    const db = createFakeDb();
    db.logActivity = () =>
      Promise.resolve({
        ok: false,
        error: {
          code: 'invalid_amount',
          message: 'amount is too large for this factor',
          field: 'amount',
        },
      });
    cleanup = renderUi(<ActivityForm />, db).unmount;
    await pickElectricityFactor();
    await page.getByLabelText('Amount', { exact: true }).fill('99');
    await page.getByRole('button', { name: 'Log activity' }).click();
    await expect
      .element(page.getByText('Amount amount is too large for this factor'))
      .toBeVisible();
    await expect.element(page.getByLabelText('Amount', { exact: true })).toHaveValue(99);
  });
});
