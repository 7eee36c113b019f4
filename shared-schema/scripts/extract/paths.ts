/** Where the extractors read their sources and write their CSVs. */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

/** The team's shared data folder (`../shared/data` beside the clone), or ECO_SHARED_DATA. */
export const SHARED_DATA = process.env.ECO_SHARED_DATA ?? resolve(REPO_ROOT, '../shared/data');

export const SOURCES_DIR = join(SHARED_DATA, 'sources');

export const EXTENDED_DIR = join(REPO_ROOT, 'shared-schema/data/extended');

/** The 418-row base library: the project's copy when present, else the shared original. */
export function baseCsvPath(): string {
  const projectCopy = join(REPO_ROOT, 'shared-schema/data/emission-factors.csv');
  return existsSync(projectCopy) ? projectCopy : join(SHARED_DATA, 'emission-factors.csv');
}

export function sourceFile(name: string): string {
  const path = join(SOURCES_DIR, name);
  if (!existsSync(path)) throw new Error(`source file not found: ${path} (set ECO_SHARED_DATA)`);
  return path;
}

export function extendedCsvFiles(): string[] {
  if (!existsSync(EXTENDED_DIR)) return [];
  return readdirSync(EXTENDED_DIR)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => join(EXTENDED_DIR, f));
}
