/**
 * One source of truth: from shared-schema/data/*.csv this plans every generated file (client data
 * modules and Postgres seed migrations). `writeBuild` applies the plan; `staleFiles` lists what
 * differs on disk, which the staleness test and `factors:build --check` report.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderFactorsModule, renderGwpModule, renderUnitsModule } from './generate-client.ts';
import { loadLibrary } from './load-library.ts';
import { planSeed } from './seed-migrations.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const SHARED_SCHEMA_DIR = resolve(here, '../..');
export const REPO_DIR = resolve(SHARED_SCHEMA_DIR, '..');

export interface BuildPaths {
  dataDir: string;
  generatedDir: string;
  migrationsDir: string;
}

export const DEFAULT_PATHS: BuildPaths = {
  dataDir: join(SHARED_SCHEMA_DIR, 'data'),
  generatedDir: join(SHARED_SCHEMA_DIR, 'src/data/generated'),
  migrationsDir: join(REPO_DIR, 'migrations'),
};

export interface BuildPlan {
  readonly writes: ReadonlyMap<string, string>;
  readonly deletes: readonly string[];
  readonly factorCount: number;
}

export function planBuild(
  paths: BuildPaths = DEFAULT_PATHS,
  isFrozen?: (path: string) => boolean,
): BuildPlan {
  const lib = loadLibrary(paths.dataDir);
  const writes = new Map<string, string>([
    [join(paths.generatedDir, 'factors.ts'), renderFactorsModule(lib.factors)],
    [join(paths.generatedDir, 'gwp.ts'), renderGwpModule(lib)],
    [join(paths.generatedDir, 'units.ts'), renderUnitsModule(lib)],
  ]);
  const seed = planSeed(paths.migrationsDir, lib.factors, isFrozen);
  for (const [name, sql] of seed.parts) writes.set(join(paths.migrationsDir, name), sql);
  return {
    writes,
    deletes: seed.obsolete.map((n) => join(paths.migrationsDir, n)),
    factorCount: lib.factors.length,
  };
}

/** Files that are missing, different, or should no longer exist. */
export function staleFiles(plan: BuildPlan): string[] {
  const stale: string[] = [];
  for (const [path, content] of plan.writes) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== content) stale.push(path);
  }
  for (const path of plan.deletes) if (existsSync(path)) stale.push(path);
  return stale;
}

export function writeBuild(plan: BuildPlan): string[] {
  const changed = staleFiles(plan);
  for (const [path, content] of plan.writes) {
    if (changed.includes(path)) writeFileSync(path, content);
  }
  for (const path of plan.deletes) rmSync(path, { force: true });
  return changed;
}
