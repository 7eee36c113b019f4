import { Hono } from 'hono';
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, signAccessToken } from '../auth/tokens.ts';
import { errorHandler } from '../http/error-handler.ts';
import type { AppEnv } from '../http/context.ts';
import { createLogger } from '../logger.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { client, newUser, snapshot, type Call } from './api-test-kit.ts';
import { authRoutes } from './auth-routes.ts';

let t: TestApp;
let call: Call;
beforeAll(async () => {
  t = await createTestApp();
  call = client(t);
});
afterAll(() => t.close());

const seedBody = {
  username: 'john.doe',
  email: 'john.doe@example.com',
  password: 'secure_password',
  first_name: 'John',
  last_name: 'Doe',
  company_name: 'Example Corp',
  user_type: 'business',
};

describe('register and login (seed 4.1)', () => {
  it('registers with the seed body, refuses a taken email or username with the seed message', async () => {
    const ok = await call('POST', '/api/v1/auth/register', { body: seedBody });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ message: 'User registered successfully' });

    const sameEmail = await call('POST', '/api/v1/auth/register', {
      body: { ...seedBody, username: 'other.name', email: 'JOHN.DOE@example.com' },
    });
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.body).toEqual({ detail: 'Email already registered' });

    const sameName = await call('POST', '/api/v1/auth/register', {
      body: { ...seedBody, username: 'John.Doe', email: 'someone@example.com' },
    });
    expect(sameName.status).toBe(409);
    expect(sameName.body).toEqual({ detail: 'Username already registered' });
  });

  it('logs in by username or by email, answering bearer tokens that open /auth/me', async () => {
    for (const username of ['john.doe', 'John.Doe@Example.com']) {
      const res = await call('POST', '/api/v1/auth/login', {
        body: { username, password: 'secure_password' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ token_type: 'bearer', expires_in: 900 });
      expect(res.body.access_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(res.body.refresh_token).toMatch(/^[\w-]{40,}$/);
      const me = await call('GET', '/api/v1/auth/me', { token: res.body.access_token });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        username: 'john.doe',
        email: 'john.doe@example.com',
        first_name: 'John',
        last_name: 'Doe',
        company_name: 'Example Corp',
        user_type: 'business',
        preferences: {
          unit_system: 'metric',
          default_region: 'GLOBAL',
          gwp_set: 'AR5',
          display_name: null,
          leaderboard_opt_in: false,
        },
        memberships: [],
      });
      expect(me.body.user_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(me.body).not.toHaveProperty('password_hash');
    }
  });

  it('accepts a form-encoded login as OAuth2 password clients send it', async () => {
    const res = await t.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=john.doe&password=secure_password',
    });
    expect(res.status).toBe(200);
  });

  it('answers 401 with the seed message for a wrong password or an unknown user', async () => {
    for (const body of [
      { username: 'john.doe', password: 'wrong_password' },
      { username: 'nobody-here', password: 'secure_password' },
      { username: 'nobody@example.com', password: 'secure_password' },
    ]) {
      const res = await call('POST', '/api/v1/auth/login', { body });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ detail: 'Incorrect username or password' });
    }
  });

  it('stores a salted scrypt hash, never the password', async () => {
    const rows = await t.db.query<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE username = 'john.doe'`,
    );
    expect(rows[0]?.password_hash).toMatch(/^scrypt\$N=32768,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
    expect(rows[0]?.password_hash).not.toContain('secure_password');
  });
});

describe('bad input to auth endpoints changes nothing', () => {
  const long = (n: number) => 'x'.repeat(n);
  const cases: [string, string, unknown, number, RegExp][] = [
    ['register: missing fields', '/api/v1/auth/register', {}, 422, /username: field required/],
    [
      'register: short username',
      '/api/v1/auth/register',
      { ...seedBody, username: 'ab', email: 'a1@example.com' },
      422,
      /username: must be at least 3/,
    ],
    [
      'register: long username',
      '/api/v1/auth/register',
      { ...seedBody, username: long(51), email: 'a2@example.com' },
      422,
      /username: must be at most 50/,
    ],
    [
      'register: bad email',
      '/api/v1/auth/register',
      { ...seedBody, username: 'valid1', email: 'not-an-email' },
      422,
      /email: must be a valid email/,
    ],
    [
      'register: short password',
      '/api/v1/auth/register',
      { ...seedBody, username: 'valid2', email: 'a3@example.com', password: 'short' },
      422,
      /password: must be at least 8/,
    ],
    [
      'register: bad user_type',
      '/api/v1/auth/register',
      { ...seedBody, username: 'valid3', email: 'a4@example.com', user_type: 'robot' },
      422,
      /user_type: must be individual or business/,
    ],
    [
      'register: wrong types',
      '/api/v1/auth/register',
      { username: 42, email: true, password: ['x'], user_type: 'individual' },
      422,
      /username: must be a string/,
    ],
    [
      'register: @ in username',
      '/api/v1/auth/register',
      { ...seedBody, username: 'a@b', email: 'a5@example.com' },
      422,
      /username: may not contain/,
    ],
    [
      'register: SQL-looking username',
      '/api/v1/auth/register',
      { ...seedBody, username: "x'; DROP TABLE users;--", email: 'a6@example.com' },
      422,
      /username/,
    ],
    [
      'register: oversized company',
      '/api/v1/auth/register',
      { ...seedBody, username: 'valid4', email: 'a7@example.com', company_name: long(256) },
      422,
      /company_name: must be at most 255/,
    ],
    ['register: a JSON array', '/api/v1/auth/register', [1, 2], 422, /body:/],
    [
      'login: missing password',
      '/api/v1/auth/login',
      { username: 'john.doe' },
      422,
      /password: field required/,
    ],
    [
      'login: wrong types',
      '/api/v1/auth/login',
      { username: 1, password: 2 },
      422,
      /username: must be a string/,
    ],
    [
      'login: SQL-looking username',
      '/api/v1/auth/login',
      { username: "' OR 1=1 --", password: 'x' },
      401,
      /Incorrect username or password/,
    ],
    ['refresh: missing token', '/api/v1/auth/refresh', {}, 422, /refresh_token: field required/],
    [
      'refresh: unknown token',
      '/api/v1/auth/refresh',
      { refresh_token: 'nope' },
      401,
      /Invalid refresh token/,
    ],
    [
      'refresh: oversized token',
      '/api/v1/auth/refresh',
      { refresh_token: long(600) },
      422,
      /refresh_token: must be at most 512/,
    ],
  ];
  it.each(cases)('%s', async (_name, path, body, status, detail) => {
    const before = await snapshot(t);
    const res = await call('POST', path, { body });
    expect(res.status).toBe(status);
    expect(res.body.detail).toMatch(detail);
    expect(await snapshot(t)).toEqual(before);
  });

  it('answers malformed JSON with 400 and a body that is not JSON with 415', async () => {
    const before = await snapshot(t);
    const bad = await call('POST', '/api/v1/auth/register', { raw: '{"username": "x",' });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/Malformed JSON/);
    const text = await call('POST', '/api/v1/auth/register', {
      raw: 'username=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    expect(await snapshot(t)).toEqual(before);
  });
});

describe('refresh tokens rotate; a reused one revokes its family', () => {
  it('rotates, and reuse of a spent token revokes every token of the login', async () => {
    const u = await newUser(call, 'rot');
    const first = await call('POST', '/api/v1/auth/refresh', {
      body: { refresh_token: u.refresh },
    });
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(u.refresh);
    const me = await call('GET', '/api/v1/auth/me', { token: first.body.access_token });
    expect(me.body.user_id).toBe(u.userId);

    // A second, independent login (another device) must survive the reuse of the first family.
    const other = await call('POST', '/api/v1/auth/login', {
      body: { username: u.username, password: u.password },
    });

    const reuse = await call('POST', '/api/v1/auth/refresh', {
      body: { refresh_token: u.refresh },
    });
    expect(reuse.status).toBe(401);
    expect(reuse.body.detail).toMatch(/already used/);
    const successor = await call('POST', '/api/v1/auth/refresh', {
      body: { refresh_token: first.body.refresh_token },
    });
    expect(successor.status).toBe(401);
    expect(successor.body.detail).toMatch(/revoked/);
    const independent = await call('POST', '/api/v1/auth/refresh', {
      body: { refresh_token: other.body.refresh_token },
    });
    expect(independent.status).toBe(200);
  });

  it('refuses an expired refresh token', async () => {
    const u = await newUser(call, 'exp');
    await t.db.query(
      `UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [u.userId],
    );
    const res = await call('POST', '/api/v1/auth/refresh', { body: { refresh_token: u.refresh } });
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/expired/);
  });
  it('prunes refresh tokens that expired over a day ago at the next login', async () => {
    const u = await newUser(call, 'prune');
    await t.db.query(
      `UPDATE refresh_tokens SET expires_at = now() - interval '2 days' WHERE user_id = $1`,
      [u.userId],
    );
    await call('POST', '/api/v1/auth/login', {
      body: { username: u.username, password: u.password },
    });
    const rows = await t.db.query<{ expired: boolean }>(
      'SELECT expires_at < now() AS expired FROM refresh_tokens WHERE user_id = $1',
      [u.userId],
    );
    expect(rows).toEqual([{ expired: false }]);
  });
});

describe('logout', () => {
  it('revokes the session with the refresh token alone, and everything with all: true', async () => {
    const u = await newUser(call, 'out');
    const out = await call('POST', '/api/v1/auth/logout', { body: { refresh_token: u.refresh } });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ message: 'Logged out successfully' });
    const after = await call('POST', '/api/v1/auth/refresh', {
      body: { refresh_token: u.refresh },
    });
    expect(after.status).toBe(401);

    const a = await call('POST', '/api/v1/auth/login', {
      body: { username: u.username, password: u.password },
    });
    const b = await call('POST', '/api/v1/auth/login', {
      body: { username: u.username, password: u.password },
    });
    const all = await call('POST', '/api/v1/auth/logout', {
      token: a.body.access_token,
      body: { all: true },
    });
    expect(all.status).toBe(200);
    for (const s of [a, b]) {
      const r = await call('POST', '/api/v1/auth/refresh', {
        body: { refresh_token: s.body.refresh_token },
      });
      expect(r.status).toBe(401);
    }
  });

  it("refuses a logout with no credentials, or another user's refresh token", async () => {
    const u = await newUser(call, 'out2');
    const v = await newUser(call, 'out3');
    expect((await call('POST', '/api/v1/auth/logout', { body: {} })).status).toBe(401);
    expect((await call('POST', '/api/v1/auth/logout', { body: { all: true } })).status).toBe(401);
    // v's token presented by u: u is logged in, so 200, but v's session is untouched.
    await call('POST', '/api/v1/auth/logout', {
      token: u.token,
      body: { refresh_token: v.refresh },
    });
    const still = await call('POST', '/api/v1/auth/refresh', {
      body: { refresh_token: v.refresh },
    });
    expect(still.status).toBe(200);
  });
});

describe('access tokens: forged, expired, alg:none, wrong audience are 401', () => {
  it('refuses each on /auth/me', async () => {
    const u = await newUser(call, 'tok');
    const key = new TextEncoder().encode(t.config.jwtSecret);
    const forged = await signAccessToken('another-secret-'.padEnd(48, 'y'), {
      userId: u.userId,
      username: u.username,
    });
    const expired = await signAccessToken(
      t.config.jwtSecret,
      { userId: u.userId, username: u.username },
      -60,
    );
    const none = new UnsecuredJWT({ username: u.username })
      .setSubject(u.userId)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .encode();
    const otherAud = await new SignJWT({ username: u.username })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(u.userId)
      .setIssuer(TOKEN_ISSUER)
      .setAudience('someone-else')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    const tampered = u.token.slice(0, -3) + (u.token.endsWith('AAA') ? 'BBB' : 'AAA');
    for (const token of [forged, expired, none, otherAud, tampered, 'not.a.jwt']) {
      const res = await call('GET', '/api/v1/auth/me', { token });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect((await call('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await call('GET', '/api/v1/auth/me', { token: u.token })).status).toBe(200);
  });

  it('refuses a valid token whose user was deleted', async () => {
    const u = await newUser(call, 'gone');
    await t.db.query('DELETE FROM users WHERE user_id = $1', [u.userId]);
    const res = await call('GET', '/api/v1/auth/me', { token: u.token });
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('User no longer exists');
  });
});

describe('PATCH /auth/me', () => {
  it('updates preferences and profile, at /auth/me and /users/me', async () => {
    const u = await newUser(call, 'prefs');
    const res = await call('PATCH', '/api/v1/auth/me', {
      token: u.token,
      body: {
        unit_system: 'imperial',
        default_region: 'us-ca',
        gwp_set: 'AR6',
        display_name: 'Ada',
        leaderboard_opt_in: true,
        first_name: 'Ada',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.preferences).toEqual({
      unit_system: 'imperial',
      default_region: 'US-CA',
      gwp_set: 'AR6',
      display_name: 'Ada',
      leaderboard_opt_in: true,
    });
    expect(res.body.first_name).toBe('Ada');
    const alias = await call('PATCH', '/api/v1/users/me', {
      token: u.token,
      body: { display_name: null },
    });
    expect(alias.body.preferences.display_name).toBeNull();
    expect(alias.body.preferences.gwp_set).toBe('AR6');
  });

  it.each([
    [{ gwp_set: 'AR7' }, /gwp_set: must be one of AR4, AR5, AR6/],
    [{ unit_system: 'furlongs' }, /unit_system: must be metric or imperial/],
    [{ default_region: 'Narnia!' }, /default_region: must be a region code/],
    [{ leaderboard_opt_in: 'yes' }, /leaderboard_opt_in: must be true or false/],
    [{ display_name: 'x'.repeat(81) }, /display_name: must be at most 80/],
    [{ display_name: 7 }, /display_name: must be a string/],
  ])('refuses %j with 422 and no change', async (body, detail) => {
    const u = await newUser(call, 'badprefs');
    const before = await snapshot(t);
    const res = await call('PATCH', '/api/v1/auth/me', { token: u.token, body });
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(detail);
    expect(await snapshot(t)).toEqual(before);
  });

  it('needs a token', async () => {
    const res = await call('PATCH', '/api/v1/auth/me', { body: { gwp_set: 'AR6' } });
    expect(res.status).toBe(401);
  });
});

describe('login rate limit', () => {
  it('answers 429 with Retry-After after 10 failures for one username, even with the right password', async () => {
    const u = await newUser(call, 'limited');
    for (let i = 0; i < 10; i++) {
      const res = await call('POST', '/api/v1/auth/login', {
        body: { username: u.username, password: 'wrong password' },
      });
      expect(res.status).toBe(401);
    }
    const blocked = await call('POST', '/api/v1/auth/login', {
      body: { username: u.username.toUpperCase(), password: u.password },
    });
    expect(blocked.status).toBe(429);
    const retry = Number(blocked.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    expect(blocked.body.detail).toMatch(/Too many failed login attempts/);
    // Another user is unaffected.
    const v = await newUser(call, 'free');
    const ok = await call('POST', '/api/v1/auth/login', {
      body: { username: v.username, password: v.password },
    });
    expect(ok.status).toBe(200);
  });

  it('limits per address too, and lets a key retry once the window has passed (injected clock)', async () => {
    let now = 1_000_000;
    const deps = {
      db: t.db,
      config: t.config,
      logger: createLogger('silent'),
      shutdown: new AbortController().signal,
    };
    const app = new Hono<AppEnv>();
    app.onError(errorHandler(deps.logger));
    app.route(
      '/',
      authRoutes(deps, {
        limits: {
          perUsername: { limit: 3, windowMs: 60_000 },
          perAddress: { limit: 5, windowMs: 60_000 },
        },
        now: () => now,
      }),
    );
    const u = await newUser(call, 'addr');
    const login = (username: string, password: string, address: string) =>
      app.request(
        '/auth/login',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password }),
        },
        { incoming: { socket: { remoteAddress: address } } },
      );

    for (let i = 0; i < 5; i++)
      expect((await login(`stranger${i}`, 'x', '10.0.0.1')).status).toBe(401);
    const fromSame = await login(u.username, u.password, '10.0.0.1');
    expect(fromSame.status).toBe(429);
    expect(fromSame.headers.get('retry-after')).toBe('60');
    expect((await login(u.username, u.password, '10.0.0.2')).status).toBe(200);

    now += 30_000;
    expect((await login(u.username, u.password, '10.0.0.1')).headers.get('retry-after')).toBe('30');
    now += 30_001;
    expect((await login(u.username, u.password, '10.0.0.1')).status).toBe(200);
  });
});
