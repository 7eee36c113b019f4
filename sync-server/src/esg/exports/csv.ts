/**
 * CSV export (csv-stringify): one table with a `section` column, so a spreadsheet filter shows
 * one disclosure at a time: summary rows, each disclosure's rows, then one line per activity.
 */
import { stringify } from 'csv-stringify/sync';
import { APPENDIX_COLUMNS } from './appendix.ts';
import type { Printable } from './printable.ts';

export function renderCsv(p: Printable): string {
  const header = ['section', 'item', 'value', 'unit', 'figure'];
  const rows: (string | number | null)[][] = [];
  rows.push(['report', 'title', p.title, '', '']);
  rows.push(['report', 'subtitle', p.subtitle, '', '']);
  for (const s of p.summary) rows.push(['summary', s.label, s.kg, 'kg CO2e', '']);
  for (const s of p.sections) {
    for (const r of s.rows) rows.push([s.id, r.label, r.value, r.unit, r.figure ?? '']);
    if (s.narrative) rows.push([s.id, 'narrative', s.narrative, '', '']);
  }
  let out = stringify([header, ...rows]);
  if (p.appendix) {
    const lines = p.appendix.lines.map((l) => APPENDIX_COLUMNS.map((c) => l[c.key]));
    out += '\n';
    out += stringify([APPENDIX_COLUMNS.map((c) => c.header), ...lines]);
    out += stringify([['note', p.appendix.note]]);
  }
  return out;
}
