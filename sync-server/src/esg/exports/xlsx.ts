/** XLSX export (exceljs): a Summary sheet, a sheet per disclosure, and the activity appendix. */
import ExcelJS from 'exceljs';
import { APPENDIX_COLUMNS } from './appendix.ts';
import type { Printable } from './printable.ts';

const KG_FORMAT = '#,##0.000';

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(/[:\\/?*[\]]/g, ' ')
      .slice(0, 31)
      .trim() || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 27)} (${i})`;
  taken.add(name.toLowerCase());
  return name;
}

export async function renderXlsx(p: Printable): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Eco-Track';
  wb.created = new Date();
  const taken = new Set<string>();

  const summary = wb.addWorksheet(sheetName('Summary', taken));
  summary.columns = [
    { header: 'Figure', key: 'label', width: 36 },
    { header: 'kg CO2e', key: 'kg', width: 20, style: { numFmt: KG_FORMAT } },
    { header: 't CO2e', key: 't', width: 16, style: { numFmt: KG_FORMAT } },
  ];
  summary.insertRow(1, [p.title]);
  summary.insertRow(2, [p.subtitle]);
  summary.getRow(1).font = { bold: true, size: 14 };
  summary.getRow(3).font = { bold: true };
  for (const s of p.summary) summary.addRow({ label: s.label, kg: s.kg, t: s.kg / 1000 });

  for (const section of p.sections) {
    const ws = wb.addWorksheet(sheetName(section.id, taken));
    ws.columns = [
      { header: 'Item', key: 'label', width: 60 },
      { header: 'Value', key: 'value', width: 28 },
      { header: 'Unit', key: 'unit', width: 24 },
      { header: 'Traceability (inventory figure)', key: 'figure', width: 30 },
    ];
    ws.insertRow(1, [`${section.id}: ${section.title}`]);
    ws.getRow(1).font = { bold: true, size: 13 };
    ws.getRow(2).font = { bold: true };
    for (const r of section.rows)
      ws.addRow({ label: r.label, value: r.value ?? 'n/a', unit: r.unit, figure: r.figure ?? '' });
    if (section.narrative) {
      ws.addRow([]);
      const row = ws.addRow([section.narrative]);
      row.alignment = { wrapText: true, vertical: 'top' };
    }
  }

  if (p.appendix) {
    const ws = wb.addWorksheet(sheetName('Activities', taken));
    ws.columns = APPENDIX_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: 18 }));
    for (const line of p.appendix.lines) ws.addRow(line);
    ws.addRow([]);
    ws.addRow([p.appendix.note]);
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf);
}
