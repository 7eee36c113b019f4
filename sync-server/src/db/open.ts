import { join } from 'node:path';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import type { Db } from './types.ts';

export interface DbOptions {
  /** A postgres:// URL selects a real Postgres; without it an embedded PGlite starts. */
  databaseUrl?: string | undefined;
  /** Where the embedded cluster lives (`<dataDir>/pglite`); undefined keeps it in memory. */
  dataDir?: string | undefined;
}

export async function openDb(opts: DbOptions): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(opts.dataDir ? join(opts.dataDir, 'pglite') : undefined);
}
