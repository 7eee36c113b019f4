/** The ordered Postgres migrations: `NNNN_name.sql` files in this folder, applied in name order. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const migrationsDir = dirname(fileURLToPath(import.meta.url));

export interface MigrationFile {
  readonly name: string;
  readonly sql: string;
}

/** Reads every `NNNN_*.sql` file, sorted by name (the number decides the order). */
export function loadMigrations(dir: string = migrationsDir): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }));
}
