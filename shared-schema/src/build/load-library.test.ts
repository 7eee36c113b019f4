/** The build's validation of the data files: every row through zod, duplicates refused. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACTOR_COLUMNS } from './csv-schemas.ts';
import { loadLibrary } from './load-library.ts';
import { DEFAULT_PATHS } from './plan-build.ts';

const base = readFileSync(join(DEFAULT_PATHS.dataDir, 'emission-factors.csv'), 'utf8');
const [header, firstRow] = base.split('\n');

/** A data dir with the real gwp/unit files, the given factor CSV and extended files. */
function dataDir(factors: string, extended: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'factor-data-'));
  cpSync(join(DEFAULT_PATHS.dataDir, 'gwp.csv'), join(dir, 'gwp.csv'));
  cpSync(join(DEFAULT_PATHS.dataDir, 'unit-conversions.csv'), join(dir, 'unit-conversions.csv'));
  writeFileSync(join(dir, 'emission-factors.csv'), factors);
  mkdirSync(join(dir, 'extended'));
  for (const [name, text] of Object.entries(extended))
    writeFileSync(join(dir, 'extended', name), text);
  return dir;
}

describe('loadLibrary', () => {
  it('reads the base file plus every extended file', () => {
    const lib = loadLibrary(DEFAULT_PATHS.dataDir);
    expect(lib.factors.length).toBeGreaterThanOrEqual(418);
    expect(lib.files[0]).toBe('emission-factors.csv');
    expect(new Set(lib.factors.map((f) => `${f.key}@${f.year}`)).size).toBe(lib.factors.length);
  });

  it('refuses a duplicate key between the base file and an extended file', () => {
    const dir = dataDir(`${header}\n${firstRow}\n`, { 'more.csv': `${header}\n${firstRow}\n` });
    expect(() => loadLibrary(dir)).toThrow(
      /duplicate factor key stationary\.natural_gas\.scf\.us \(edition 2025\) in emission-factors\.csv and extended\/more\.csv/,
    );
  });

  it('refuses an extended file whose columns differ', () => {
    const dir = dataDir(`${header}\n`, { 'odd.csv': 'key,value\na.b,1\n' });
    expect(() => loadLibrary(dir)).toThrow(/extended\/odd\.csv: columns must be exactly/);
  });

  it.each([
    ['co2_kg', '-1', 'co2_kg: "-1" is not a non-negative number'],
    ['unit', 'furlong', 'unit: unit is not in the unit vocabulary'],
    ['key', 'Bad Key', 'key: key must be dot-separated lower-case slugs'],
    ['source', 'Somebody, 2031', 'unknown source "Somebody, 2031"'],
    ['scope', '4', 'scope'],
  ])('refuses a row with a bad %s, naming file and line', (column, value, message) => {
    // Start from the real first row, then overwrite one column.
    const original = loadRow();
    const row = FACTOR_COLUMNS.map((c) => (c === column ? value : original[c]))
      .map(csvCell)
      .join(',');
    const dir = dataDir(`${header}\n${row}\n`);
    expect(() => loadLibrary(dir)).toThrow(/emission-factors\.csv line 2/);
    expect(() => loadLibrary(dir)).toThrow(message);
  });
});

function csvCell(v: string | undefined): string {
  const s = v ?? '';
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function loadRow(): Record<string, string> {
  const lib = loadLibrary(DEFAULT_PATHS.dataDir);
  const f = lib.factors[0];
  if (!f) throw new Error('no factors');
  return {
    key: f.key,
    category: f.category,
    activity: f.activity,
    fuel_or_mode: f.fuelOrMode ?? '',
    region: f.region,
    unit: f.unit,
    co2_kg: String(f.co2Kg ?? ''),
    ch4_kg: String(f.ch4Kg ?? ''),
    n2o_kg: String(f.n2oKg ?? ''),
    co2e_kg: '',
    co2e_gwp_set: '',
    ch4_co2e_kg: '',
    n2o_co2e_kg: '',
    scope: f.scope,
    scope3_category: '',
    source: f.source,
    source_table: f.sourceTable ?? '',
    source_url: f.sourceUrl ?? '',
    license: f.license ?? '',
    notes: f.notes ?? '',
  };
}
