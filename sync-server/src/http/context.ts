import type { AccessClaims } from '../auth/tokens.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/types.ts';
import type { Logger } from '../logger.ts';

/** What every route module receives: injected, never imported as globals (tests swap them). */
export interface AppDeps {
  db: Db;
  config: Config;
  logger: Logger;
  /** Aborted when the server starts shutting down: long-polls end early on it. */
  shutdown: AbortSignal;
}

/** Hono environment: per-request variables set by middleware. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** Set by requireAuth. */
    user: AccessClaims;
  };
}
