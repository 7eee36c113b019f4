/** `npm run migrate`: apply pending migrations and exit. */
import { loadConfig } from './config.ts';
import { migrate } from './db/migrate.ts';
import { openDb } from './db/open.ts';

const config = loadConfig();
const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const { applied, skipped } = await migrate(db);
  console.log(`migrations: ${applied.length} applied, ${skipped.length} already in place`);
  for (const name of applied) console.log(`  applied ${name}`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.close();
}
