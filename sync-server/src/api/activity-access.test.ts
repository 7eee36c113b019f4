import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { client, newUser, snapshot, type Call, type TestUser } from './api-test-kit.ts';

let t: TestApp;
let call: Call;
const u: Record<'owner' | 'member' | 'viewer' | 'stranger' | 'otherOrg', TestUser> = {} as never;
let orgId: string;
let otherOrgId: string;
let personal: string; // the owner's personal activity
let shared: string; // an org activity logged by the member

const body = {
  activity_type: 'Energy Consumption',
  amount: 120,
  unit: 'kWh',
  timestamp: '2024-03-01T00:00:00Z',
};

beforeAll(async () => {
  t = await createTestApp();
  call = client(t);
  for (const name of ['owner', 'member', 'viewer', 'stranger', 'otherOrg'] as const) {
    u[name] = await newUser(call, name);
  }
  const org = await call('POST', '/api/v1/orgs', { token: u.owner.token, body: { name: 'Acme' } });
  orgId = org.body.org_id;
  for (const who of [u.member, u.viewer]) {
    await call('POST', '/api/v1/orgs/join', {
      token: who.token,
      body: { join_code: org.body.join_code },
    });
  }
  await call('PUT', `/api/v1/orgs/${orgId}/members/${u.viewer.userId}`, {
    token: u.owner.token,
    body: { role: 'viewer' },
  });
  otherOrgId = (
    await call('POST', '/api/v1/orgs', { token: u.otherOrg.token, body: { name: 'Other' } })
  ).body.org_id;
  personal = (await call('POST', '/api/v1/activities', { token: u.owner.token, body })).body
    .activity_id;
  shared = (
    await call('POST', '/api/v1/activities', {
      token: u.member.token,
      body: { ...body, org_id: orgId },
    })
  ).body.activity_id;
});
afterAll(() => t.close());

type Who = 'anonymous' | 'stranger' | 'otherOrg' | 'viewer' | 'member' | 'owner';
const tokenOf = (who: Who) => (who === 'anonymous' ? undefined : u[who].token);

describe('authorisation matrix for activities and emissions', () => {
  const rows: [string, string, () => string, (() => unknown) | undefined, Record<Who, number>][] = [
    [
      'read a personal activity',
      'GET',
      () => `/api/v1/activities/${personal}`,
      undefined,
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 404, member: 404, owner: 200 },
    ],
    [
      'read its emission',
      'GET',
      () => `/api/v1/emissions/${personal}`,
      undefined,
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 404, member: 404, owner: 200 },
    ],
    [
      'update a personal activity',
      'PUT',
      () => `/api/v1/activities/${personal}`,
      () => ({ amount: 121 }),
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 404, member: 404, owner: 200 },
    ],
    [
      'read an org activity',
      'GET',
      () => `/api/v1/activities/${shared}`,
      undefined,
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 200, member: 200, owner: 200 },
    ],
    [
      'read an org emission',
      'GET',
      () => `/api/v1/emissions/${shared}`,
      undefined,
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 200, member: 200, owner: 200 },
    ],
    [
      'update an org activity',
      'PUT',
      () => `/api/v1/activities/${shared}`,
      () => ({ amount: 130 }),
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 403, member: 200, owner: 200 },
    ],
    [
      'log an org activity',
      'POST',
      () => '/api/v1/activities',
      () => ({ ...body, org_id: orgId }),
      { anonymous: 401, stranger: 403, otherOrg: 403, viewer: 403, member: 201, owner: 201 },
    ],
    [
      "list the org's activities",
      'GET',
      () => `/api/v1/activities?org_id=${orgId}`,
      undefined,
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 200, member: 200, owner: 200 },
    ],
    [
      'list your own',
      'GET',
      () => '/api/v1/activities',
      undefined,
      { anonymous: 401, stranger: 200, otherOrg: 200, viewer: 200, member: 200, owner: 200 },
    ],
    [
      'move an org activity to another org',
      'PUT',
      () => `/api/v1/activities/${shared}`,
      () => ({ org_id: otherOrgId }),
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 403, member: 403, owner: 403 },
    ],
  ];
  it.each(rows)('%s', async (_name, method, path, makeBody, expected) => {
    for (const who of Object.keys(expected) as Who[]) {
      const res = await call(method, path(), { token: tokenOf(who), body: makeBody?.() });
      expect(res.status, `${who}: ${JSON.stringify(res.body)}`).toBe(expected[who]);
    }
  });

  it('shows org activities to every member in the org listing, never to others', async () => {
    const asViewer = await call<{ activity_id: string }[]>(
      'GET',
      `/api/v1/activities?org_id=${orgId}`,
      { token: u.viewer.token },
    );
    expect(asViewer.body.map((a) => a.activity_id)).toContain(shared);
    expect(asViewer.body.map((a) => a.activity_id)).not.toContain(personal);
    const strangerOwn = await call<{ activity_id: string }[]>('GET', '/api/v1/activities', {
      token: u.stranger.token,
    });
    expect(strangerOwn.body).toEqual([]);
  });

  it('lets viewers not delete, members delete org activities, strangers never', async () => {
    const victim = (
      await call('POST', '/api/v1/activities', {
        token: u.owner.token,
        body: { ...body, org_id: orgId },
      })
    ).body.activity_id;
    expect((await call('DELETE', `/api/v1/activities/${victim}`)).status).toBe(401);
    expect(
      (await call('DELETE', `/api/v1/activities/${victim}`, { token: u.stranger.token })).status,
    ).toBe(404);
    expect(
      (await call('DELETE', `/api/v1/activities/${victim}`, { token: u.otherOrg.token })).status,
    ).toBe(404);
    expect(
      (await call('DELETE', `/api/v1/activities/${victim}`, { token: u.viewer.token })).status,
    ).toBe(403);
    expect(
      (await call('DELETE', `/api/v1/activities/${victim}`, { token: u.member.token })).status,
    ).toBe(200);
    expect(
      (await call('DELETE', `/api/v1/activities/${personal}`, { token: u.member.token })).status,
    ).toBe(404);
  });

  it('stops a removed member from reading the organisation’s activities', async () => {
    const leaver = await newUser(call, 'leaver');
    const code = (await call('GET', `/api/v1/orgs/${orgId}`, { token: u.owner.token })).body
      .join_code;
    await call('POST', '/api/v1/orgs/join', { token: leaver.token, body: { join_code: code } });
    expect(
      (await call('GET', `/api/v1/activities/${shared}`, { token: leaver.token })).status,
    ).toBe(200);
    await call('DELETE', `/api/v1/orgs/${orgId}/members/${leaver.userId}`, {
      token: u.owner.token,
    });
    expect(
      (await call('GET', `/api/v1/activities/${shared}`, { token: leaver.token })).status,
    ).toBe(404);
  });
});

describe('bad input to activity endpoints: 4xx and no change in the database', () => {
  const NIL = '00000000-0000-4000-8000-000000000000';
  const ok = { activity_type: 'Transportation', amount: 25, unit: 'miles' };
  const cases: [string, string, () => string, unknown, number, RegExp][] = [
    [
      'create: empty body',
      'POST',
      () => '/api/v1/activities',
      {},
      422,
      /amount: field required; unit: field required/,
    ],
    [
      'create: neither activity_type nor factor_key',
      'POST',
      () => '/api/v1/activities',
      { amount: 1, unit: 'kg' },
      422,
      /activity_type: required when factor_key is absent/,
    ],
    [
      'create: amount as a string',
      'POST',
      () => '/api/v1/activities',
      { ...ok, amount: '25' },
      422,
      /amount: must be a number/,
    ],
    [
      'create: negative amount',
      'POST',
      () => '/api/v1/activities',
      { ...ok, amount: -1 },
      422,
      /amount: must be at least 0/,
    ],
    [
      'create: absurd amount',
      'POST',
      () => '/api/v1/activities',
      { ...ok, amount: 1e300 },
      422,
      /amount: must be at most/,
    ],
    [
      'create: unknown unit',
      'POST',
      () => '/api/v1/activities',
      { ...ok, unit: 'parsecs' },
      422,
      /^unit: unknown unit "parsecs"/,
    ],
    [
      'create: incompatible unit',
      'POST',
      () => '/api/v1/activities',
      { factor_key: 'electricity.egrid.us_average.kwh', amount: 5, unit: 'kg' },
      422,
      /^unit: /,
    ],
    [
      'create: unknown factor key',
      'POST',
      () => '/api/v1/activities',
      { factor_key: 'no.such.factor', amount: 5, unit: 'kg' },
      422,
      /^factor_key: unknown factor key "no.such.factor"/,
    ],
    [
      'create: unknown activity type',
      'POST',
      () => '/api/v1/activities',
      { ...ok, activity_type: 'Teleportation' },
      422,
      /^activity_type: unknown activity type/,
    ],
    [
      'create: SQL-looking activity type',
      'POST',
      () => '/api/v1/activities',
      { ...ok, activity_type: "x'); DELETE FROM activities;--" },
      422,
      /^activity_type: unknown activity type/,
    ],
    [
      'create: oversized description',
      'POST',
      () => '/api/v1/activities',
      { ...ok, description: 'x'.repeat(2001) },
      422,
      /description: must be at most 2000/,
    ],
    [
      'create: oversized activity_type',
      'POST',
      () => '/api/v1/activities',
      { ...ok, activity_type: 'x'.repeat(51) },
      422,
      /activity_type: must be at most 50/,
    ],
    [
      'create: bad timestamp',
      'POST',
      () => '/api/v1/activities',
      { ...ok, timestamp: 'yesterday' },
      422,
      /timestamp: must be an ISO-8601/,
    ],
    [
      'create: timestamp out of range',
      'POST',
      () => '/api/v1/activities',
      { ...ok, timestamp: '0001-01-01T00:00:00Z' },
      422,
      /timestamp: must be between the years 1900 and 2100/,
    ],
    [
      'create: malformed activity_id',
      'POST',
      () => '/api/v1/activities',
      { ...ok, activity_id: 'abc' },
      422,
      /activity_id: must be a UUID/,
    ],
    [
      'create: malformed org_id',
      'POST',
      () => '/api/v1/activities',
      { ...ok, org_id: "1' OR '1'='1" },
      422,
      /org_id: must be a UUID/,
    ],
    [
      'create: unknown org',
      'POST',
      () => '/api/v1/activities',
      { ...ok, org_id: NIL },
      403,
      /not a member/,
    ],
    [
      'create: bad gwp_set',
      'POST',
      () => '/api/v1/activities',
      { ...ok, gwp_set: 'AR3' },
      422,
      /gwp_set: must be one of AR4, AR5, AR6/,
    ],
    [
      'create: bad region',
      'POST',
      () => '/api/v1/activities',
      { ...ok, region: 'Mars/Olympus' },
      422,
      /region: must be a region code/,
    ],
    [
      'create: bad data_quality',
      'POST',
      () => '/api/v1/activities',
      { ...ok, data_quality: 'guessed' },
      422,
      /data_quality: must be measured or estimated/,
    ],
    [
      'create: wrong types everywhere',
      'POST',
      () => '/api/v1/activities',
      { activity_type: 1, amount: null, unit: [] },
      422,
      /activity_type: must be a string; amount: must be a number; unit: must be a string/,
    ],
    ['create: JSON array body', 'POST', () => '/api/v1/activities', [ok], 422, /body:/],
    [
      'update: malformed id',
      'PUT',
      () => '/api/v1/activities/123',
      { amount: 1 },
      422,
      /activity_id: must be a UUID/,
    ],
    [
      'update: unknown id',
      'PUT',
      () => `/api/v1/activities/${NIL}`,
      { amount: 1 },
      404,
      /Activity not found/,
    ],
    [
      'update: negative amount',
      'PUT',
      () => `/api/v1/activities/${personal}`,
      { amount: -5 },
      422,
      /amount: must be at least 0/,
    ],
    [
      'update: unknown unit',
      'PUT',
      () => `/api/v1/activities/${personal}`,
      { unit: 'bananas' },
      422,
      /^unit: unknown unit/,
    ],
    [
      'update: unknown factor',
      'PUT',
      () => `/api/v1/activities/${personal}`,
      { factor_key: "'; DROP TABLE emissions; --" },
      422,
      /^factor_key: unknown factor key/,
    ],
    [
      'update: wrong type',
      'PUT',
      () => `/api/v1/activities/${personal}`,
      { amount: true },
      422,
      /amount: must be a number/,
    ],
    [
      'delete: malformed id',
      'DELETE',
      () => '/api/v1/activities/1%20OR%201=1',
      undefined,
      422,
      /activity_id: must be a UUID/,
    ],
    [
      'delete: unknown id',
      'DELETE',
      () => `/api/v1/activities/${NIL}`,
      undefined,
      404,
      /Activity not found/,
    ],
    [
      'get: malformed id',
      'GET',
      () => '/api/v1/activities/not-a-uuid',
      undefined,
      422,
      /activity_id: must be a UUID/,
    ],
    [
      'emission: malformed id',
      'GET',
      () => '/api/v1/emissions/42',
      undefined,
      422,
      /activity_id: must be a UUID/,
    ],
    [
      'emission: unknown id',
      'GET',
      () => `/api/v1/emissions/${NIL}`,
      undefined,
      404,
      /Emission not found/,
    ],
    [
      'list: page_size over 200',
      'GET',
      () => '/api/v1/activities?page_size=201',
      undefined,
      422,
      /page_size: must be at most 200/,
    ],
    [
      'list: page 0',
      'GET',
      () => '/api/v1/activities?page=0',
      undefined,
      422,
      /page: must be at least 1/,
    ],
    [
      'list: page not a number',
      'GET',
      () => '/api/v1/activities?page=abc',
      undefined,
      422,
      /page: must be a whole number/,
    ],
    [
      'list: bad start_date',
      'GET',
      () => '/api/v1/activities?start_date=last-week',
      undefined,
      422,
      /start_date: must be an ISO-8601/,
    ],
    [
      'list: end before start',
      'GET',
      () => '/api/v1/activities?start_date=2024-02-01&end_date=2024-01-01',
      undefined,
      422,
      /end_date: must not be before start_date/,
    ],
    [
      'list: malformed org_id',
      'GET',
      () => '/api/v1/activities?org_id=abc',
      undefined,
      422,
      /org_id: must be a UUID/,
    ],
  ];
  it.each(cases)('%s', async (_name, method, path, reqBody, status, detail) => {
    const before = await snapshot(t);
    const res = await call(method, path(), { token: u.owner.token, body: reqBody });
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.detail).toMatch(detail);
    expect(await snapshot(t)).toEqual(before);
  });

  it('answers malformed JSON with 400 and changes nothing', async () => {
    const before = await snapshot(t);
    const res = await call('POST', '/api/v1/activities', {
      token: u.owner.token,
      raw: '{"amount": 25, "unit": ',
    });
    expect(res.status).toBe(400);
    expect(await snapshot(t)).toEqual(before);
  });

  it('treats SQL in a filter as plain text', async () => {
    const res = await call(
      'GET',
      `/api/v1/activities?activity_type=${encodeURIComponent("' OR 1=1 --")}`,
      { token: u.owner.token },
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });
});
