/**
 * Reads shared-schema/data: emission-factors.csv plus every data/extended/*.csv (same columns),
 * gwp.csv and unit-conversions.csv; validates every row and refuses duplicate (key, year).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import type { GwpRow, UnitEdgeTuple } from '../factors/factor-tuple.ts';
import type { EmissionFactor } from '../factors/types.ts';
import {
  FACTOR_COLUMNS,
  factorCsvRowSchema,
  gwpCsvRowSchema,
  toEmissionFactor,
  unitCsvRowSchema,
} from './csv-schemas.ts';

export class DataError extends Error {
  override readonly name = 'DataError';
}

export interface LoadedLibrary {
  readonly factors: readonly EmissionFactor[];
  readonly gwp: readonly GwpRow[];
  readonly unitEdges: readonly UnitEdgeTuple[];
  /** Input files, relative to the data dir, in the order read. */
  readonly files: readonly string[];
}

function readCsv(path: string): { header: string[]; records: Record<string, string>[] } {
  const text = readFileSync(path, 'utf8');
  const rows = parse(text, {
    bom: true,
    skip_empty_lines: true,
    relax_column_count: false,
  });
  const [header, ...body] = rows;
  if (!header) throw new DataError(`${path}: empty file`);
  const records = body.map((cells) =>
    Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])),
  );
  return { header, records };
}

function parseRows<S extends z.ZodType>(
  schema: S,
  file: string,
  records: Record<string, string>[],
): z.output<S>[] {
  const errors: string[] = [];
  const out: z.output<S>[] = [];
  records.forEach((rec, i) => {
    const r = schema.safeParse(rec);
    if (r.success) out.push(r.data);
    else {
      const why = r.error.issues.map((iss) => `${iss.path.join('.') || 'row'}: ${iss.message}`);
      errors.push(
        `${file} line ${i + 2} (${rec.key ?? rec.gas ?? rec.from_unit ?? '?'}): ${why.join('; ')}`,
      );
    }
  });
  if (errors.length) throw new DataError(`invalid rows:\n  ${errors.slice(0, 50).join('\n  ')}`);
  return out;
}

export function factorFiles(dataDir: string): string[] {
  const files = [join(dataDir, 'emission-factors.csv')];
  const ext = join(dataDir, 'extended');
  if (existsSync(ext)) {
    for (const f of readdirSync(ext)
      .filter((n) => n.endsWith('.csv'))
      .sort())
      files.push(join(ext, f));
  }
  return files;
}

export function loadLibrary(dataDir: string): LoadedLibrary {
  const files = factorFiles(dataDir);
  const factors: EmissionFactor[] = [];
  const seen = new Map<string, string>();
  for (const path of files) {
    const file = relative(dataDir, path);
    const { header, records } = readCsv(path);
    if (header.join(',') !== FACTOR_COLUMNS.join(',')) {
      throw new DataError(
        `${file}: columns must be exactly ${FACTOR_COLUMNS.join(',')} (found ${header.join(',')})`,
      );
    }
    for (const row of parseRows(factorCsvRowSchema, file, records)) {
      const f = toEmissionFactor(row);
      const id = `${f.key}@${f.year}`;
      const first = seen.get(id);
      if (first)
        throw new DataError(
          `duplicate factor key ${f.key} (edition ${f.year}) in ${first} and ${file}`,
        );
      seen.set(id, file);
      factors.push(f);
    }
  }
  const gwpCsv = readCsv(join(dataDir, 'gwp.csv'));
  const gwp = parseRows(gwpCsvRowSchema, 'gwp.csv', gwpCsv.records).map((g): GwpRow => ({
    gas: g.gas,
    formula: g.formula,
    ar4: g.ar4,
    ar5: g.ar5,
    ar6: g.ar6,
  }));
  const unitCsv = readCsv(join(dataDir, 'unit-conversions.csv'));
  const unitEdges = parseRows(unitCsvRowSchema, 'unit-conversions.csv', unitCsv.records).map(
    (u): UnitEdgeTuple => [u.kind, u.from_unit, u.to_unit, u.factor, u.exact],
  );
  return {
    factors,
    gwp,
    unitEdges,
    files: [...files.map((p) => relative(dataDir, p)), 'gwp.csv', 'unit-conversions.csv'],
  };
}
