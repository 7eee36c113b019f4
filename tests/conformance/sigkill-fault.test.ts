/**
 * Fault: the server process is killed with SIGKILL while a device flushes its outbox, then started
 * again on the same data (embedded PGlite DATA_DIR, or the same Postgres database). The device
 * resends every batch it has no answer for; in the end every activity exists exactly once, each
 * with one emission: no acknowledged write lost, none applied twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation } from '@eco-track/shared-schema';
import { createTestDb, usingPostgres, type TestDb } from '@eco-track/sync-server';
import { JWT_SECRET, insertActivity, postMutations } from './harness.ts';

const SERVER_DIR = fileURLToPath(new URL('../../sync-server', import.meta.url));

interface Child {
  proc: ChildProcess;
  url: string;
}

function startChild(env: Record<string, string>): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', JWT_SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 90_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/[^\s]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ proc, url: m[1] });
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

function kill(child: Child): Promise<void> {
  return new Promise((resolve) => {
    if (child.proc.exitCode !== null || child.proc.signalCode !== null) return resolve();
    child.proc.removeAllListeners('exit');
    child.proc.once('exit', () => resolve());
    child.proc.kill('SIGKILL');
  });
}

async function registerAndLogin(url: string): Promise<string> {
  const username = `k_${randomUUID().slice(0, 8)}`;
  const password = 'correct horse battery';
  const reg = await fetch(`${url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username,
      email: `${username}@example.test`,
      password,
      user_type: 'individual',
    }),
  });
  expect(reg.status).toBe(201);
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await login.json()) as { access_token: string };
  return body.access_token;
}

const userIdOf = (token: string): string =>
  (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { sub: string })
    .sub;

async function countRows(url: string, token: string, table: string): Promise<string[]> {
  const res = await fetch(`${url}/v1/shape?table=${table}&offset=-1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  const msgs = (await res.json()) as { key?: string; value?: Record<string, string> }[];
  return msgs.filter((m) => m.key).map((m) => m.value?.activity_id ?? '');
}

let t: TestDb | undefined;
let env: Record<string, string>;
beforeAll(async () => {
  if (usingPostgres()) {
    t = await createTestDb();
    env = { DATABASE_URL: t.url ?? '' };
  } else {
    env = { DATABASE_URL: '', DATA_DIR: mkdtempSync(join(tmpdir(), 'eco-kill-')) };
  }
});
afterAll(() => t?.drop());

describe('SIGKILL during an outbox flush', () => {
  it('loses no activity and duplicates none after a restart', async () => {
    let child = await startChild(env);
    const token = await registerAndLogin(child.url);
    const userId = userIdOf(token);
    const server = () => ({ url: child.url, token: () => Promise.resolve(token) });

    const ids = Array.from({ length: 120 }, () => randomUUID());
    const outbox: Mutation[][] = [];
    for (let i = 0; i < ids.length; i += 20) {
      outbox.push(ids.slice(i, i + 20).map((id, j) => insertActivity(id, i + j + 1)));
    }
    let kills = 0;
    try {
      // Kill the server mid-flush twice, at different moments of a batch's life.
      for (const delayMs of [5, 40]) {
        const batch = outbox[0];
        if (!batch) break;
        const inFlight = postMutations(server(), userId, batch).then(
          () => 'answered' as const,
          () => 'lost' as const,
        );
        await new Promise((r) => setTimeout(r, delayMs));
        await kill(child);
        kills++;
        if ((await inFlight) === 'answered') outbox.shift();
        child = await startChild(env);
        // Flush one more batch normally after each restart.
        const next = outbox[0];
        if (next) {
          const answer = await postMutations(server(), userId, next);
          expect(answer.results.every((r) => r.status === 'applied')).toBe(true);
          outbox.shift();
        }
      }
      // Resend everything still unanswered, as the device's outbox does.
      while (outbox.length) {
        const answer = await postMutations(server(), userId, outbox[0] ?? []);
        expect(answer.results.every((r) => r.status === 'applied')).toBe(true);
        outbox.shift();
      }
      expect(kills).toBe(2);
      const activities = await countRows(child.url, token, 'activities');
      expect(activities.sort()).toEqual([...ids].sort());
      const emissions = await countRows(child.url, token, 'emissions');
      expect(emissions.sort()).toEqual([...ids].sort());
    } finally {
      await kill(child);
    }
  });
});
