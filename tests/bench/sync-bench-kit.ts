/**
 * Shared pieces of the sync benchmarks: a prepared database (embedded PGlite in a temporary
 * DATA_DIR, or a fresh database on the Postgres at DATABASE_URL), users written straight into it,
 * a server child process on 127.0.0.1 (so its memory is its own), and percentile helpers.
 * Benchmarks print numbers; they assert nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, openDb, openPostgres, signAccessToken, type Db } from '@eco-track/sync-server';
import { buildServer } from '../../scripts/build-server.mjs';

export const JWT_SECRET = 'sync-bench-secret-'.padEnd(48, 'x');
const SERVER_DIR = fileURLToPath(new URL('../../sync-server', import.meta.url));

export interface BenchDb {
  /** Environment for the server child: DATABASE_URL or DATA_DIR. */
  env: Record<string, string>;
  kind: 'pglite' | 'postgres';
  /** Open the database in this process (PGlite: only while no server runs on it). */
  open(): Promise<Db>;
  drop(): Promise<void>;
}

/** A migrated database: Postgres when `postgresUrl` is given, else embedded PGlite. */
export async function benchDatabase(postgresUrl: string | undefined): Promise<BenchDb> {
  if (postgresUrl) {
    const name = `eco_bench_${randomBytes(4).toString('hex')}`;
    const admin = await openPostgres(postgresUrl, 1);
    await admin.exec(`CREATE DATABASE ${name}`);
    const u = new URL(postgresUrl);
    u.pathname = `/${name}`;
    const url = u.toString();
    const db = await openPostgres(url, 2);
    await migrate(db);
    await db.close();
    return {
      env: { DATABASE_URL: url },
      kind: 'postgres',
      open: () => openPostgres(url, 4),
      async drop() {
        await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.close();
      },
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'eco-bench-'));
  const db = await openDb({ dataDir });
  await migrate(db);
  await db.close();
  return {
    env: { DATABASE_URL: '', DATA_DIR: dataDir },
    kind: 'pglite',
    open: () => openDb({ dataDir }),
    drop: () => Promise.resolve(),
  };
}

export async function insertUsers(db: Db, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => randomUUID());
  await db.query(
    `INSERT INTO users (user_id, username, email, password_hash, user_type)
     SELECT id, 'b_' || replace(id::text, '-', ''), replace(id::text, '-', '') || '@bench.test',
            'not-a-real-hash', 'individual'
     FROM unnest($1::uuid[]) AS id`,
    [ids],
  );
  return ids;
}

export const tokenFor = (userId: string) =>
  signAccessToken(JWT_SECRET, { userId, username: 'bench' }, 3600);

export interface ServerChild {
  url: string;
  pid: number;
  proc: ChildProcess;
  /** Resident memory of the server process, MB (Linux /proc). */
  rssMb(): number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

let bundle: Promise<string> | undefined;

/**
 * Starts the server as `npm start` runs it: the bundle from build-server.mjs, plain node. With
 * BENCH_SERVER_PROF=<dir> the server writes a V8 CPU profile there when it stops.
 */
export async function startServerChild(env: Record<string, string>): Promise<ServerChild> {
  const prof = process.env.BENCH_SERVER_PROF;
  const flags = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [];
  const proc = spawn(process.execPath, [...flags, await (bundle ??= buildServer())], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      JWT_SECRET,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 120_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/[^\s]+)/.exec(out);
      if (!m?.[1]) return;
      clearTimeout(timer);
      const pid = proc.pid ?? 0;
      resolve({
        url: m[1],
        pid,
        proc,
        rssMb() {
          const status = readFileSync(`/proc/${pid}/status`, 'utf8');
          const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
          return kb / 1024;
        },
        stop(signal = 'SIGTERM') {
          return new Promise((done) => {
            if (proc.exitCode !== null || proc.signalCode !== null) return done();
            proc.once('exit', () => done());
            proc.kill(signal);
          });
        },
      });
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? NaN;
}

export const fmt = (x: number, digits = 1) => x.toFixed(digits);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
