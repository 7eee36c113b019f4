/**
 * Starting and stopping the whole server: database, migrations, HTTP.
 *
 *   start: open db ─► migrate ─► listen            stop: abort long-polls ─► stop accepting
 *                                                         ─► drain in-flight (grace) ─► close db
 *
 * Closing the database last, after every request has finished, is what keeps an embedded PGlite
 * cluster consistent on Ctrl-C.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { startEmbeddedMaintenance } from './db/embedded-maintenance.ts';
import { migrate } from './db/migrate.ts';
import { openDb } from './db/open.ts';
import type { Db } from './db/types.ts';
import { createLogger, type Logger } from './logger.ts';

export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  logger: Logger;
  /** Graceful stop; resolves once the database is closed. Safe to call twice. */
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** Use this database instead of opening one from the config (tests). */
  db?: Db;
  /** How long in-flight requests may take to finish before connections are cut. */
  graceMs?: number;
}

export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const db =
    opts.db ?? (await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  try {
    const report = await migrate(db);
    if (report.applied.length) logger.info({ applied: report.applied }, 'migrations applied');
  } catch (err) {
    await db.close();
    throw err;
  }
  const shutdown = new AbortController();
  startEmbeddedMaintenance(db, logger, shutdown.signal);
  const app = createApp({ db, config, logger, shutdown: shutdown.signal });

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      shutdown.abort();
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      const grace = setTimeout(() => {
        if ('closeAllConnections' in server) server.closeAllConnections();
      }, opts.graceMs ?? 10_000);
      if ('closeIdleConnections' in server) server.closeIdleConnections();
      await drained;
      clearTimeout(grace);
      await db.close();
      logger.info('server stopped');
    })());

  return { url: `http://${shownHost}:${port}`, port, db, logger, close };
}
