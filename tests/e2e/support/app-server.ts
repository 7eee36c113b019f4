/**
 * The real Eco-Track server for end-to-end tests: builds the PWA when client/dist is missing or
 * older than its sources, then starts the server on a free port with a fresh embedded database.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, loadConfig, startServer, type RunningServer } from '@eco-track/sync-server';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dist = join(root, 'client', 'dist', 'index.html');
const SOURCES = [
  'client/src',
  'client/index.html',
  'client/vite.config.ts',
  'client/public',
  'sw/src',
  'shared-schema/src',
];

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.startsWith('.') || name.includes('.test.')) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/** Builds the client unless dist is newer than every source file. */
export function ensureClientBuilt(): void {
  const sourcesChanged = () =>
    Math.max(
      ...SOURCES.map((s) => join(root, s))
        .filter(existsSync)
        .map(newestMtime),
    );
  if (existsSync(dist) && statSync(dist).mtimeMs > sourcesChanged()) return;
  // vitest sets NODE_ENV=test, which would make Vite build a development bundle (no SW).
  const res = spawnSync('npm', ['run', 'build', '-w', 'client'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'pipe',
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`client build failed:\n${res.stdout}\n${res.stderr}`);
}

export async function startAppServer(): Promise<RunningServer> {
  ensureClientBuilt();
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: '',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'eco-e2e-')),
    LOG_LEVEL: 'silent',
  });
  return startServer(config, { logger: createLogger('silent') });
}
