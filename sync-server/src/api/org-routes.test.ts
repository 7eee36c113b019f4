import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { client, newUser, snapshot, type Call, type TestUser } from './api-test-kit.ts';

let t: TestApp;
let call: Call;
let owner: TestUser;
let admin: TestUser;
let member: TestUser;
let viewer: TestUser;
let stranger: TestUser;
let otherOrgMember: TestUser;
let orgId: string;
let joinCode: string;

const NIL = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  call = client(t);
  [owner, admin, member, viewer, stranger, otherOrgMember] = (await Promise.all(
    ['owner', 'admin', 'member', 'viewer', 'stranger', 'other'].map((p) => newUser(call, p)),
  )) as [TestUser, TestUser, TestUser, TestUser, TestUser, TestUser];
  const created = await call('POST', '/api/v1/orgs', {
    token: owner.token,
    body: { name: 'Acme' },
  });
  orgId = created.body.org_id;
  joinCode = created.body.join_code;
  for (const u of [admin, member, viewer]) {
    await call('POST', '/api/v1/orgs/join', { token: u.token, body: { join_code: joinCode } });
  }
  await call('PUT', `/api/v1/orgs/${orgId}/members/${admin.userId}`, {
    token: owner.token,
    body: { role: 'admin' },
  });
  await call('PUT', `/api/v1/orgs/${orgId}/members/${viewer.userId}`, {
    token: owner.token,
    body: { role: 'viewer' },
  });
  const other = await call('POST', '/api/v1/orgs', {
    token: otherOrgMember.token,
    body: { name: 'Elsewhere' },
  });
  expect(other.status).toBe(201);
});
afterAll(() => t.close());

describe('organisations: happy paths', () => {
  it('creates an organisation with org_id and a join code; the creator is owner', async () => {
    const u = await newUser(call, 'founder');
    const res = await call('POST', '/api/v1/orgs', {
      token: u.token,
      body: {
        name: 'Green Co',
        industry: 'Software',
        employees: 12,
        revenue: 1500000.5,
        gwp_set: 'AR6',
        base_year: 2022,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Green Co',
      industry: 'Software',
      employees: 12,
      revenue: 1500000.5,
      gwp_set: 'AR6',
      base_year: 2022,
      role: 'owner',
      revenue_currency: 'USD',
      consolidation_approach: 'operational_control',
    });
    expect(res.body.org_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.join_code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const mine = await call<{ org_id: string }[]>('GET', '/api/v1/orgs', { token: u.token });
    expect(mine.body.map((o) => o.org_id)).toEqual([res.body.org_id]);
    const me = await call('GET', '/api/v1/auth/me', { token: u.token });
    expect(me.body.memberships).toEqual([
      { org_id: res.body.org_id, name: 'Green Co', role: 'owner' },
    ]);
  });

  it('lists members with roles; emails and the join code for owners and admins only', async () => {
    type M = { username: string; role: string; email: string | null };
    const asOwner = await call<M[]>('GET', `/api/v1/orgs/${orgId}/members`, { token: owner.token });
    expect(asOwner.status).toBe(200);
    const roles = Object.fromEntries(asOwner.body.map((m) => [m.username, m.role]));
    expect(roles).toEqual({
      [owner.username]: 'owner',
      [admin.username]: 'admin',
      [member.username]: 'member',
      [viewer.username]: 'viewer',
    });
    expect(asOwner.body.every((m) => m.email)).toBe(true);
    const asMember = await call<M[]>('GET', `/api/v1/orgs/${orgId}/members`, {
      token: member.token,
    });
    expect(asMember.body.every((m) => m.email === null)).toBe(true);
    expect(
      (await call('GET', `/api/v1/orgs/${orgId}`, { token: admin.token })).body.join_code,
    ).toBe(joinCode);
    const asViewer = await call('GET', `/api/v1/orgs/${orgId}`, { token: viewer.token });
    expect(asViewer.body).toMatchObject({ org_id: orgId, role: 'viewer', join_code: null });
  });

  it('joins by code regardless of case and dashes, idempotently', async () => {
    const u = await newUser(call, 'joiner');
    const code = joinCode.replace(/-/g, '').toLowerCase();
    const first = await call('POST', '/api/v1/orgs/join', {
      token: u.token,
      body: { join_code: code },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ org_id: orgId, role: 'member' });
    const again = await call('POST', '/api/v1/orgs/join', {
      token: u.token,
      body: { join_code: joinCode },
    });
    expect(again.body.role).toBe('member');
    const bad = await call('POST', '/api/v1/orgs/join', {
      token: u.token,
      body: { join_code: 'ZZZZ-ZZZZ-ZZZZ' },
    });
    expect(bad.status).toBe(404);
    expect(bad.body).toEqual({ detail: 'No organisation has this join code' });
    await call('DELETE', `/api/v1/orgs/${orgId}/members/${u.userId}`, { token: u.token });
  });

  it('updates the profile (owner, admin) and rotates the join code', async () => {
    const res = await call('PATCH', `/api/v1/orgs/${orgId}`, {
      token: admin.token,
      body: {
        industry: 'Manufacturing',
        employees: 250,
        revenue: 42000000,
        gwp_set: 'AR4',
        base_year: 2020,
        consolidation_approach: 'financial_control',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Acme',
      industry: 'Manufacturing',
      employees: 250,
      revenue: 42000000,
      gwp_set: 'AR4',
      base_year: 2020,
    });
    const cleared = await call('PUT', `/api/v1/orgs/${orgId}`, {
      token: owner.token,
      body: { industry: null, gwp_set: 'AR5' },
    });
    expect(cleared.body).toMatchObject({ industry: null, employees: 250, gwp_set: 'AR5' });

    const u = await newUser(call, 'late');
    const rotated = await call('POST', `/api/v1/orgs/${orgId}/join_code`, { token: owner.token });
    expect(rotated.status).toBe(200);
    expect(rotated.body.join_code).not.toBe(joinCode);
    const old = await call('POST', '/api/v1/orgs/join', {
      token: u.token,
      body: { join_code: joinCode },
    });
    expect(old.status).toBe(404);
    joinCode = rotated.body.join_code;
    const fresh = await call('POST', '/api/v1/orgs/join', {
      token: u.token,
      body: { join_code: joinCode },
    });
    expect(fresh.status).toBe(200);
    await call('DELETE', `/api/v1/orgs/${orgId}/members/${u.userId}`, { token: owner.token });
  });
});

describe('membership rules', () => {
  it('only owners grant or revoke owner; the last owner cannot leave or be demoted', async () => {
    const o = await newUser(call, 'solo');
    const org = (await call('POST', '/api/v1/orgs', { token: o.token, body: { name: 'Solo' } }))
      .body;
    const a = await newUser(call, 'adm');
    await call('POST', '/api/v1/orgs/join', { token: a.token, body: { join_code: org.join_code } });
    const promoted = await call('PUT', `/api/v1/orgs/${org.org_id}/members/${a.userId}`, {
      token: o.token,
      body: { role: 'admin' },
    });
    expect(promoted.body).toMatchObject({ user_id: a.userId, role: 'admin' });

    const adminMakesOwner = await call('PUT', `/api/v1/orgs/${org.org_id}/members/${a.userId}`, {
      token: a.token,
      body: { role: 'owner' },
    });
    expect(adminMakesOwner.status).toBe(403);
    const adminDemotesOwner = await call('PUT', `/api/v1/orgs/${org.org_id}/members/${o.userId}`, {
      token: a.token,
      body: { role: 'member' },
    });
    expect(adminDemotesOwner.status).toBe(403);
    const adminRemovesOwner = await call(
      'DELETE',
      `/api/v1/orgs/${org.org_id}/members/${o.userId}`,
      { token: a.token },
    );
    expect(adminRemovesOwner.status).toBe(403);

    const lastLeaves = await call('DELETE', `/api/v1/orgs/${org.org_id}/members/${o.userId}`, {
      token: o.token,
    });
    expect(lastLeaves.status).toBe(409);
    expect(lastLeaves.body.detail).toMatch(/at least one owner/);
    const lastDemoted = await call('PUT', `/api/v1/orgs/${org.org_id}/members/${o.userId}`, {
      token: o.token,
      body: { role: 'admin' },
    });
    expect(lastDemoted.status).toBe(409);

    await call('PUT', `/api/v1/orgs/${org.org_id}/members/${a.userId}`, {
      token: o.token,
      body: { role: 'owner' },
    });
    const nowLeaves = await call('DELETE', `/api/v1/orgs/${org.org_id}/members/${o.userId}`, {
      token: o.token,
    });
    expect(nowLeaves.status).toBe(200);
    expect(nowLeaves.body).toEqual({ message: 'Member removed successfully' });
    expect((await call('GET', `/api/v1/orgs/${org.org_id}`, { token: o.token })).status).toBe(404);
  });

  it('answers 404 for a user who is not a member of the organisation', async () => {
    const res = await call('PUT', `/api/v1/orgs/${orgId}/members/${stranger.userId}`, {
      token: owner.token,
      body: { role: 'admin' },
    });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'Member not found' });
  });
});

describe('authorisation matrix for organisation endpoints', () => {
  // [name, method, path(), body, { role: expected status }]
  type Who = 'anonymous' | 'stranger' | 'otherOrg' | 'viewer' | 'member' | 'admin';
  const cases: [string, string, () => string, unknown, Record<Who, number>][] = [
    [
      'get org',
      'GET',
      () => `/api/v1/orgs/${orgId}`,
      undefined,
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 200, member: 200, admin: 200 },
    ],
    [
      'list members',
      'GET',
      () => `/api/v1/orgs/${orgId}/members`,
      undefined,
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 200, member: 200, admin: 200 },
    ],
    [
      'update profile',
      'PATCH',
      () => `/api/v1/orgs/${orgId}`,
      { industry: 'Retail' },
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 403, member: 403, admin: 200 },
    ],
    [
      'change role',
      'PUT',
      () => `/api/v1/orgs/${orgId}/members/${member.userId}`,
      { role: 'member' },
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 403, member: 403, admin: 200 },
    ],
    [
      'remove other member',
      'DELETE',
      () => `/api/v1/orgs/${orgId}/members/${owner.userId}`,
      undefined,
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 403, member: 403, admin: 403 },
    ],
    [
      'rotate join code',
      'POST',
      () => `/api/v1/orgs/${orgId}/join_code`,
      undefined,
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 403, member: 403, admin: 200 },
    ],
    [
      'list my orgs',
      'GET',
      () => '/api/v1/orgs',
      undefined,
      { anonymous: 401, stranger: 200, otherOrg: 200, viewer: 200, member: 200, admin: 200 },
    ],
    [
      'create org',
      'POST',
      () => '/api/v1/orgs',
      undefined,
      { anonymous: 401, stranger: 422, otherOrg: 422, viewer: 422, member: 422, admin: 422 },
    ],
    [
      'join',
      'POST',
      () => '/api/v1/orgs/join',
      { join_code: 'NOPE-NOPE-NOPE' },
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 404, member: 404, admin: 404 },
    ],
  ];
  const tokenOf = (who: Who) =>
    ({
      anonymous: undefined,
      stranger: stranger.token,
      otherOrg: otherOrgMember.token,
      viewer: viewer.token,
      member: member.token,
      admin: admin.token,
    })[who];

  it.each(cases)('%s', async (_name, method, path, body, expected) => {
    for (const who of Object.keys(expected) as Who[]) {
      const res = await call(method, path(), { token: tokenOf(who), body });
      expect(res.status, `${who}: ${JSON.stringify(res.body)}`).toBe(expected[who]);
      expect(res.body).toHaveProperty(
        res.status < 300 ? (Array.isArray(res.body) ? 'length' : 'toString') : 'detail',
      );
    }
    // Rotations above change the code; keep the latest for other tests.
    joinCode = (await call('GET', `/api/v1/orgs/${orgId}`, { token: owner.token })).body.join_code;
  });

  it('lets the other organisation see only its own organisation', async () => {
    const mine = await call<{ name: string }[]>('GET', '/api/v1/orgs', {
      token: otherOrgMember.token,
    });
    expect(mine.body.map((o) => o.name)).toEqual(['Elsewhere']);
    const strangers = await call('GET', '/api/v1/orgs', { token: stranger.token });
    expect(strangers.body).toEqual([]);
  });
});

describe('bad input to organisation endpoints changes nothing', () => {
  const cases: [string, string, () => string, unknown, number, RegExp][] = [
    ['create: missing name', 'POST', () => '/api/v1/orgs', {}, 422, /name: field required/],
    [
      'create: empty name',
      'POST',
      () => '/api/v1/orgs',
      { name: '   ' },
      422,
      /name: must not be empty/,
    ],
    [
      'create: oversized name',
      'POST',
      () => '/api/v1/orgs',
      { name: 'x'.repeat(256) },
      422,
      /name: must be at most 255/,
    ],
    [
      'create: wrong types',
      'POST',
      () => '/api/v1/orgs',
      { name: 5, employees: 'many' },
      422,
      /name: must be a string; employees: must be a number/,
    ],
    [
      'create: negative employees',
      'POST',
      () => '/api/v1/orgs',
      { name: 'A', employees: -1 },
      422,
      /employees: must be at least 0/,
    ],
    [
      'create: bad gwp_set',
      'POST',
      () => '/api/v1/orgs',
      { name: 'A', gwp_set: 'AR9' },
      422,
      /gwp_set/,
    ],
    [
      'create: name as an array',
      'POST',
      () => '/api/v1/orgs',
      { name: ['a'] },
      422,
      /name: must be a string/,
    ],
    [
      'update: negative revenue',
      'PATCH',
      () => `/api/v1/orgs/${orgId}`,
      { revenue: -5 },
      422,
      /revenue: must be at least 0/,
    ],
    [
      'update: base_year out of range',
      'PATCH',
      () => `/api/v1/orgs/${orgId}`,
      { base_year: 1066 },
      422,
      /base_year: must be 1990 or later/,
    ],
    [
      'update: malformed org id',
      'PATCH',
      () => '/api/v1/orgs/not-a-uuid',
      { industry: 'x' },
      422,
      /org_id: must be a UUID/,
    ],
    ['join: missing code', 'POST', () => '/api/v1/orgs/join', {}, 422, /join_code: field required/],
    [
      'join: SQL-looking code',
      'POST',
      () => '/api/v1/orgs/join',
      { join_code: "' OR '1'='1" },
      422,
      /join_code: may contain only/,
    ],
    [
      'role: unknown role',
      'PUT',
      () => `/api/v1/orgs/${orgId}/members/${member.userId}`,
      { role: 'emperor' },
      422,
      /role: must be one of owner, admin, member, viewer/,
    ],
    [
      'role: malformed user id',
      'PUT',
      () => `/api/v1/orgs/${orgId}/members/42`,
      { role: 'member' },
      422,
      /user_id: must be a UUID/,
    ],
    [
      'role: unknown org',
      'PUT',
      () => `/api/v1/orgs/${NIL}/members/${member.userId}`,
      { role: 'member' },
      404,
      /Organisation not found/,
    ],
    [
      'remove: malformed ids',
      'DELETE',
      () => '/api/v1/orgs/x/members/y',
      undefined,
      422,
      /org_id: must be a UUID.*; user_id: must be a UUID/,
    ],
    [
      'rotate: unknown org',
      'POST',
      () => `/api/v1/orgs/${NIL}/join_code`,
      undefined,
      404,
      /Organisation not found/,
    ],
  ];
  it.each(cases)('%s', async (_name, method, path, body, status, detail) => {
    const before = await snapshot(t);
    const res = await call(method, path(), { token: owner.token, body });
    expect(res.status).toBe(status);
    expect(res.body.detail).toMatch(detail);
    expect(await snapshot(t)).toEqual(before);
  });

  it('stores a SQL-looking name verbatim', async () => {
    const name = "Robert'); DROP TABLE organizations;--";
    const res = await call('POST', '/api/v1/orgs', { token: stranger.token, body: { name } });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe(name);
    expect(
      (await t.db.query('SELECT count(*)::int AS n FROM organizations'))[0]?.n,
    ).toBeGreaterThan(1);
  });
});
