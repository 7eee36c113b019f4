/**
 * `npm run factors:build -w shared-schema` regenerates the client factor data and the Postgres
 * seed migrations from shared-schema/data/*.csv; `-- --check` only reports stale files (exit 1).
 */
import { relative } from 'node:path';
import { REPO_DIR, planBuild, staleFiles, writeBuild } from '../src/build/plan-build.ts';

const check = process.argv.includes('--check');
const plan = planBuild();
const show = (paths: string[]) => paths.map((p) => `  ${relative(REPO_DIR, p)}`).join('\n');

if (check) {
  const stale = staleFiles(plan);
  if (stale.length) {
    console.error(
      `stale generated files (run npm run factors:build -w shared-schema):\n${show(stale)}`,
    );
    process.exit(1);
  }
  console.log(`factor data up to date (${plan.factorCount} factors)`);
} else {
  const changed = writeBuild(plan);
  console.log(
    `${plan.factorCount} factors; ` +
      (changed.length ? `wrote:\n${show(changed)}` : 'generated files already up to date'),
  );
}
