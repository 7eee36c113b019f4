import { FACTORS } from '@eco-track/shared-schema';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { localQueryOptions } from '../../hooks/use-local-query.ts';
import { createQueryClient } from '../../services/query-client.ts';
import { createFakeDb } from '../../testing/fake-db.ts';
import { renderUi } from '../../testing/render.tsx';
import { presetRange } from '../../utils/dates.ts';
import { formatCo2e } from '../../utils/format.ts';
import { dashboardQuery, FIRST_PRESET } from './dashboard-query.ts';
import { Dashboard } from './dashboard.tsx';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const electricity = FACTORS.find((f) => f.category === 'energy' && f.unit === 'kWh');

describe('the dashboard', () => {
  it("shows this month's total from the local data and updates live when more is logged", async () => {
    if (!electricity) throw new Error('no kWh factor in the library');
    const db = createFakeDb();
    const log = (amount: number) =>
      db.logActivity({
        activity_type: 'Energy Consumption',
        category: 'energy',
        factor_key: electricity.key,
        amount,
        unit: 'kWh',
        timestamp: new Date().toISOString(),
        description: `Meter ${amount}`,
      });
    const a = await log(100);
    cleanup = renderUi(<Dashboard />, db).unmount;
    const total = page.getByTestId('period-total');
    await expect
      .element(total)
      .toHaveTextContent(formatCo2e(a.ok ? a.value.emission?.co2_equivalent : null));
    const b = await log(50);
    const sum =
      (a.ok ? (a.value.emission?.co2_equivalent ?? 0) : 0) +
      (b.ok ? (b.value.emission?.co2_equivalent ?? 0) : 0);
    await expect.element(total).toHaveTextContent(formatCo2e(sum));
    await expect.element(page.getByText('2 activities')).toBeVisible();
    await expect.element(page.getByRole('article', { name: /^Meter 50/ })).toBeVisible();
  });

  it('shows goal progress with its verdict', async () => {
    const db = createFakeDb();
    await db.createGoal({
      goal_type: 'Carbon Budget',
      description: 'Monthly budget',
      target_value: 500,
      unit: 'kg CO2e',
      start_date: '2000-01-01',
      end_date: '2100-01-01',
    });
    cleanup = renderUi(<Dashboard />, db).unmount;
    await expect.element(page.getByRole('progressbar', { name: /Monthly budget/ })).toBeVisible();
    await expect.element(page.getByText('On track')).toBeVisible();
  });

  it('waits for the first sync before saying there is nothing', async () => {
    const db = createFakeDb({
      initialSyncDone: false,
      ownDataSynced: false,
      state: 'initial_sync',
    });
    cleanup = renderUi(<Dashboard />, db).unmount;
    await expect.element(page.getByText('Getting your data…')).toBeInTheDocument();
    expect(page.getByText('No activities yet.').elements()).toHaveLength(0);
    db.setStatus({ ownDataSynced: true, state: 'live' });
    await expect.element(page.getByText('No activities yet.')).toBeVisible();
  });

  it('keeps the numbers on screen labelled with their own period until the next period arrives', async () => {
    const db = createFakeDb();
    const answer = db.dashboard.bind(db);
    let release: () => void = () => undefined;
    cleanup = renderUi(<Dashboard />, db).unmount;
    const heading = (period: string) => page.getByRole('heading', { name: `Total · ${period}` });
    await expect.element(heading('This month')).toBeVisible();
    db.dashboard = async (range) => {
      await new Promise<void>((r) => (release = r));
      return answer(range);
    };
    await page.getByLabelText('Period', { exact: true }).click();
    await page.getByRole('option', { name: 'This year', exact: true }).click();
    await expect.element(page.getByText('Updating…')).toBeVisible();
    await expect.element(heading('This month')).toBeVisible();
    expect(heading('This year').elements()).toHaveLength(0);
    release();
    await expect.element(heading('This year')).toBeVisible();
    expect(page.getByText('Updating…').elements()).toHaveLength(0);
  });

  it('on a cold start shows the last numbers at once and draws the charts once the database answers', async () => {
    if (!electricity) throw new Error('no kWh factor in the library');
    const db = createFakeDb();
    await db.logActivity({
      activity_type: 'Energy Consumption',
      category: 'energy',
      factor_key: electricity.key,
      amount: 100,
      unit: 'kWh',
      timestamp: new Date().toISOString(),
    });
    // The snapshot of the last visit, restored as main.tsx does (stale: the database is asked).
    const client = createQueryClient();
    const options = localQueryOptions(db, dashboardQuery(presetRange(FIRST_PRESET), ''));
    const last = await db.dashboard({ ...presetRange(FIRST_PRESET), recentLimit: 5 });
    client.setQueryData(options.queryKey, last);
    await client.invalidateQueries({ queryKey: options.queryKey, refetchType: 'none' });
    const answer = db.dashboard.bind(db);
    let release: () => void = () => undefined;
    db.dashboard = async (range) => {
      await new Promise<void>((r) => (release = r));
      return answer(range);
    };
    cleanup = renderUi(<Dashboard />, db, '/', client).unmount;
    const trendTable = page.getByRole('table', { name: 'Emissions per month, last 12 months' });
    await expect
      .element(page.getByTestId('period-total'))
      .toHaveTextContent(formatCo2e(last.period_total_kg));
    await expect.element(page.getByText('Loading chart…').first()).toBeInTheDocument();
    expect(trendTable.elements()).toHaveLength(0);
    release();
    await expect.element(trendTable).toBeInTheDocument();
  });
});
