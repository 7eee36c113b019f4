/**
 * GET /reports/{id}/export: loads the report, checks access, and renders the chosen format.
 * The XLSX and PDF renderers (exceljs, pdfkit) are imported on first use: loaded at start they
 * cost every server ~33 MB of resident memory (decisions.md, "Embedded PGlite memory").
 */
import type { Queryable } from '../../db/types.ts';
import { requireReportReader } from '../access.ts';
import type { Owner } from '../inventory-aggregate.ts';
import { isEsgReportData } from '../report-data.ts';
import { loadReport } from '../report-versions.ts';
import { loadAppendix } from './appendix.ts';
import { renderCsv } from './csv.ts';
import { esgPrintable, genericPrintable } from './printable.ts';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedFile {
  body: Uint8Array | string;
  contentType: string;
  filename: string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export async function exportReport(
  tx: Queryable,
  userId: string,
  reportId: string,
  format: ExportFormat,
): Promise<ExportedFile> {
  const report = await loadReport(tx, reportId);
  await requireReportReader(tx, userId, report);
  const filename = `report-${report.start_date}-${report.end_date}-v${report.version}.${format}`;
  if (format === 'json') {
    const body = JSON.stringify({ ...report }, null, 2);
    return { body, contentType: CONTENT_TYPES.json, filename };
  }
  const owner: Owner = report.org_id
    ? { kind: 'org', orgId: report.org_id }
    : { kind: 'user', userId: report.user_id };
  const period = { from: report.start_date, to: report.end_date };
  const esg = isEsgReportData(report.data) ? report.data : null;
  // the PDF carries the reconciliation note only; XLSX and CSV list the lines
  const appendix = await loadAppendix(
    tx,
    owner,
    period,
    esg
      ? {
          total_location_kg: esg.summary.total_location_kg,
          activity_count: esg.summary.activity_count,
        }
      : null,
    format === 'pdf' ? 0 : undefined,
  );
  const printable = esg ? esgPrintable(report, esg, appendix) : genericPrintable(report, appendix);
  switch (format) {
    case 'csv':
      return { body: renderCsv(printable), contentType: CONTENT_TYPES.csv, filename };
    case 'xlsx':
      return {
        body: await (await import('./xlsx.ts')).renderXlsx(printable),
        contentType: CONTENT_TYPES.xlsx,
        filename,
      };
    case 'pdf':
      return {
        body: await (await import('./pdf.ts')).renderPdf(printable),
        contentType: CONTENT_TYPES.pdf,
        filename,
      };
  }
}
