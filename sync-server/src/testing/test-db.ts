/**
 * Fresh, migrated databases for tests. Without DATABASE_URL: an in-memory PGlite cloned from one
 * migrated image per test worker (cloning is far cheaper than initdb + migrations each time).
 * With DATABASE_URL: a new database on that server, created for the test and dropped after.
 */
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { migrate } from '../db/migrate.ts';
import { pgliteOptions, wrapPglite } from '../db/pglite.ts';
import { openPostgres } from '../db/postgres.ts';
import type { Db } from '../db/types.ts';

export interface TestDb {
  db: Db;
  /** The URL of the per-test database (Postgres mode only). */
  url: string | undefined;
  drop(): Promise<void>;
}

export const usingPostgres = (): boolean => Boolean(process.env.DATABASE_URL);

let migratedImage: Promise<File | Blob> | undefined;

/** A brand-new database: migrated unless `migrated: false`. */
export async function createTestDb(opts: { migrated?: boolean } = {}): Promise<TestDb> {
  const migrated = opts.migrated ?? true;
  const admin = process.env.DATABASE_URL;
  if (admin) {
    const name = `eco_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const sql = postgres(admin, { max: 1, onnotice: () => undefined });
    await sql.unsafe(`CREATE DATABASE ${name}`);
    const url = withDatabase(admin, name);
    const db = await openPostgres(url, 5);
    if (migrated) await migrate(db);
    return {
      db,
      url,
      async drop() {
        await db.close();
        await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await sql.end();
      },
    };
  }
  const db = migrated
    ? await wrapPglite(await PGlite.create({ ...pgliteOptions, loadDataDir: await image() }))
    : await wrapPglite(await PGlite.create(pgliteOptions));
  return { db, url: undefined, drop: () => db.close() };
}

function image(): Promise<File | Blob> {
  migratedImage ??= (async () => {
    const pg = await PGlite.create(pgliteOptions);
    await migrate(await wrapPglite(pg));
    const dump = await pg.dumpDataDir('none');
    await pg.close();
    return dump;
  })();
  return migratedImage;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
