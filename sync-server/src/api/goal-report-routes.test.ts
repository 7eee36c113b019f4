import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { client, newUser, type Call, type TestUser } from './api-test-kit.ts';

let t: TestApp;
let call: Call;
type Name = 'owner' | 'member' | 'viewer' | 'stranger' | 'otherOrg';
const u = {} as Record<Name, TestUser>;
let orgId: string;

/** Rows of the tables these routes write: a refused request must leave them unchanged. */
async function snapshot(): Promise<string> {
  const out: string[] = [];
  for (const table of ['goals', 'reports', 'activities', 'emissions']) {
    const [row] = await t.db.query<{ n: number; h: string | null }>(
      `SELECT count(*)::int8 AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS h FROM ${table} x`,
    );
    out.push(`${table}:${row?.n}:${row?.h ?? ''}`);
  }
  return out.join(' ');
}

const beef = (kg: number, timestamp: string, org_id?: string) => ({
  factor_key: 'food.beef_beef_herd.kg.global',
  amount: kg,
  unit: 'kg',
  timestamp,
  ...(org_id ? { org_id } : {}),
});

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
  await call('POST', '/api/v1/orgs', { token: u.otherOrg.token, body: { name: 'Other' } });
});
afterAll(() => t.close());

const kgOf = async (where: string, params: unknown[]) => {
  const [row] = await t.db.query<{ kg: number }>(
    `SELECT COALESCE(SUM(co2_equivalent), 0) AS kg FROM emissions WHERE ${where}`,
    params,
  );
  return row?.kg ?? 0;
};

describe('goals over HTTP', () => {
  it('creates the seed goal, measures it from logged activities, updates and deletes it', async () => {
    const me = await newUser(call, 'goalie');
    const logged = [
      beef(2, '2023-10-10T08:00:00Z'), // baseline period 2023-10-02 .. 2023-10-31
      beef(1, '2023-11-12T08:00:00Z'), // goal period 2023-11-01 .. 2023-11-30
    ];
    for (const body of logged) {
      expect((await call('POST', '/api/v1/activities', { token: me.token, body })).status).toBe(
        201,
      );
    }
    const seedBody = {
      goal_type: 'Reduce Carbon Footprint',
      description: 'Reduce monthly carbon footprint by 10%',
      target_value: 10,
      unit: '%',
      start_date: '2023-11-01',
      end_date: '2023-11-30',
    };
    const created = await call('POST', '/api/v1/goals', { token: me.token, body: seedBody });
    expect(created.status).toBe(201);
    const baseline = await kgOf(`user_id = $1 AND "timestamp" < '2023-11-01'`, [me.userId]);
    const period = await kgOf(`user_id = $1 AND "timestamp" >= '2023-11-01'`, [me.userId]);
    expect(created.body).toMatchObject({
      ...seedBody,
      user_id: me.userId,
      org_id: null,
      current_value: Math.round(((baseline - period) / baseline) * 10000) / 100,
      status: 'completed',
      baseline_value: baseline,
      period_emissions: period,
    });
    expect(created.body.goal_id).toMatch(/^[0-9a-f-]{36}$/);
    const id = created.body.goal_id;

    const list = await call<{ goal_id: string }[]>('GET', '/api/v1/goals', { token: me.token });
    expect(list.status).toBe(200);
    expect(list.body.map((g) => g.goal_id)).toEqual([id]);
    expect((await call('GET', `/api/v1/goals/${id}`, { token: me.token })).body).toEqual(
      list.body[0],
    );

    const put = await call('PUT', `/api/v1/goals/${id}`, {
      token: me.token,
      body: { target_value: 60 },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ target_value: 60, status: 'failed' }); // 50% < 60%
    const budget = await call('PATCH', `/api/v1/goals/${id}`, {
      token: me.token,
      body: { unit: 'kg CO2e', target_value: 1000 },
    });
    expect(budget.body).toMatchObject({
      unit: 'kg CO2e',
      current_value: period,
      status: 'completed',
    });

    const del = await call('DELETE', `/api/v1/goals/${id}`, { token: me.token });
    expect(del).toMatchObject({ status: 200, body: { message: 'Goal deleted successfully' } });
    expect((await call('GET', `/api/v1/goals/${id}`, { token: me.token })).status).toBe(404);
  });

  it('answers a repeated create with the same goal_id with 200 and the stored goal', async () => {
    const me = await newUser(call, 'retry');
    const body = {
      goal_id: '0190c1d2-7e4b-7c3a-9f10-2b3c4d5e6f7a',
      goal_type: 'Budget',
      target_value: 100,
      unit: 'kg CO2e',
      start_date: '2024-01-01',
      end_date: '2024-01-31',
    };
    const a = await call('POST', '/api/v1/goals', { token: me.token, body });
    const b = await call('POST', '/api/v1/goals', { token: me.token, body });
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(b.body.goal_id).toBe(body.goal_id);
    const c = await call('POST', '/api/v1/goals', {
      token: me.token,
      body: { ...body, target_value: 5 },
    });
    expect(c.status).toBe(409);
  });
});

describe('reports over HTTP', () => {
  it('creates the seed report; its totals equal the sums of the stored emissions', async () => {
    const me = await newUser(call, 'reporter');
    for (const body of [
      beef(1.5, '2023-10-01T00:00:00Z'),
      beef(0.25, '2023-10-31T23:59:59Z'),
      {
        activity_type: 'Energy Consumption',
        amount: 500,
        unit: 'kWh',
        timestamp: '2023-10-26T00:00:00Z',
      },
      {
        activity_type: 'Transportation',
        amount: 25,
        unit: 'miles',
        timestamp: '2023-10-27T08:00:00Z',
      },
      beef(3, '2023-09-15T00:00:00Z'), // previous period
      beef(9, '2023-11-01T00:00:00Z'), // after
    ]) {
      expect((await call('POST', '/api/v1/activities', { token: me.token, body })).status).toBe(
        201,
      );
    }
    const seedBody = {
      report_type: 'Monthly Carbon Footprint',
      start_date: '2023-10-01',
      end_date: '2023-10-31',
    };
    const res = await call('POST', '/api/v1/reports', { token: me.token, body: seedBody });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      ...seedBody,
      user_id: me.userId,
      org_id: null,
      framework: null,
    });
    const inOctober = `user_id = $1 AND "timestamp" >= '2023-10-01' AND "timestamp" < '2023-11-01'`;
    const total = await kgOf(inOctober, [me.userId]);
    const data = res.body.data;
    expect(data.total_emissions).toBe(total);
    expect(data.activity_count).toBe(4);
    for (const [category, kg] of Object.entries(data.breakdown)) {
      expect(kg).toBe(await kgOf(`${inOctober} AND category = $2`, [me.userId, category]));
    }
    for (const [scope, kg] of Object.entries(data.by_scope)) {
      expect(kg).toBe(await kgOf(`${inOctober} AND scope = $2`, [me.userId, scope]));
    }
    for (const [type, kg] of Object.entries(data.by_activity_type)) {
      const [row] = await t.db.query<{ kg: number }>(
        `SELECT SUM(e.co2_equivalent) AS kg FROM emissions e JOIN activities a USING (activity_id)
          WHERE e.user_id = $1 AND e."timestamp" >= '2023-10-01' AND e."timestamp" < '2023-11-01'
            AND a.activity_type = $2`,
        [me.userId, type],
      );
      expect(kg).toBe(row?.kg);
    }
    expect(data.monthly).toEqual([{ month: '2023-10', total_emissions: total, activity_count: 4 }]);
    expect(data.comparison).toMatchObject({
      previous_start_date: '2023-08-31',
      previous_end_date: '2023-09-30',
      previous_total_emissions: await kgOf(`user_id = $1 AND "timestamp" < '2023-10-01'`, [
        me.userId,
      ]),
    });

    const list = await call<{ report_id: string }[]>('GET', '/api/v1/reports', { token: me.token });
    expect(list.body.map((r) => r.report_id)).toEqual([res.body.report_id]);
    const one = await call('GET', `/api/v1/reports/${res.body.report_id}`, { token: me.token });
    expect(one.body).toEqual(res.body);
  });

  it('builds an ESG Report through the ESG module', async () => {
    const me = await newUser(call, 'esg');
    await call('POST', '/api/v1/activities', {
      token: me.token,
      body: beef(1, '2023-05-01T00:00:00Z'),
    });
    const res = await call('POST', '/api/v1/reports', {
      token: me.token,
      body: {
        report_type: 'ESG Report',
        framework: 'gri',
        start_date: '2023-01-01',
        end_date: '2023-12-31',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ report_type: 'ESG Report', framework: 'gri' });
    expect(res.body.data).toMatchObject({ kind: 'esg_report', framework: 'gri' });
  });
});

type Who = 'anonymous' | Name;
const tokenOf = (who: Who) => (who === 'anonymous' ? undefined : u[who].token);

describe('authorisation matrix for goals and reports', () => {
  let personalGoal: string;
  let orgGoal: string;
  let personalReport: string;
  let orgReport: string;
  const goal = {
    goal_type: 'Budget',
    target_value: 50,
    unit: 'kg CO2e',
    start_date: '2024-01-01',
    end_date: '2024-01-31',
  };
  const report = { report_type: 'Custom Range', start_date: '2024-01-01', end_date: '2024-01-31' };

  beforeAll(async () => {
    personalGoal = (await call('POST', '/api/v1/goals', { token: u.owner.token, body: goal })).body
      .goal_id;
    orgGoal = (
      await call('POST', '/api/v1/goals', {
        token: u.member.token,
        body: { ...goal, org_id: orgId },
      })
    ).body.goal_id;
    personalReport = (await call('POST', '/api/v1/reports', { token: u.owner.token, body: report }))
      .body.report_id;
    orgReport = (
      await call('POST', '/api/v1/reports', {
        token: u.member.token,
        body: { ...report, org_id: orgId },
      })
    ).body.report_id;
  });

  const rows: [string, string, () => string, (() => unknown) | undefined, Record<Who, number>][] = [
    [
      'read a personal goal',
      'GET',
      () => `/api/v1/goals/${personalGoal}`,
      undefined,
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 404, member: 404, owner: 200 },
    ],
    [
      'update a personal goal',
      'PUT',
      () => `/api/v1/goals/${personalGoal}`,
      () => ({ target_value: 51 }),
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 404, member: 404, owner: 200 },
    ],
    [
      'read an org goal',
      'GET',
      () => `/api/v1/goals/${orgGoal}`,
      undefined,
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 200, member: 200, owner: 200 },
    ],
    [
      'update an org goal (created by the member)',
      'PUT',
      () => `/api/v1/goals/${orgGoal}`,
      () => ({ target_value: 52 }),
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 403, member: 200, owner: 200 },
    ],
    [
      'create an org goal',
      'POST',
      () => '/api/v1/goals',
      () => ({ ...goal, org_id: orgId }),
      { anonymous: 401, stranger: 403, otherOrg: 403, viewer: 403, member: 201, owner: 201 },
    ],
    [
      "list the org's goals",
      'GET',
      () => `/api/v1/goals?org_id=${orgId}`,
      undefined,
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 200, member: 200, owner: 200 },
    ],
    [
      'delete an org goal',
      'DELETE',
      () => `/api/v1/goals/${orgGoal}`,
      undefined,
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 403, member: 200, owner: 404 },
    ],
    [
      'read a personal report',
      'GET',
      () => `/api/v1/reports/${personalReport}`,
      undefined,
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 404, member: 404, owner: 200 },
    ],
    [
      'read an org report',
      'GET',
      () => `/api/v1/reports/${orgReport}`,
      undefined,
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 200, member: 200, owner: 200 },
    ],
    [
      'create an org report',
      'POST',
      () => '/api/v1/reports',
      () => ({ ...report, org_id: orgId }),
      { anonymous: 401, stranger: 403, otherOrg: 403, viewer: 403, member: 201, owner: 201 },
    ],
    [
      "list the org's reports",
      'GET',
      () => `/api/v1/reports?org_id=${orgId}`,
      undefined,
      { anonymous: 401, stranger: 404, otherOrg: 404, viewer: 200, member: 200, owner: 200 },
    ],
    [
      'list your own goals',
      'GET',
      () => '/api/v1/goals',
      undefined,
      { anonymous: 401, stranger: 200, otherOrg: 200, viewer: 200, member: 200, owner: 200 },
    ],
  ];
  it.each(rows)('%s', async (_name, method, path, makeBody, expected) => {
    for (const who of Object.keys(expected) as Who[]) {
      const before = await snapshot();
      const res = await call(method, path(), { token: tokenOf(who), body: makeBody?.() });
      expect({ who, status: res.status }).toEqual({ who, status: expected[who] });
      if (res.status >= 400) {
        expect(res.body.detail).toEqual(expect.any(String));
        expect(await snapshot()).toBe(before);
      }
    }
  });

  it('the report list shows a viewer the org report but never personal ones of others', async () => {
    const res = await call<{ report_id: string }[]>('GET', '/api/v1/reports', {
      token: u.viewer.token,
    });
    const ids = res.body.map((r) => r.report_id);
    expect(ids).toContain(orgReport);
    expect(ids).not.toContain(personalReport);
    const stranger = await call('GET', '/api/v1/reports', { token: u.stranger.token });
    expect(stranger.body).toEqual([]);
  });
});

describe('bad input changes nothing', () => {
  const goal = {
    goal_type: 'Budget',
    target_value: 50,
    unit: 'kg CO2e',
    start_date: '2024-01-01',
    end_date: '2024-01-31',
  };
  const id = '0190c1d2-7e4b-7c3a-9f10-2b3c4d5e6f70';
  const cases: [string, string, string, unknown, number, RegExp][] = [
    [
      'goal: target as a string',
      'POST',
      '/api/v1/goals',
      { ...goal, target_value: '50' },
      422,
      /^target_value: /,
    ],
    [
      'goal: missing goal_type',
      'POST',
      '/api/v1/goals',
      { ...goal, goal_type: undefined },
      422,
      /goal_type: field required/,
    ],
    [
      'goal: goal_type too long',
      'POST',
      '/api/v1/goals',
      { ...goal, goal_type: 'x'.repeat(51) },
      422,
      /at most 50/,
    ],
    [
      'goal: description too long',
      'POST',
      '/api/v1/goals',
      { ...goal, description: 'x'.repeat(2001) },
      422,
      /description/,
    ],
    [
      'goal: unknown unit',
      'POST',
      '/api/v1/goals',
      { ...goal, unit: 'miles' },
      422,
      /unit: must be one of "%", "kg CO2e", "kg"/,
    ],
    [
      'goal: negative target',
      'POST',
      '/api/v1/goals',
      { ...goal, target_value: -1 },
      422,
      /at least 0/,
    ],
    [
      'goal: infinite-looking target',
      'POST',
      '/api/v1/goals',
      { ...goal, target_value: 1e300 },
      422,
      /at most/,
    ],
    [
      'goal: reduction above 100%',
      'POST',
      '/api/v1/goals',
      { ...goal, unit: '%', target_value: 150 },
      422,
      /at most 100/,
    ],
    [
      'goal: end before start',
      'POST',
      '/api/v1/goals',
      { ...goal, end_date: '2023-12-31' },
      422,
      /end_date: must not be before start_date/,
    ],
    [
      'goal: impossible date',
      'POST',
      '/api/v1/goals',
      { ...goal, start_date: '2023-02-30' },
      422,
      /start_date/,
    ],
    [
      'goal: SQL in a date',
      'POST',
      '/api/v1/goals',
      { ...goal, start_date: "2024-01-01'; DROP TABLE goals;--" },
      422,
      /start_date/,
    ],
    [
      'goal: malformed goal_id',
      'POST',
      '/api/v1/goals',
      { ...goal, goal_id: '123' },
      422,
      /goal_id/,
    ],
    [
      'goal: malformed org_id',
      'POST',
      '/api/v1/goals',
      { ...goal, org_id: '1 OR 1=1' },
      422,
      /org_id/,
    ],
    ['goal: body not JSON', 'POST', '/api/v1/goals', '{"goal_type":', 400, /./],
    [
      'goal: malformed path id',
      'GET',
      '/api/v1/goals/1;DROP%20TABLE%20goals',
      undefined,
      422,
      /goal_id/,
    ],
    ['goal: unknown id', 'GET', `/api/v1/goals/${id}`, undefined, 404, /Goal not found/],
    ['goal: empty update', 'PUT', `/api/v1/goals/${id}`, {}, 422, /at least one/],
    [
      'goal: list page_size too large',
      'GET',
      '/api/v1/goals?page_size=500',
      undefined,
      422,
      /page_size/,
    ],
    ['goal: list unknown status', 'GET', '/api/v1/goals?status=done', undefined, 422, /status/],
    [
      'report: unknown type',
      'POST',
      '/api/v1/reports',
      { report_type: 'Weekly' },
      422,
      /report_type: must be one of "Monthly Carbon Footprint"/,
    ],
    [
      'report: custom range without dates',
      'POST',
      '/api/v1/reports',
      { report_type: 'Custom Range' },
      422,
      /start_date: required/,
    ],
    [
      'report: end before start',
      'POST',
      '/api/v1/reports',
      { report_type: 'Custom Range', start_date: '2024-02-01', end_date: '2024-01-01' },
      422,
      /end_date/,
    ],
    [
      'report: ESG without framework',
      'POST',
      '/api/v1/reports',
      { report_type: 'ESG Report' },
      422,
      /framework: required/,
    ],
    [
      'report: framework on a footprint report',
      'POST',
      '/api/v1/reports',
      { report_type: 'Monthly Carbon Footprint', framework: 'gri' },
      422,
      /framework/,
    ],
    [
      'report: unknown framework',
      'POST',
      '/api/v1/reports',
      { report_type: 'ESG Report', framework: 'tcfd' },
      422,
      /framework/,
    ],
    [
      'report: year out of range',
      'POST',
      '/api/v1/reports',
      { report_type: 'Yearly Carbon Footprint', start_date: '0001-01-01' },
      422,
      /start_date/,
    ],
    ['report: malformed path id', 'GET', '/api/v1/reports/abc', undefined, 422, /report_id/],
    ['report: unknown id', 'GET', `/api/v1/reports/${id}`, undefined, 404, /Report not found/],
    ['report: list page 0', 'GET', '/api/v1/reports?page=0', undefined, 422, /page/],
    [
      'report: list malformed org_id',
      'GET',
      `/api/v1/reports?org_id=${encodeURIComponent("' OR ''='")}`,
      undefined,
      422,
      /org_id/,
    ],
  ];
  it.each(cases)('%s', async (_name, method, path, body, status, detail) => {
    const before = await snapshot();
    const res = await call(method, path, {
      token: u.owner.token,
      ...(typeof body === 'string' ? { raw: body } : { body }),
    });
    expect(res.status).toBe(status);
    expect(res.body.detail).toMatch(detail);
    expect(await snapshot()).toBe(before);
  });

  it('stores a SQL-looking goal_type verbatim', async () => {
    const evil = "x'); DROP TABLE goals;--";
    const res = await call('POST', '/api/v1/goals', {
      token: u.stranger.token,
      body: { ...goal, goal_type: evil },
    });
    expect(res.status).toBe(201);
    expect(
      (await call('GET', `/api/v1/goals/${res.body.goal_id}`, { token: u.stranger.token })).body
        .goal_type,
    ).toBe(evil);
  });
});
