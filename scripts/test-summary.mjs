// Prints one plain summary line per suite from vitest JSON reports:
//   pglite: 120 passed, 0 failed, 3 skipped
// Usage: node scripts/test-summary.mjs NAME FILE [NAME FILE ...]
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
let failed = false;
for (let i = 0; i + 1 < args.length; i += 2) {
  const [name, file] = [args[i], args[i + 1]];
  if (!existsSync(file)) {
    console.log(`${name}: 0 passed, 1 failed (no report: the run did not finish)`);
    failed = true;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  const bad = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
  if (bad > 0 || r.numPassedTests === 0) failed = true;
  console.log(`${name}: ${r.numPassedTests} passed, ${bad} failed, ${skipped} skipped`);
}
process.exit(failed ? 1 : 0);
