/**
 * Helpers for API tests: JSON requests against an in-process app, registering and logging in
 * users, and counting rows so a refused request can be shown to have changed nothing.
 */
import type { TestApp } from '../testing/test-app.ts';

export interface Res<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export type Call = <T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any
  method: string,
  path: string,
  opts?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
) => Promise<Res<T>>;

/** A JSON client over `t.app.request`. `raw` sends a body verbatim (malformed JSON tests). */
export function client(t: Pick<TestApp, 'app'>): Call {
  return async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.raw !== undefined) body = opts.raw;
    else if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await t.app.request(path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as never, headers: res.headers };
  };
}

export interface TestUser {
  userId: string;
  username: string;
  email: string;
  password: string;
  token: string;
  refresh: string;
}

let seq = 0;
/** Registers and logs in a fresh user through the API. */
export async function newUser(call: Call, prefix = 'user', extra: object = {}): Promise<TestUser> {
  seq += 1;
  const username = `${prefix}${seq}_${Math.random().toString(36).slice(2, 8)}`;
  const email = `${username}@example.com`;
  const password = 'correct horse battery';
  const reg = await call('POST', '/api/v1/auth/register', {
    body: { username, email, password, user_type: 'individual', ...extra },
  });
  if (reg.status !== 201)
    throw new Error(`register failed: ${reg.status} ${JSON.stringify(reg.body)}`);
  const login = await call<{ access_token: string; refresh_token: string }>(
    'POST',
    '/api/v1/auth/login',
    { body: { username, password } },
  );
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  const me = await call<{ user_id: string }>('GET', '/api/v1/auth/me', {
    token: login.body.access_token,
  });
  return {
    userId: me.body.user_id,
    username,
    email,
    password,
    token: login.body.access_token,
    refresh: login.body.refresh_token,
  };
}

const TABLES = [
  'users',
  'refresh_tokens',
  'organizations',
  'memberships',
  'activities',
  'emissions',
] as const;

/** Row counts of the tables these routes write, plus a checksum of their updated_at values. */
export async function snapshot(t: Pick<TestApp, 'db'>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const [row] = await t.db.query<{ n: number; h: string | null }>(
      `SELECT count(*)::int8 AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM ${table} t`,
    );
    out[table] = `${row?.n ?? 0}:${row?.h ?? ''}`;
  }
  return out;
}
