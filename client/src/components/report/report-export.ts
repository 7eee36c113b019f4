/**
 * Exports a report on the device (works offline): the stored JSON as is, or a flat CSV of every
 * figure (section, item, kg CO2e). Loaded lazily, only when the user exports.
 */
import type { Report } from '../../worker/api.ts';

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Every numeric leaf of the report's data as a row: the path's head is the section. */
export function reportToCsv(report: Report): string {
  const rows: string[][] = [['section', 'item', 'value']];
  const walk = (value: unknown, path: string[]) => {
    if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
      rows.push([path[0] ?? '', path.slice(1).join('.'), String(value)]);
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...path, String(i)]));
      return;
    }
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    }
  };
  rows.push(['report', 'report_type', report.report_type]);
  rows.push(['report', 'start_date', report.start_date]);
  rows.push(['report', 'end_date', report.end_date]);
  walk(report.data, []);
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function reportFileName(report: Report, ext: string): string {
  const type = report.report_type.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return `eco-track-${type}-${report.start_date}-${report.end_date}.${ext}`;
}
