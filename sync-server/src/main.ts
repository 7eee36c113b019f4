/** `npm start`: configuration from the environment, then the server, stopped cleanly on signals. */
import { ConfigError, loadConfig } from './config.ts';
import { MigrationChecksumError } from './db/migrate.ts';
import { startServer } from './server.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  const mode = config.databaseUrl
    ? 'Postgres (DATABASE_URL)'
    : `embedded PGlite in ${config.dataDir}`;
  console.log(`Eco-Track is running at ${server.url} (database: ${mode})`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.error(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal} received: finishing requests and closing the database…`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('shutdown failed:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof MigrationChecksumError) {
    console.error(err.message);
  } else {
    console.error('Eco-Track failed to start:', err);
  }
  process.exit(1);
});
