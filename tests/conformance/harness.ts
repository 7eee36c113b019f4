/**
 * Real HTTP servers for the conformance tests: the whole app (createApp via startServer) on
 * 127.0.0.1 and a random port, over a database the test owns (so several servers can share it
 * and a "restart" keeps the data), plus fixtures and a mutation client.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLogger,
  loadConfig,
  signAccessToken,
  startServer,
  type Db,
  type Queryable,
  type RunningServer,
} from '@eco-track/sync-server';
import type { Mutation, MutationResponse } from '@eco-track/shared-schema';

export const JWT_SECRET = 'conformance-secret-'.padEnd(48, 'x');

export interface TestServer {
  url: string;
  port: number;
  token(userId: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestServer(
  db: Db,
  env: Record<string, string> = {},
): Promise<TestServer> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'eco-conf-')),
    JWT_SECRET,
    CLIENT_DIST: join(tmpdir(), 'eco-no-client'),
    LOG_LEVEL: 'silent',
    SYNC_LONG_POLL_MS: '5000',
    ...env,
  });
  // The test closes the database itself, after every server sharing it has stopped.
  const shared: Db = { ...db, close: () => Promise.resolve() };
  const server: RunningServer = await startServer(config, {
    db: shared,
    logger: createLogger('silent'),
    graceMs: 500,
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    port: server.port,
    token: (userId) => signAccessToken(JWT_SECRET, { userId, username: 'conformance' }),
    close: () => server.close(),
  };
}

export async function insertUser(q: Queryable): Promise<string> {
  const userId = randomUUID();
  const name = `u_${userId.slice(0, 8)}`;
  await q.query(
    `INSERT INTO users (user_id, username, email, password_hash, user_type)
     VALUES ($1::uuid, $2, $3, 'not-a-real-hash', 'individual')`,
    [userId, name, `${name}@example.test`],
  );
  return userId;
}

export async function insertOrg(q: Queryable, ownerId: string): Promise<string> {
  const orgId = randomUUID();
  await q.query(
    `INSERT INTO organizations (org_id, name, join_code) VALUES ($1::uuid, 'Acme', $2)`,
    [orgId, randomUUID().slice(0, 12)],
  );
  await addMember(q, orgId, ownerId, 'owner');
  return orgId;
}

export async function addMember(q: Queryable, orgId: string, userId: string, role: string) {
  await q.query(`INSERT INTO memberships (org_id, user_id, role) VALUES ($1::uuid, $2::uuid, $3)`, [
    orgId,
    userId,
    role,
  ]);
}

/**
 * POSTs a batch to /api/v1/sync/mutations and returns the answer (throws on non-200). Each call
 * opens its own connection: a pooled keep-alive socket could outlive a server the test restarted.
 */
export async function postMutations(
  server: { url: string; token(userId: string): Promise<string> },
  userId: string,
  mutations: Mutation[],
): Promise<MutationResponse> {
  const body = JSON.stringify({ mutations });
  const authorization = `Bearer ${await server.token(userId)}`;
  const { status, text } = await new Promise<{ status: number; text: string }>(
    (resolve, reject) => {
      const req = request(
        `${server.url}/api/v1/sync/mutations`,
        {
          method: 'POST',
          agent: false,
          headers: { 'content-type': 'application/json', authorization },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    },
  );
  if (status !== 200) throw new Error(`mutations answered ${status}: ${text}`);
  return JSON.parse(text) as MutationResponse;
}

export function activityRow(activityId: string, amount: number, orgId: string | null = null) {
  return {
    activity_id: activityId,
    activity_type: 'Transportation',
    amount,
    unit: 'km',
    timestamp: '2025-03-01T08:00:00Z',
    org_id: orgId,
  };
}

export const insertActivity = (activityId: string, amount: number, orgId: string | null = null) =>
  ({
    mutation_id: randomUUID(),
    table: 'activities',
    op: 'insert',
    row: activityRow(activityId, amount, orgId),
  }) satisfies Mutation;

export const updateActivity = (activityId: string, amount: number) =>
  ({
    mutation_id: randomUUID(),
    table: 'activities',
    op: 'update',
    changes: { activity_id: activityId, amount },
  }) satisfies Mutation;

export const deleteActivity = (activityId: string) =>
  ({
    mutation_id: randomUUID(),
    table: 'activities',
    op: 'delete',
    row: { activity_id: activityId },
  }) satisfies Mutation;
