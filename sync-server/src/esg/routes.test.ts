import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Call } from '../api/api-test-kit.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { pdfText } from './exports/pdf-text.ts';
import { formatKg } from './format.ts';
import { buildEsgReportData, type EsgReportData } from './report-data.ts';
import {
  addMember,
  ensureUkGridSplitFactors,
  insertEmissions,
  insertOrg,
  insertUser,
} from './test-fixtures.ts';

let t: TestApp;
let call: Call;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
let org = '';
let otherOrg = '';

const Q = '?from=2024-01-01&to=2024-12-31';

async function bytes(
  path: string,
  token: string,
): Promise<{ status: number; body: Uint8Array; type: string | null }> {
  const res = await t.app.request(path, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: res.status,
    body: new Uint8Array(await res.arrayBuffer()),
    type: res.headers.get('content-type'),
  };
}

async function storeEsgReport(
  userId: string,
  orgId: string | null,
  framework: 'gri' | 'sasb' | 'esrs',
  industry?: string,
) {
  const data = await buildEsgReportData(t.db, {
    userId,
    orgId,
    framework,
    startDate: '2024-01-01',
    endDate: '2024-12-31',
    industry: industry ?? null,
  });
  const [row] = await t.db.query<{ report_id: string }>(
    `INSERT INTO reports (report_id, user_id, org_id, report_type, framework, start_date, end_date, data)
     VALUES (gen_random_uuid(), $1::uuid, $2::uuid, 'ESG Report', $3, '2024-01-01', '2024-12-31', $4::text::jsonb)
     RETURNING report_id`,
    [userId, orgId, framework, JSON.stringify(data)],
  );
  return { reportId: row!.report_id, data };
}

beforeAll(async () => {
  t = await createTestApp();
  call = client(t);
  await ensureUkGridSplitFactors(t.db);
  for (const name of ['owner', 'admin', 'member', 'viewer', 'outsider', 'otherMember']) {
    ids[name] = await insertUser(t.db, { username: name });
    tokens[name] = await t.token(ids[name] ?? '');
  }
  org = await insertOrg(t.db, {
    name: 'Acme Freight',
    employees: 20,
    revenue: 5_000_000,
    industry: 'TR-RO',
    baseYear: 2023,
  });
  otherOrg = await insertOrg(t.db, { name: 'Other Co' });
  await addMember(t.db, org, ids.owner!, 'owner');
  await addMember(t.db, org, ids.admin!, 'admin');
  await addMember(t.db, org, ids.member!, 'member');
  await addMember(t.db, org, ids.viewer!, 'viewer');
  await addMember(t.db, otherOrg, ids.otherMember!, 'owner');
  await insertEmissions(t.db, [
    {
      userId: ids.member!,
      orgId: org,
      timestamp: '2024-02-01T08:00:00Z',
      scope: '1',
      co2e: '1234.5678',
      co2: '1200',
      ch4: '0.5',
      n2o: '0.05',
      factorKey: 'mobile.diesel.gallon.us',
      factorSource: 'EPA GHG Emission Factors Hub 2025',
      factorYear: 2025,
    },
    {
      userId: ids.member!,
      orgId: org,
      timestamp: '2024-03-01T08:00:00Z',
      scope: '2',
      co2e: '207.05',
      factorKey: 'electricity.uk_grid.generation.kwh.gb',
      factorUnit: 'kWh',
      convertedAmount: '1000',
      factorSource: 'DESNZ 2024',
    },
    {
      userId: ids.owner!,
      orgId: org,
      timestamp: '2024-04-01T08:00:00Z',
      scope: '3',
      scope3Category: 6,
      co2e: '88.125',
      factorSource: 'DESNZ 2024',
      dataQuality: 'estimated',
    },
    { userId: ids.owner!, orgId: org, timestamp: '2023-04-01T08:00:00Z', scope: '1', co2e: '2000' },
    { userId: ids.outsider!, timestamp: '2024-05-01T08:00:00Z', scope: '1', co2e: '42' },
  ]);
});
afterAll(async () => t.close());

describe('GET /api/v1/orgs/{org_id}/inventory', () => {
  it('answers owners, admins and members with the figures and their traceability', async () => {
    for (const who of ['owner', 'admin', 'member']) {
      const res = await call('GET', `/api/v1/orgs/${org}/inventory${Q}`, { token: tokens[who] });
      expect(res.status).toBe(200);
      expect(res.body.scope1_kg).toBe(1234.5678);
      expect(res.body.scope2_location_kg).toBe(207.05);
      expect(res.body.scope2_market_kg).toBe(207.05);
      expect(res.body.scope3_kg).toBe(88.125);
      expect(res.body.scope3_by_category).toEqual({ '6': 88.125 });
      expect(res.body.total_location_kg).toBe(1529.7428);
      expect(res.body.total_market_kg).toBe(1529.7428);
      expect(res.body.activity_count).toBe(3);
      expect(res.body.by_gas.ch4_kg).toBe(0.5);
      expect(res.body.comparison.base_year.total_location_kg).toBe(2000);
      expect(res.body.traceability.scope1_kg.factors[0]).toMatchObject({
        factor_key: 'mobile.diesel.gallon.us',
        factor_year: 2025,
        factor_source: 'EPA GHG Emission Factors Hub 2025',
        gwp_set: 'AR5',
      });
      expect(res.body.traceability.scope1_kg.activity_ids).toHaveLength(1);
    }
  });

  it('refuses anonymous (401), another user and a member of another org (404), a viewer (403)', async () => {
    expect((await call('GET', `/api/v1/orgs/${org}/inventory${Q}`)).status).toBe(401);
    expect(
      (await call('GET', `/api/v1/orgs/${org}/inventory${Q}`, { token: tokens.outsider })).status,
    ).toBe(404);
    expect(
      (await call('GET', `/api/v1/orgs/${org}/inventory${Q}`, { token: tokens.otherMember }))
        .status,
    ).toBe(404);
    const viewer = await call('GET', `/api/v1/orgs/${org}/inventory${Q}`, { token: tokens.viewer });
    expect(viewer.status).toBe(403);
    expect(viewer.body.detail).toMatch(/Viewers read/);
    const lines = await call('GET', `/api/v1/orgs/${org}/inventory/activities${Q}`, {
      token: tokens.viewer,
    });
    expect(lines.status).toBe(403);
  });

  it('validates the query (422) and lists audit lines per figure, keyset-paged', async () => {
    const bad = await call('GET', `/api/v1/orgs/${org}/inventory?from=2024-13-01`, {
      token: tokens.member,
    });
    expect(bad.status).toBe(422);
    const reversed = await call(
      'GET',
      `/api/v1/orgs/${org}/inventory?from=2024-05-01&to=2024-01-01`,
      { token: tokens.member },
    );
    expect(reversed.status).toBe(422);
    expect(
      (await call('GET', `/api/v1/orgs/not-a-uuid/inventory`, { token: tokens.member })).status,
    ).toBe(422);
    const first = await call('GET', `/api/v1/orgs/${org}/inventory/activities${Q}&limit=2`, {
      token: tokens.member,
    });
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(2);
    const last = first.body[1];
    const next = await call(
      'GET',
      `/api/v1/orgs/${org}/inventory/activities${Q}&limit=2&after_timestamp=${encodeURIComponent(last.timestamp)}&after_activity_id=${last.activity_id}`,
      { token: tokens.member },
    );
    expect((next.body as { co2e_kg: number }[]).map((l) => l.co2e_kg)).toEqual([88.125]);
    const s3 = await call(
      'GET',
      `/api/v1/orgs/${org}/inventory/activities${Q}&figure=scope3&scope3_category=6`,
      { token: tokens.member },
    );
    expect(s3.body).toHaveLength(1);
  });
});

describe('GET /api/v1/users/me/inventory', () => {
  it('is the caller’s personal inventory only', async () => {
    const mine = await call('GET', `/api/v1/users/me/inventory${Q}`, { token: tokens.outsider });
    expect(mine.status).toBe(200);
    expect(mine.body.total_location_kg).toBe(42);
    const member = await call('GET', `/api/v1/users/me/inventory${Q}`, { token: tokens.member });
    expect(member.body.total_location_kg).toBe(0);
    expect((await call('GET', `/api/v1/users/me/inventory${Q}`)).status).toBe(401);
  });
});

describe('instruments and templates', () => {
  it('lets owners and admins record instruments; members and viewers may not', async () => {
    const body = {
      instrument_type: 'energy_attribute_certificate',
      certificate_scheme: 'REGO',
      period_start: '2024-01-01',
      period_end: '2024-12-31',
      quantity_kwh: 500,
    };
    expect(
      (await call('POST', `/api/v1/orgs/${org}/esg/instruments`, { token: tokens.member, body }))
        .status,
    ).toBe(403);
    expect(
      (await call('POST', `/api/v1/orgs/${org}/esg/instruments`, { token: tokens.viewer, body }))
        .status,
    ).toBe(403);
    expect(
      (await call('POST', `/api/v1/orgs/${org}/esg/instruments`, { token: tokens.outsider, body }))
        .status,
    ).toBe(404);
    const bad = await call('POST', `/api/v1/orgs/${org}/esg/instruments`, {
      token: tokens.admin,
      body: { ...body, quantity_kwh: undefined },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toMatch(/quantity_kwh/);
    const made = await call('POST', `/api/v1/orgs/${org}/esg/instruments`, {
      token: tokens.admin,
      body,
    });
    expect(made.status).toBe(201);
    const inv = await call('GET', `/api/v1/orgs/${org}/inventory${Q}`, { token: tokens.member });
    expect(inv.body.scope2_location_kg).toBe(207.05);
    expect(inv.body.scope2_market_kg).toBeCloseTo(207.05 / 2, 9);
    const del = await call(
      'DELETE',
      `/api/v1/orgs/${org}/esg/instruments/${made.body.instrument_id}`,
      { token: tokens.owner },
    );
    expect(del.status).toBe(204);
    const after = await call('GET', `/api/v1/orgs/${org}/inventory${Q}`, { token: tokens.member });
    expect(after.body.scope2_market_kg).toBe(207.05);
  });

  it('stores templates with known placeholders only, and reports use them', async () => {
    const bad = await call('PUT', `/api/v1/orgs/${org}/esg/templates/introduction`, {
      token: tokens.owner,
      body: { body: 'Hello {{company}}' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toMatch(/\{\{company\}\}/);
    expect(
      (
        await call('PUT', `/api/v1/orgs/${org}/esg/templates/introduction`, {
          token: tokens.member,
          body: { body: 'x' },
        })
      ).status,
    ).toBe(403);
    const ok = await call('PUT', `/api/v1/orgs/${org}/esg/templates/introduction`, {
      token: tokens.owner,
      body: {
        body: '{{org_name}} emitted {{total_location_t}} t CO2e in {{period_start}}..{{period_end}}.',
      },
    });
    expect(ok.status).toBe(200);
    const list = await call('GET', `/api/v1/orgs/${org}/esg/templates`, { token: tokens.member });
    expect(
      (list.body.templates as { section: string; is_default: boolean }[]).find(
        (x) => x.section === 'introduction',
      )?.is_default,
    ).toBe(false);
    const { data } = await storeEsgReport(ids.owner!, org, 'gri');
    expect(data.narrative.introduction).toBe(
      'Acme Freight emitted 1.530 t CO2e in 2024-01-01..2024-12-31.',
    );
    const reset = await call('DELETE', `/api/v1/orgs/${org}/esg/templates/introduction`, {
      token: tokens.admin,
    });
    expect(reset.body.is_default).toBe(true);
  });
});

describe('report layouts and exports', () => {
  let gri: { reportId: string; data: EsgReportData };
  beforeAll(async () => {
    gri = await storeEsgReport(ids.member!, org, 'gri');
  });

  it('lays out GRI 305-1..5, SASB 110a.1/2 for the chosen industry and ESRS E1-6', async () => {
    expect(gri.data.disclosures.map((d) => d.id)).toEqual([
      'GRI 305-1',
      'GRI 305-2',
      'GRI 305-3',
      'GRI 305-4',
      'GRI 305-5',
    ]);
    const s2 = gri.data.disclosures[1]!.rows;
    expect(s2.find((r) => r.label.startsWith('Gross market-based'))?.value).toBeCloseTo(
      0.20705,
      12,
    );
    const sasb = await storeEsgReport(ids.member!, org, 'sasb', 'tr-af');
    expect(sasb.data.industry).toEqual({ code: 'TR-AF', name: 'Airlines' });
    expect(sasb.data.disclosures.map((d) => d.id)).toEqual(['TR-AF-110a.1', 'TR-AF-110a.2']);
    expect(sasb.data.disclosures[0]!.rows[0]!.value).toBeCloseTo(1.2345678, 12);
    const fromOrg = await storeEsgReport(ids.member!, org, 'sasb');
    expect(fromOrg.data.industry?.code).toBe('TR-RO');
    await expect(storeEsgReport(ids.member!, org, 'sasb', 'XX-YY')).rejects.toThrow(
      /unknown SASB industry/,
    );
    const esrs = await storeEsgReport(ids.member!, org, 'esrs');
    const ids_ = esrs.data.disclosures.map((d) => d.id);
    expect(ids_).toEqual([
      'ESRS E1-6 Scope 1',
      'ESRS E1-6 Scope 2',
      'ESRS E1-6 Scope 3',
      'ESRS E1-6 Total',
      'ESRS E1-6 Intensity',
    ]);
    const intensity = esrs.data.disclosures[4]!.rows;
    expect(intensity[1]!.value).toBeCloseTo((1529.7428 / 5_000_000) * 1000, 12);
    expect(esrs.data.methodology.consolidation_approach).toBe('operational_control');
    expect(esrs.data.methodology.factor_editions.map((e) => e.factor_source)).toContain(
      'EPA GHG Emission Factors Hub 2025',
    );
  });

  it('XLSX parsed back carries the same totals, a sheet per disclosure and the activity appendix', async () => {
    const res = await bytes(`/api/v1/reports/${gri.reportId}/export?format=xlsx`, tokens.member!);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(res.body) as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual([
      'Summary',
      'GRI 305-1',
      'GRI 305-2',
      'GRI 305-3',
      'GRI 305-4',
      'GRI 305-5',
      'Methodology',
      'Narrative',
      'Activities',
    ]);
    const summary = wb.getWorksheet('Summary')!;
    const figures = new Map<string, unknown>();
    summary.eachRow((row) => figures.set(row.getCell(1).text, row.getCell(2).value));
    expect(figures.get('Total (location-based)')).toBe(gri.data.summary.total_location_kg);
    expect(figures.get('Total (market-based)')).toBe(gri.data.summary.total_market_kg);
    expect(figures.get('Scope 1')).toBe(1234.5678);
    const activities = wb.getWorksheet('Activities')!;
    let sum = 0;
    let n = 0;
    activities.eachRow((row, i) => {
      const v = row.getCell(17).value;
      if (i > 1 && typeof v === 'number') {
        sum += v;
        n += 1;
      }
    });
    expect(n).toBe(3);
    expect(sum).toBeCloseTo(gri.data.summary.total_location_kg, 9);
  });

  it('the PDF’s extracted text carries the same totals', async () => {
    const res = await bytes(`/api/v1/reports/${gri.reportId}/export?format=pdf`, tokens.member!);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    const text = await pdfText(res.body);
    expect(text).toContain(formatKg(gri.data.summary.total_location_kg));
    expect(text).toContain(formatKg(gri.data.summary.scope1_kg));
    expect(text).toContain('GRI 305-1');
    expect(text).toContain('Activity appendix');
  });

  it('CSV carries the totals and one line per activity; JSON is the stored report', async () => {
    const res = await bytes(`/api/v1/reports/${gri.reportId}/export?format=csv`, tokens.member!);
    const csv = new TextDecoder().decode(res.body);
    const rows: string[][] = parse(csv, { relax_column_count: true });
    const total = rows.find((r) => r[0] === 'summary' && r[1] === 'Total (location-based)');
    expect(Number(total?.[2])).toBe(gri.data.summary.total_location_kg);
    const header = rows.findIndex((r) => r[0] === 'activity_id');
    expect(rows.slice(header + 1).filter((r) => /^[0-9a-f-]{36}$/.test(r[0] ?? ''))).toHaveLength(
      3,
    );
    const json = await call('GET', `/api/v1/reports/${gri.reportId}/export?format=json`, {
      token: tokens.member,
    });
    expect(json.body.data.summary.total_location_kg).toBe(gri.data.summary.total_location_kg);
    expect(
      (
        await call('GET', `/api/v1/reports/${gri.reportId}/export?format=doc`, {
          token: tokens.member,
        })
      ).status,
    ).toBe(422);
  });

  it('POST /api/v1/reports with report_type "ESG Report" builds the document; viewers may not create', async () => {
    const body = {
      report_type: 'ESG Report',
      framework: 'sasb',
      industry: 'EM-CM',
      org_id: org,
      start_date: '2024-01-01',
      end_date: '2024-12-31',
    };
    expect((await call('POST', '/api/v1/reports', { token: tokens.viewer, body })).status).toBe(
      403,
    );
    const made = await call('POST', '/api/v1/reports', { token: tokens.member, body });
    expect(made.status).toBe(201);
    expect(made.body.data).toMatchObject({
      kind: 'esg_report',
      industry: { code: 'EM-CM', name: 'Construction Materials' },
      summary: { scope1_kg: 1234.5678 },
    });
    const pdf = await bytes(
      `/api/v1/reports/${made.body.report_id}/export?format=pdf`,
      tokens.viewer!,
    );
    expect(await pdfText(pdf.body)).toContain('EM-CM-110a.1');
  });

  it('exports footprint (non-ESG) reports too, with their totals', async () => {
    const made = await call('POST', '/api/v1/reports', {
      token: tokens.member,
      body: {
        report_type: 'Custom Range',
        org_id: org,
        start_date: '2024-01-01',
        end_date: '2024-12-31',
      },
    });
    expect(made.status).toBe(201);
    const total = made.body.data.total_emissions as number;
    expect(total).toBe(1529.7428);
    const csv = new TextDecoder().decode(
      (await bytes(`/api/v1/reports/${made.body.report_id}/export?format=csv`, tokens.viewer!))
        .body,
    );
    const rows: string[][] = parse(csv, { relax_column_count: true });
    expect(Number(rows.find((r) => r[0] === 'summary')?.[2])).toBe(total);
    const pdf = await bytes(
      `/api/v1/reports/${made.body.report_id}/export?format=pdf`,
      tokens.member!,
    );
    expect(await pdfText(pdf.body)).toContain(formatKg(total));
    const xlsx = await bytes(
      `/api/v1/reports/${made.body.report_id}/export?format=xlsx`,
      tokens.member!,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.body) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Summary')?.getRow(4).getCell(2).value).toBe(total);
  });

  it('viewers read organisation reports; outsiders and anonymous do not', async () => {
    expect(
      (await bytes(`/api/v1/reports/${gri.reportId}/export?format=pdf`, tokens.viewer!)).status,
    ).toBe(200);
    expect(
      (await bytes(`/api/v1/reports/${gri.reportId}/export?format=pdf`, tokens.otherMember!))
        .status,
    ).toBe(404);
    expect((await call('GET', `/api/v1/reports/${gri.reportId}/export?format=json`)).status).toBe(
      401,
    );
  });

  it('re-issuing a corrected report keeps the earlier version', async () => {
    const first = await storeEsgReport(ids.member!, org, 'esrs');
    await insertEmissions(t.db, [
      {
        userId: ids.member!,
        orgId: org,
        timestamp: '2024-06-01T08:00:00Z',
        scope: '1',
        co2e: '10',
      },
    ]);
    // the old version's appendix says the data changed
    const stale = await bytes(
      `/api/v1/reports/${first.reportId}/export?format=csv`,
      tokens.member!,
    );
    expect(new TextDecoder().decode(stale.body)).toMatch(/changed after this report was issued/);
    expect(
      (await call('POST', `/api/v1/reports/${first.reportId}/reissue`, { token: tokens.viewer }))
        .status,
    ).toBe(403);
    const v2 = await call('POST', `/api/v1/reports/${first.reportId}/reissue`, {
      token: tokens.member,
    });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, supersedes: first.reportId, framework: 'esrs' });
    expect(v2.body.data.summary.total_location_kg).toBe(first.data.summary.total_location_kg + 10);
    const old = await call('GET', `/api/v1/reports/${first.reportId}/export?format=json`, {
      token: tokens.member,
    });
    expect(old.body.version).toBe(1);
    expect(old.body.data.summary.total_location_kg).toBe(first.data.summary.total_location_kg);
    const again = await call('POST', `/api/v1/reports/${first.reportId}/reissue`, {
      token: tokens.member,
    });
    expect(again.status).toBe(409);
    await t.db.query(
      `DELETE FROM activities WHERE org_id = $1::uuid AND "timestamp" = '2024-06-01T08:00:00Z'`,
      [org],
    );
  });
});
