/**
 * Command-line wrapper shared by the extractors. Without flags it rebuilds the CSV from the
 * source file and writes it; with `--check` it rebuilds in memory and fails when the rows are
 * invalid, collide with another file's keys, or differ from the committed CSV.
 * `--skipped` lists the source rows left out and why.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readFactorCsv, toCsv, type FactorRow } from './factor-csv.ts';
import { EXTENDED_DIR, baseCsvPath, extendedCsvFiles } from './paths.ts';
import { validateRows, type ValidationContext } from './validate.ts';

export interface Extraction {
  readonly rows: FactorRow[];
  /** Source rows deliberately left out, each with its reason. */
  readonly skipped: readonly string[];
}

/** Keys of the base library and of every extended CSV except `excludeFile`. */
export function loadContext(excludeFile?: string): ValidationContext {
  const takenKeys = new Map<string, string>();
  const base = readFactorCsv(baseCsvPath());
  for (const row of base) takenKeys.set(row.key, 'emission-factors.csv');
  for (const path of extendedCsvFiles()) {
    const name = basename(path);
    if (name === excludeFile) continue;
    for (const row of readFactorCsv(path)) takenKeys.set(row.key, `extended/${name}`);
  }
  return { takenKeys, knownSources: new Set(base.map((r) => r.source)) };
}

export async function runExtractor(
  fileName: string,
  build: () => Extraction | Promise<Extraction>,
): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const check = args.has('--check');
  const { rows, skipped } = await build();
  const errors = validateRows(fileName, rows, loadContext(fileName));
  const path = join(EXTENDED_DIR, fileName);
  const text = toCsv(rows);
  // No rows means no file: an extraction that adds nothing leaves no empty CSV behind.
  const expected = rows.length === 0 ? undefined : text;
  const actual = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (check && actual !== expected) {
    errors.push(`${fileName}: differs from a fresh extraction; re-run without --check`);
  }
  if (args.has('--skipped')) for (const s of skipped) console.log(`skipped: ${s}`);
  if (errors.length > 0) {
    for (const e of errors.slice(0, 50)) console.error(e);
    console.error(`${fileName}: ${errors.length} problem(s)`);
    process.exitCode = 1;
    return;
  }
  if (!check && expected !== undefined) {
    mkdirSync(EXTENDED_DIR, { recursive: true });
    writeFileSync(path, expected);
  } else if (!check && actual !== undefined) {
    rmSync(path);
  }
  const verb = check ? 'checked' : 'wrote';
  console.log(`${fileName}: ${verb} ${rows.length} rows; ${skipped.length} source rows skipped`);
}
