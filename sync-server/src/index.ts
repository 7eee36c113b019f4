/** Public face of the sync server. */
export { createApp } from './app.ts';
export { loadConfig, ConfigError, type Config } from './config.ts';
export { startServer, type RunningServer, type StartOptions } from './server.ts';
export { openDb, type DbOptions } from './db/open.ts';
export { migrate, MigrationChecksumError } from './db/migrate.ts';
export type { Db, Queryable, Row } from './db/types.ts';
export { createLogger } from './logger.ts';
// For cross-package tests (tests/conformance) and benchmarks.
export { signAccessToken } from './auth/tokens.ts';
export { createTestDb, usingPostgres, type TestDb } from './testing/test-db.ts';
export { openPostgres } from './db/postgres.ts';
export { compact, publish, readLogState } from './sync/publisher.ts';
