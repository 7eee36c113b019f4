/**
 * Reads the DESNZ 2024 flat file ("Factors by Category") into factor groups. The file has one
 * line per value: a factor is the run of lines sharing Scope, Level 1-4, Column Text and UOM,
 * with a total "kg CO2e" line and, for most fuels and vehicles, per-gas CO2e lines after it.
 */
import { cellDecimal } from './epa-hub-common.ts';
import { openSheet, text } from './xlsx.ts';

export const DESNZ_FILE = 'ghg-conversion-factors-2024-FlatFormat_v1_1.xlsx';
const SHEET = 'Factors by Category';
const HEADER = [
  'ID',
  'Scope',
  'Level 1',
  'Level 2',
  'Level 3',
  'Level 4',
  'Column Text',
  'UOM',
  'GHG/Unit',
  'GHG Conversion Factor 2024',
];

export interface DesnzGroup {
  readonly scope: string;
  readonly l1: string;
  readonly l2: string;
  readonly l3: string;
  readonly l4: string;
  readonly columnText: string;
  readonly uom: string;
  /** Sheet rows of the group's lines, first and last. */
  readonly firstRow: number;
  readonly lastRow: number;
  /** "GHG/Unit" → the value as decimal text, or null where the cell is empty. */
  readonly values: ReadonlyMap<string, string | null>;
}

interface GroupDraft extends Omit<DesnzGroup, 'lastRow' | 'values'> {
  lastRow: number;
  values: Map<string, string | null>;
}

export async function readDesnzGroups(file: string): Promise<DesnzGroup[]> {
  const sheet = await openSheet(file, SHEET);
  HEADER.forEach((h, i) => {
    if (text(sheet.at(6, i + 1)) !== h) throw new Error(`${SHEET} column ${i + 1} is not "${h}"`);
  });
  const groups: GroupDraft[] = [];
  let current: GroupDraft | undefined;
  for (let r = 7; r <= sheet.rowCount; r++) {
    const t = (col: number): string => text(sheet.at(r, col));
    if (t(2) === 'END' || (t(2) === '' && t(3) === '')) break;
    const ghg = t(9);
    const raw = sheet.at(r, 10);
    if (raw !== null && typeof raw !== 'number') throw new Error(`row ${r}: value "${t(10)}"`);
    const fields = {
      scope: t(2),
      l1: t(3),
      l2: t(4),
      l3: t(5),
      l4: t(6),
      columnText: t(7),
      uom: t(8),
    };
    const same =
      current !== undefined &&
      !current.values.has(ghg) &&
      (Object.keys(fields) as (keyof typeof fields)[]).every((k) => current?.[k] === fields[k]);
    if (!same || current === undefined) {
      current = { ...fields, firstRow: r, lastRow: r, values: new Map() };
      groups.push(current);
    }
    current.values.set(ghg, raw === null ? null : cellDecimal(raw));
    current.lastRow = r;
  }
  return groups;
}
