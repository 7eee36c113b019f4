/**
 * Stored reports as the ESG module reads them, and re-issuing: a corrected report is a new row
 * (version + 1, supersedes = the one it corrects), built from the data as it is now; the earlier
 * version stays untouched, so what was handed to an auditor can always be shown again.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/types.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { requireReportWriter } from './access.ts';
import type { Framework } from './frameworks.ts';
import { buildEsgReportData, type EsgReportData } from './report-data.ts';

export interface StoredReport {
  [k: string]: unknown;
  report_id: string;
  user_id: string;
  org_id: string | null;
  report_type: string;
  framework: Framework | null;
  start_date: string;
  end_date: string;
  data: Record<string, unknown>;
  version: number;
  supersedes: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS = `report_id, user_id, org_id, report_type, framework, start_date, end_date, data,
  version, supersedes, created_at, updated_at`;

export const ESG_REPORT_TYPE = 'ESG Report';

/** Loads a report; `data` is always an object (a JSON text stored as a jsonb string is parsed). */
export async function loadReport(tx: Queryable, reportId: string): Promise<StoredReport> {
  const [row] = await tx.query<StoredReport>(
    `SELECT ${COLUMNS} FROM reports WHERE report_id = $1::uuid`,
    [reportId],
  );
  if (!row) throw new NotFoundError('Report not found');
  let data: unknown = row.data;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      data = {};
    }
  }
  return { ...row, data: (data ?? {}) as Record<string, unknown> };
}

export async function reissueReport(
  tx: Queryable,
  userId: string,
  reportId: string,
  opts: { industry?: string | null; now?: Date } = {},
): Promise<StoredReport> {
  const old = await loadReport(tx, reportId);
  await requireReportWriter(tx, userId, old);
  if (old.report_type !== ESG_REPORT_TYPE || !old.framework)
    throw new ValidationError(
      'Only ESG reports are re-issued; create a new footprint report instead',
    );
  const [newer] = await tx.query<{ report_id: string }>(
    'SELECT report_id FROM reports WHERE supersedes = $1::uuid LIMIT 1',
    [reportId],
  );
  if (newer)
    throw new ConflictError(
      `Report ${reportId} was already re-issued as ${newer.report_id}; re-issue the latest version`,
    );
  const previousIndustry = (old.data as Partial<EsgReportData>).industry?.code ?? null;
  const data = await buildEsgReportData(tx, {
    userId,
    orgId: old.org_id,
    framework: old.framework,
    startDate: old.start_date,
    endDate: old.end_date,
    industry: opts.industry ?? previousIndustry,
    now: opts.now,
  });
  const [row] = await tx.query<StoredReport>(
    `INSERT INTO reports (report_id, user_id, org_id, report_type, framework, start_date, end_date, data,
       version, supersedes)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6::date, $7::date, $8::text::jsonb, $9::int, $10::uuid)
     RETURNING ${COLUMNS}`,
    [
      randomUUID(),
      userId,
      old.org_id,
      old.report_type,
      old.framework,
      old.start_date,
      old.end_date,
      JSON.stringify(data),
      old.version + 1,
      old.report_id,
    ],
  );
  if (!row) throw new Error('report insert returned no row');
  return row;
}
