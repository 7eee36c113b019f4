/**
 * Validates the committed extended CSVs together with the base library, without the source
 * files: vocabularies, key scheme, citations, and keys unique across every file. Prints the row
 * count per file and in total; exits non-zero on any problem.
 * Run: npx tsx shared-schema/scripts/extract/check-all.ts
 * (Each extractor's own `--check` also re-derives its file from the source and diffs it.)
 */
import { basename } from 'node:path';
import { readFactorCsv } from './factor-csv.ts';
import { baseCsvPath, extendedCsvFiles } from './paths.ts';
import { loadContext } from './run-extractor.ts';
import { validateRows } from './validate.ts';

const errors: string[] = [];
const baseRows = readFactorCsv(baseCsvPath()).length;
let total = baseRows;
console.log(`emission-factors.csv: ${baseRows} rows (base library)`);
for (const path of extendedCsvFiles()) {
  const name = basename(path);
  const rows = readFactorCsv(path);
  errors.push(...validateRows(name, rows, loadContext(name)));
  total += rows.length;
  console.log(`extended/${name}: ${rows.length} rows`);
}
console.log(`total: ${total} rows`);
for (const e of errors.slice(0, 50)) console.error(e);
if (errors.length > 0) {
  console.error(`${errors.length} problem(s)`);
  process.exitCode = 1;
}
