/** Reads worksheet cells with exceljs as plain text or numbers (formula results, rich text). */
import ExcelJS from 'exceljs';

export type CellValue = string | number | null;

export interface Sheet {
  readonly rowCount: number;
  /** The value of a cell by address ("E17") or by 1-based row and column number. */
  cell(ref: string): CellValue;
  at(row: number, col: number): CellValue;
}

function plainValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean' || v instanceof Date) return String(v);
  if ('result' in v) return plainValue(v.result);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('text' in v) return String(v.text);
  if ('error' in v) return null;
  return null;
}

export async function openSheet(file: string, name: string): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`${file}: no sheet "${name}"`);
  return {
    rowCount: ws.rowCount,
    cell: (ref) => plainValue(ws.getCell(ref).value),
    at: (row, col) => plainValue(ws.getRow(row).getCell(col).value),
  };
}

/** Cell text, trimmed, '' for empty cells. */
export function text(v: CellValue): string {
  return v === null ? '' : String(v).trim();
}

/** A numeric cell; throws on text so a shifted layout fails loudly. */
export function num(v: CellValue, where: string): number {
  if (typeof v !== 'number') throw new Error(`${where}: expected a number, found "${text(v)}"`);
  return v;
}
