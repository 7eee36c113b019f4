/**
 * PDF export (pdfkit): the summary table, a bar chart of the scopes drawn with pdfkit's vector
 * API, each disclosure as a table with its narrative, then methodology and the appendix note
 * (the activity lines themselves are in the XLSX and CSV exports).
 */
import PDFDocument from 'pdfkit';
import { formatKg, formatNumber, formatTonnes } from '../format.ts';
import type { DisclosureRow } from '../frameworks.ts';
import type { Printable, SummaryLine } from './printable.ts';

const MARGIN = 50;
const GREEN = '#2E7D32';
const LIGHT = '#8BC34A';
const TEXT = '#212121';

type Doc = InstanceType<typeof PDFDocument>;

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function cell(v: DisclosureRow['value'], unit: string): string {
  if (v === null) return 'n/a';
  if (typeof v === 'string') return v;
  if (unit.startsWith('t CO2') || unit.startsWith('kg CO2')) return formatNumber(v, 3);
  if (unit === '%' || unit.startsWith('%')) return formatNumber(v, 1);
  return formatNumber(v, 2);
}

function table(doc: Doc, widths: number[], rows: string[][], header?: string[]): void {
  const x0 = MARGIN;
  const draw = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const h =
      Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: (widths[i] ?? 100) - 6 }))) +
      6;
    ensureSpace(doc, h);
    const y = doc.y;
    let x = x0;
    cells.forEach((c, i) => {
      const w = widths[i] ?? 100;
      doc.fillColor(TEXT).text(c, x + 3, y + 3, { width: w - 6 });
      x += w;
    });
    doc
      .moveTo(x0, y + h)
      .lineTo(x0 + widths.reduce((a, b) => a + b, 0), y + h)
      .strokeColor('#cccccc')
      .lineWidth(0.5)
      .stroke();
    doc.x = x0;
    doc.y = y + h;
  };
  if (header) draw(header, true);
  for (const r of rows) draw(r, false);
  doc.moveDown(0.8);
}

function barChart(doc: Doc, bars: SummaryLine[]): void {
  const height = 150;
  ensureSpace(doc, height + 40);
  const x0 = MARGIN + 10;
  const y0 = doc.y + 10;
  const width = doc.page.width - 2 * MARGIN - 20;
  const max = Math.max(...bars.map((b) => b.kg), 1e-9);
  const slot = width / Math.max(bars.length, 1);
  doc
    .moveTo(x0, y0 + height)
    .lineTo(x0 + width, y0 + height)
    .strokeColor(TEXT)
    .lineWidth(1)
    .stroke();
  bars.forEach((b, i) => {
    const h = (Math.max(b.kg, 0) / max) * (height - 20);
    const x = x0 + i * slot + slot * 0.2;
    doc.rect(x, y0 + height - h, slot * 0.6, h).fill(i % 2 === 0 ? GREEN : LIGHT);
    doc.fillColor(TEXT).font('Helvetica').fontSize(8);
    doc.text(`${formatTonnes(b.kg)} t`, x - slot * 0.1, y0 + height - h - 11, {
      width: slot * 0.8,
      align: 'center',
    });
    doc.text(b.label, x - slot * 0.1, y0 + height + 4, { width: slot * 0.8, align: 'center' });
  });
  doc.x = MARGIN;
  doc.y = y0 + height + 28;
}

export function renderPdf(p: Printable): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: p.title, Creator: 'Eco-Track' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  const contentWidth = doc.page.width - 2 * MARGIN;

  doc.fillColor(GREEN).font('Helvetica-Bold').fontSize(16).text(p.title, { width: contentWidth });
  doc.fillColor(TEXT).font('Helvetica').fontSize(9).text(p.subtitle, { width: contentWidth });
  doc.moveDown();

  if (p.summary.length > 0) {
    doc.font('Helvetica-Bold').fontSize(12).fillColor(GREEN).text('Summary');
    doc.moveDown(0.3);
    table(
      doc,
      [contentWidth * 0.5, contentWidth * 0.28, contentWidth * 0.22],
      p.summary.map((s) => [s.label, formatKg(s.kg), formatTonnes(s.kg)]),
      ['Figure', 'kg CO2e', 't CO2e'],
    );
  }
  if (p.chart.length > 0) barChart(doc, p.chart);

  for (const s of p.sections) {
    ensureSpace(doc, 60);
    doc
      .font('Helvetica-Bold')
      .fontSize(12)
      .fillColor(GREEN)
      .text(`${s.id}: ${s.title}`, MARGIN, doc.y, { width: contentWidth });
    doc.moveDown(0.3);
    table(
      doc,
      [contentWidth * 0.5, contentWidth * 0.3, contentWidth * 0.2],
      s.rows.map((r) => [r.label, cell(r.value, r.unit), r.unit]),
    );
    if (s.narrative) {
      doc
        .font('Helvetica')
        .fontSize(9)
        .fillColor(TEXT)
        .text(s.narrative, MARGIN, doc.y, { width: contentWidth });
      doc.moveDown();
    }
  }

  if (p.appendix) {
    ensureSpace(doc, 60);
    doc
      .font('Helvetica-Bold')
      .fontSize(12)
      .fillColor(GREEN)
      .text('Activity appendix', MARGIN, doc.y);
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor(TEXT)
      .text(
        `${p.appendix.note} The activity-level lines are in the XLSX and CSV exports of this report.`,
        { width: contentWidth },
      );
  }
  doc.end();
  return done;
}
