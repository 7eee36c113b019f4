/**
 * The factor CSV layout shared by the base library and every extended file: the column order,
 * the vocabularies the engine accepts, and reading/writing rows as RFC 4180 text.
 */
import { readFileSync } from 'node:fs';

export const COLUMNS = [
  'key',
  'category',
  'activity',
  'fuel_or_mode',
  'region',
  'unit',
  'co2_kg',
  'ch4_kg',
  'n2o_kg',
  'co2e_kg',
  'co2e_gwp_set',
  'ch4_co2e_kg',
  'n2o_co2e_kg',
  'scope',
  'scope3_category',
  'source',
  'source_table',
  'source_url',
  'license',
  'notes',
] as const;

export type Column = (typeof COLUMNS)[number];
export type FactorRow = Record<Column, string>;

/** The activity units of shared/data/README.md; nothing else may appear in `unit`. */
export const UNITS = [
  'kWh',
  'mmBtu',
  'therm',
  'scf',
  'm3',
  'gallon',
  'litre',
  'kg',
  'tonne',
  'short_ton',
  'km',
  'mile',
  'vehicle_mile',
  'passenger_mile',
  'passenger_km',
  'short_ton_mile',
  'tonne_km',
  'night',
  'fte_hour',
  'USD',
] as const;
export type Unit = (typeof UNITS)[number];

export const CATEGORIES = [
  'transportation',
  'energy',
  'food',
  'purchase',
  'waste',
  'travel',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** A row with every column present; empty columns default to ''. */
export function makeRow(fields: Partial<FactorRow> & Pick<FactorRow, 'key'>): FactorRow {
  const row = {} as FactorRow;
  for (const c of COLUMNS) row[c] = fields[c] ?? '';
  return row;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV text with the header line, `\n` line ends and a final newline (as the base file). */
export function toCsv(rows: readonly FactorRow[]): string {
  const lines = [COLUMNS.join(',')];
  for (const row of rows) lines.push(COLUMNS.map((c) => quote(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}

/**
 * Parses RFC 4180 CSV text (quoted fields, doubled quotes, CRLF or LF) into records. Kept here,
 * a few lines, so the extractors need no package beyond exceljs.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

/** Records as objects keyed by the header line's names. */
export function parseCsvObjects(text: string): Record<string, string>[] {
  const [header, ...body] = parseCsv(text);
  if (!header) return [];
  return body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

/** A named field of a parsed record; a missing column is an error, not an empty value. */
export function field(record: Record<string, string>, name: string): string {
  const value = record[name];
  if (value === undefined) throw new Error(`column "${name}" missing`);
  return value;
}

/** Reads a factor CSV and insists on exactly our columns in our order. */
export function readFactorCsv(path: string): FactorRow[] {
  const records = parseCsv(readFileSync(path, 'utf8'));
  const [header, ...body] = records;
  if (!header || header.join(',') !== COLUMNS.join(',')) {
    throw new Error(`${path}: header differs from the factor columns`);
  }
  return body.map((cells, i) => {
    if (cells.length !== COLUMNS.length) {
      throw new Error(`${path}: line ${i + 2} has ${cells.length} cells`);
    }
    const row = {} as FactorRow;
    COLUMNS.forEach((c, j) => (row[c] = cells[j] ?? ''));
    return row;
  });
}

/** Lower-case slug for key segments: letters and digits, words joined by `_`. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/(\d),(\d{3})/g, '$1$2')
    .replace(/%/g, 'pct')
    .replace(/\+/g, 'plus')
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The key segment that names a unit (`kWh` → `kwh`). */
export function unitSegment(unit: Unit): string {
  return unit.toLowerCase();
}
