/** What every EPA GHG Emission Factors Hub 2025 row shares, and how its tables are located. */
import { makeRow, type FactorRow } from './factor-csv.ts';
import { significant } from './decimal.ts';
import { text, type Sheet } from './xlsx.ts';

export const HUB_FILE = 'ghg-emission-factors-hub-2025.xlsx';
export const HUB_SHEET = 'Emission Factors Hub';

/** A spreadsheet number as decimal text; 15 s.f. drops binary noise such as 0.022000000000000002. */
export function cellDecimal(n: number): string {
  return significant(n, 15);
}

export function epaRow(fields: Partial<FactorRow> & Pick<FactorRow, 'key'>): FactorRow {
  return makeRow({
    region: 'US',
    source: 'US EPA, GHG Emission Factors Hub 2025 (Last Modified Jan 15 2025)',
    source_url: 'https://www.epa.gov/climateleadership/ghg-emission-factors-hub',
    license: 'Public domain (US Government work)',
    ...fields,
  });
}

/** The sheet row whose column B reads "Table n". */
export function tableRow(sheet: Sheet, n: number): number {
  for (let r = 1; r <= sheet.rowCount; r++) {
    if (text(sheet.at(r, 2)) === `Table ${n}`) return r;
  }
  throw new Error(`Table ${n} not found`);
}

/** Key segment for a model-year cell: "2022", "1973-1974", "≤1980". */
export function modelYearSegment(cell: string): { segment: string; label: string } {
  const t = cell.trim();
  let m = /^(\d{4})$/.exec(t);
  if (m) return { segment: `my${m[1]}`, label: `model year ${m[1]}` };
  m = /^(\d{4})-(\d{4})$/.exec(t);
  if (m) return { segment: `my${m[1]}_${m[2]}`, label: `model years ${m[1]}-${m[2]}` };
  m = /^≤\s*(\d{4})$/.exec(t);
  if (m) return { segment: `my${m[1]}_or_earlier`, label: `model year ${m[1]} or earlier` };
  throw new Error(`model year "${cell}" not understood`);
}
