/**
 * Configuration from the environment, validated once at start. Every problem is reported at once
 * with the variable's name and what it expects. JWT_SECRET, when absent, is generated once and
 * kept in DATA_DIR (mode 0600) so tokens survive restarts; it is never logged.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const port = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h|d)$/, 'must be a duration such as 7d, 12h, 30m, 45s or 500ms');

const EnvSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1, 'must not be empty').default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLIENT_DIST: z.string().optional(),
  ELECTRIC_URL: z.string().url('must be a URL such as http://localhost:3001').optional(),
  ELECTRIC_SECRET: z.string().optional(),
  SYNC_LOG_RETENTION: duration.default('7d'),
  SYNC_MUTATION_RETENTION: duration.optional(),
  SYNC_LONG_POLL_MS: z.coerce
    .number({ error: 'must be a whole number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(10, 'must be at least 10')
    .max(40_000, 'must be at most 40000 (the client gives up on a live request after 45 s)')
    .default(20_000),
  SYNC_SHAPE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  jwtSecret: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  clientDist: string | undefined;
  electricUrl: string | undefined;
  electricSecret: string | undefined;
  /** Sync change-log entries older than this are compacted (ms). */
  syncLogRetentionMs: number;
  /** Answers of the write path (sync_mutations) older than this are pruned (ms). */
  syncMutationRetentionMs: number;
  /** How long a live shape request is held when nothing changes (ms). */
  syncLongPollMs: number;
  /** A proxy presenting this secret may set the shape's where/params on the embedded /v1/shape. */
  syncShapeSecret: string | undefined;
}

type Env = Record<string, string | undefined>;

/** SYNC_MUTATION_RETENTION when unset: 30 days, or SYNC_LOG_RETENTION if that is longer. */
const DEFAULT_MUTATION_RETENTION_MS = 30 * 86_400_000;

/** The PWA built by `npm run build` (client/dist in this repository). */
const DEFAULT_CLIENT_DIST = fileURLToPath(new URL('../../client/dist', import.meta.url));

/** Parses the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env): Config {
  // Empty strings mean "not set", as a shell `FOO= cmd` intends.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = i.path.join('.');
      const given =
        name === 'JWT_SECRET' || name === 'ELECTRIC_SECRET' || name === 'SYNC_SHAPE_SECRET'
          ? ''
          : ` (got '${env[name] ?? ''}')`;
      return `  ${name} ${i.message}${given}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.ELECTRIC_SECRET && !e.ELECTRIC_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  ELECTRIC_SECRET is set but ELECTRIC_URL is not',
    );
  }
  const syncLogRetentionMs = durationMs(e.SYNC_LOG_RETENTION);
  const syncMutationRetentionMs = e.SYNC_MUTATION_RETENTION
    ? durationMs(e.SYNC_MUTATION_RETENTION)
    : Math.max(DEFAULT_MUTATION_RETENTION_MS, syncLogRetentionMs);
  if (syncMutationRetentionMs < syncLogRetentionMs) {
    throw new ConfigError(
      'Invalid configuration:\n  SYNC_MUTATION_RETENTION must be at least SYNC_LOG_RETENTION ' +
        `(got '${e.SYNC_MUTATION_RETENTION ?? ''}' < '${e.SYNC_LOG_RETENTION}'): a device that resumes ` +
        'its shapes must still have its outbox accepted',
    );
  }
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    jwtSecret: e.JWT_SECRET ?? readOrCreateSecret(dataDir),
    logLevel: e.LOG_LEVEL,
    clientDist: e.CLIENT_DIST ? resolve(e.CLIENT_DIST) : DEFAULT_CLIENT_DIST,
    electricUrl: e.ELECTRIC_URL,
    electricSecret: e.ELECTRIC_SECRET,
    syncLogRetentionMs,
    syncMutationRetentionMs,
    syncLongPollMs: e.SYNC_LONG_POLL_MS,
    syncShapeSecret: e.SYNC_SHAPE_SECRET,
  };
}

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
function durationMs(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  return m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : 0;
}

function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) return secret;
    throw new ConfigError(
      `${file} holds a secret shorter than 32 characters; delete it to generate a new one`,
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
