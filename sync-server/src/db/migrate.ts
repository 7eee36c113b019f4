/**
 * Applies the ordered migrations: each in its own transaction, recorded with a SHA-256 checksum.
 * An already-applied migration whose file changed stops everything: history is append-only.
 * An advisory lock makes concurrent starts on one Postgres take turns instead of racing.
 */
import { createHash } from 'node:crypto';
import { loadMigrations, type MigrationFile } from '@eco-track/migrations';
import type { Db } from './types.ts';

export class MigrationChecksumError extends Error {
  override readonly name = 'MigrationChecksumError';
}

export interface MigrationReport {
  applied: string[];
  skipped: string[];
}

const LOCK_KEY = 7_310_202_611; // any constant shared by every Eco-Track process

export const checksum = (sql: string): string => createHash('sha256').update(sql).digest('hex');

export async function migrate(
  db: Db,
  files: readonly MigrationFile[] = loadMigrations(),
): Promise<MigrationReport> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const report: MigrationReport = { applied: [], skipped: [] };
  for (const file of files) {
    const sum = checksum(file.sql);
    const applied = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [LOCK_KEY]);
      const [row] = await tx.query<{ checksum: string }>(
        'SELECT checksum FROM schema_migrations WHERE name = $1',
        [file.name],
      );
      if (row) {
        if (row.checksum !== sum) {
          throw new MigrationChecksumError(
            `migration ${file.name} was changed after it was applied ` +
              `(database has checksum ${row.checksum.slice(0, 12)}…, the file has ${sum.slice(0, 12)}…). ` +
              'Restore the file and put the change in a new migration.',
          );
        }
        return false;
      }
      await tx.exec(file.sql);
      await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [
        file.name,
        sum,
      ]);
      return true;
    });
    (applied ? report.applied : report.skipped).push(file.name);
  }
  return report;
}
