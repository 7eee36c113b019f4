import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportCreateRequestSchema, ReportListQuerySchema } from '@eco-track/shared-schema';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { addMember, insertEmission, insertOrg, insertUser } from './emission-fixtures.ts';
import { createReport, getReport, listReports, resolveReportPeriod } from './reports.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});

const req = (o: Record<string, unknown>) =>
  ReportCreateRequestSchema.parse({ report_type: 'Custom Range', ...o });
const NOW = { now: new Date('2024-03-15T12:00:00Z') };

describe('footprint report data', () => {
  it('aggregates by category, activity type, scope and month, with inclusive UTC day bounds', async () => {
    const u = await insertUser(t.db);
    const e = (kg: number, at: string, category: string, activityType: string, scope: string) =>
      insertEmission(t.db, { userId: u, kg, at, category, activityType, scope });
    await e(10.5, '2023-10-01T00:00:00Z', 'transportation', 'Transportation', '1'); // first instant
    await e(20.25, '2023-10-15T10:00:00Z', 'energy', 'Energy Consumption', '2');
    await e(4.125, '2023-11-03T00:00:00Z', 'food', 'Food Consumption', '3');
    await e(0.1, '2023-12-31T23:59:59.999Z', 'transportation', 'Travel', '3'); // last instant
    await e(999, '2024-01-01T00:00:00Z', 'energy', 'Energy Consumption', '2'); // after
    await e(7, '2023-09-30T23:59:59Z', 'energy', 'Energy Consumption', '2'); // previous period
    const { report } = await createReport(
      t.db,
      { userId: u },
      req({ start_date: '2023-10-01', end_date: '2023-12-31' }),
      NOW,
    );
    expect(report.data).toEqual({
      unit: 'kg CO2e',
      subject: { user_id: u },
      period: { start_date: '2023-10-01', end_date: '2023-12-31', days: 92 },
      total_emissions: 34.975,
      activity_count: 4,
      breakdown: { transportation: 10.6, energy: 20.25, food: 4.125 },
      by_activity_type: {
        Transportation: 10.5,
        'Energy Consumption': 20.25,
        'Food Consumption': 4.125,
        Travel: 0.1,
      },
      by_scope: { '1': 10.5, '2': 20.25, '3': 4.225 },
      monthly: [
        { month: '2023-10', total_emissions: 30.75, activity_count: 2 },
        { month: '2023-11', total_emissions: 4.125, activity_count: 1 },
        { month: '2023-12', total_emissions: 0.1, activity_count: 1 },
      ],
      comparison: {
        previous_start_date: '2023-07-01',
        previous_end_date: '2023-09-30',
        previous_total_emissions: 7,
        change_kg: 27.975,
        change_pct: 399.64,
      },
      generated_at: '2024-03-15T12:00:00.000Z',
    });
  });

  it('totals equal the exact decimal sum of the emissions (property, random data)', async () => {
    const u = await insertUser(t.db);
    let stored: number[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            milli: fc.integer({ min: 0, max: 50_000_000 }), // kg with 3 decimals
            day: fc.integer({ min: 0, max: 59 }),
            cat: fc.constantFrom('transportation', 'energy', 'food', 'waste'),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        async (items) => {
          await t.db.query('DELETE FROM activities WHERE user_id = $1', [u]);
          stored = [];
          for (const it of items) {
            const at = new Date(
              Date.UTC(2024, 0, 1) + it.day * 86_400_000 + 3_600_000,
            ).toISOString();
            await insertEmission(t.db, { userId: u, kg: it.milli / 1000, at, category: it.cat });
            stored.push(it.milli);
          }
          const { report } = await createReport(
            t.db,
            { userId: u },
            req({ start_date: '2024-01-01', end_date: '2024-02-29' }),
          );
          const data = report.data as {
            total_emissions: number;
            breakdown: Record<string, number>;
          };
          const exact = stored.reduce((a, b) => a + b, 0) / 1000;
          expect(data.total_emissions).toBe(exact);
          for (const cat of new Set(items.map((i) => i.cat))) {
            const milli = items.filter((i) => i.cat === cat).reduce((a, i) => a + i.milli, 0);
            expect(data.breakdown[cat]).toBe(milli / 1000);
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it('has zero totals, zero months and a null change_pct when there is nothing to compare', async () => {
    const u = await insertUser(t.db);
    const { report } = await createReport(
      t.db,
      { userId: u },
      req({ report_type: 'Monthly Carbon Footprint', start_date: '2024-02-10' }),
      NOW,
    );
    expect(report).toMatchObject({ start_date: '2024-02-01', end_date: '2024-02-29' });
    expect(report.data).toMatchObject({
      total_emissions: 0,
      activity_count: 0,
      breakdown: {},
      monthly: [{ month: '2024-02', total_emissions: 0, activity_count: 0 }],
      comparison: { previous_total_emissions: 0, change_kg: 0, change_pct: null },
    });
  });
});

describe('report periods', () => {
  const now = new Date('2024-03-15T12:00:00Z');
  it.each([
    [{ report_type: 'Monthly Carbon Footprint' }, '2024-03-01', '2024-03-31'],
    [
      { report_type: 'Monthly Carbon Footprint', end_date: '2023-02-14' },
      '2023-02-01',
      '2023-02-28',
    ],
    [{ report_type: 'Yearly Carbon Footprint' }, '2024-01-01', '2024-12-31'],
    [
      { report_type: 'Yearly Carbon Footprint', start_date: '2022-06-01' },
      '2022-01-01',
      '2022-12-31',
    ],
    [
      { report_type: 'Monthly Carbon Footprint', start_date: '2023-10-01', end_date: '2023-10-31' },
      '2023-10-01',
      '2023-10-31',
    ],
    [
      { report_type: 'By Activity Type', start_date: '2023-01-05', end_date: '2023-03-09' },
      '2023-01-05',
      '2023-03-09',
    ],
  ] as const)('%o covers %s .. %s', (input, start, end) => {
    expect(resolveReportPeriod(ReportCreateRequestSchema.parse(input), now)).toEqual({
      start,
      end,
    });
  });
});

describe('report access', () => {
  it('organisation reports: members create and every member reads; viewers read only; others see nothing', async () => {
    const owner = await insertUser(t.db);
    const viewer = await insertUser(t.db);
    const outsider = await insertUser(t.db);
    const otherOrgOwner = await insertUser(t.db);
    const org = await insertOrg(t.db, owner);
    await insertOrg(t.db, otherOrgOwner);
    await addMember(t.db, org, viewer, 'viewer');
    await insertEmission(t.db, { userId: owner, orgId: org, kg: 5, at: '2024-01-10T00:00:00Z' });
    await insertEmission(t.db, { userId: owner, kg: 50, at: '2024-01-10T00:00:00Z' });
    const range = { start_date: '2024-01-01', end_date: '2024-01-31' };
    const { report } = await createReport(t.db, { userId: owner }, req({ ...range, org_id: org }));
    expect(report.data).toMatchObject({ subject: { org_id: org }, total_emissions: 5 });
    expect((await getReport(t.db, { userId: viewer }, report.report_id)).report_id).toBe(
      report.report_id,
    );
    for (const who of [outsider, otherOrgOwner]) {
      await expect(getReport(t.db, { userId: who }, report.report_id)).rejects.toMatchObject({
        status: 404,
      });
    }
    await expect(
      createReport(t.db, { userId: viewer }, req({ ...range, org_id: org })),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      createReport(t.db, { userId: outsider }, req({ ...range, org_id: org })),
    ).rejects.toMatchObject({ status: 403 });

    const personal = await createReport(t.db, { userId: owner }, req(range));
    expect(personal.report.data).toMatchObject({ total_emissions: 55 });
    const all = ReportListQuerySchema.parse({});
    expect((await listReports(t.db, { userId: viewer }, all)).map((r) => r.report_id)).toEqual([
      report.report_id,
    ]);
    expect((await listReports(t.db, { userId: owner }, all)).length).toBe(2);
    expect(await listReports(t.db, { userId: outsider }, all)).toEqual([]);
    await expect(
      getReport(t.db, { userId: viewer }, personal.report.report_id),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      listReports(t.db, { userId: outsider }, ReportListQuerySchema.parse({ org_id: org })),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('refuses an ESG Report with 422 naming the supported types when no ESG builder is wired', async () => {
    const u = await insertUser(t.db);
    const before = await t.db.query('SELECT count(*)::int AS n FROM reports');
    await expect(
      createReport(t.db, { userId: u }, req({ report_type: 'ESG Report', framework: 'gri' })),
    ).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('"Monthly Carbon Footprint", "Yearly Carbon Footprint"'),
    });
    expect(await t.db.query('SELECT count(*)::int AS n FROM reports')).toEqual(before);
  });

  it('stores what a wired ESG builder returns', async () => {
    const u = await insertUser(t.db);
    const { report } = await createReport(
      t.db,
      { userId: u },
      req({
        report_type: 'ESG Report',
        framework: 'esrs',
        start_date: '2023-01-01',
        end_date: '2023-12-31',
      }),
      {
        esg: (_tx, r) =>
          Promise.resolve({ framework: r.framework, from: r.startDate, org: r.orgId }),
      },
    );
    expect(report).toMatchObject({
      framework: 'esrs',
      data: { framework: 'esrs', from: '2023-01-01', org: null },
    });
  });

  it('a repeated create with the same report_id returns the stored report; a different one conflicts', async () => {
    const u = await insertUser(t.db);
    const id = '0190c1d2-7e4b-7c3a-9f10-2b3c4d5e6f71';
    const body = { report_id: id, start_date: '2024-01-01', end_date: '2024-01-31' };
    const first = await createReport(t.db, { userId: u }, req(body));
    const again = await createReport(t.db, { userId: u }, req(body));
    expect(again).toEqual({ report: first.report, created: false });
    await expect(
      createReport(t.db, { userId: u }, req({ ...body, end_date: '2024-02-01' })),
    ).rejects.toMatchObject({ status: 409 });
  });
});
