import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogUuid, insertChallenge } from '../services/emission-fixtures.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { client, newUser, type Call, type TestUser } from './api-test-kit.ts';

let t: TestApp;
let call: Call;
let ada: TestUser;
let bob: TestUser;

/** Rows of the tables these routes write: a refused request must leave them unchanged. */
async function snapshot(): Promise<string> {
  const out: string[] = [];
  for (const table of ['user_recommendations', 'user_challenges', 'user_achievements']) {
    const [row] = await t.db.query<{ n: number; h: string | null }>(
      `SELECT count(*)::int8 AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS h FROM ${table} x`,
    );
    out.push(`${table}:${row?.n}:${row?.h ?? ''}`);
  }
  return out.join(' ');
}

interface Ranked {
  recommendation_id: string;
  category: string;
  rank: number;
  reason: string;
  seen: boolean;
  acted_on: boolean;
  estimated_kg_co2e_saved_per_year: number;
}

beforeAll(async () => {
  t = await createTestApp();
  call = client(t);
  ada = await newUser(call, 'ada');
  bob = await newUser(call, 'bob');
  // Ada drives, today: transportation is her whole footprint.
  const res = await call('POST', '/api/v1/activities', {
    token: ada.token,
    body: { activity_type: 'Transportation', amount: 100, unit: 'miles' },
  });
  expect(res.status).toBe(201);
});
afterAll(() => t.close());

describe('recommendations over HTTP', () => {
  it("ranks the catalogue from the caller's footprint, with reasons", async () => {
    const res = await call<Ranked[]>('GET', '/api/v1/recommendations', { token: ada.token });
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThanOrEqual(40);
    expect(res.body[0]).toMatchObject({ rank: 1, category: 'transportation', seen: false });
    expect(res.body[0]?.reason).toMatch(
      /^Transportation is 100% of your footprint over the last 12 months/,
    );
    expect(res.body[0]?.estimated_kg_co2e_saved_per_year).toBeGreaterThan(0);
    const food = await call<Ranked[]>('GET', '/api/v1/recommendations?category=food&limit=2', {
      token: ada.token,
    });
    expect(food.body.map((r) => r.category)).toEqual(['food', 'food']);
  });

  it('marks seen and acted on for the caller only', async () => {
    const id = catalogUuid('recommendation', 'transportation.eco-driving');
    const seen = await call('POST', `/api/v1/recommendations/${id}/seen`, { token: ada.token });
    expect(seen).toMatchObject({
      status: 200,
      body: {
        message: 'Recommendation marked as seen',
        recommendation_id: id,
        seen: true,
        acted_on: false,
      },
    });
    const acted = await call('POST', `/api/v1/recommendations/${id}/acted_on`, {
      token: ada.token,
    });
    expect(acted.body).toMatchObject({ seen: true, acted_on: true, user_id: ada.userId });
    const mine = await call<Ranked[]>('GET', '/api/v1/recommendations', { token: ada.token });
    expect(mine.body.find((r) => r.recommendation_id === id)).toMatchObject({
      seen: true,
      acted_on: true,
    });
    expect(mine.body.at(-1)?.recommendation_id).toBe(id);
    const bobs = await call<Ranked[]>('GET', '/api/v1/recommendations', { token: bob.token });
    expect(bobs.body.find((r) => r.recommendation_id === id)).toMatchObject({
      seen: false,
      acted_on: false,
    });
  });
});

describe('challenges and achievements over HTTP', () => {
  it("lists running challenges, joins one and measures progress from today's activity", async () => {
    const list = await call<{ challenge_id: string; joined: boolean }[]>(
      'GET',
      '/api/v1/challenges',
      {
        token: ada.token,
      },
    );
    expect(list.status).toBe(200);
    const sevenDays = catalogUuid('challenge', 'seven-day-logger');
    expect(list.body.find((c) => c.challenge_id === sevenDays)).toMatchObject({ joined: false });
    const join = await call('POST', `/api/v1/challenges/${sevenDays}/join`, { token: ada.token });
    expect(join.status).toBe(201);
    expect(join.body).toMatchObject({
      challenge_id: sevenDays,
      user_id: ada.userId,
      status: 'active',
      current_value: 1,
      target_value: 7,
      unit: 'days',
      progress: 14.29,
      challenge: { challenge_name: 'Seven-Day Logger', criteria: { type: 'log_days', days: 7 } },
    });
    const again = await call('POST', `/api/v1/challenges/${sevenDays}/join`, { token: ada.token });
    expect(again.status).toBe(200);
    expect(again.body.user_challenge_id).toBe(join.body.user_challenge_id);
    const mine = await call<{ challenge_id: string }[]>('GET', '/api/v1/challenges/user', {
      token: ada.token,
    });
    expect(mine.body.map((c) => c.challenge_id)).toEqual([sevenDays]);
    expect((await call('GET', '/api/v1/challenges/user', { token: bob.token })).body).toEqual([]);
    const upcoming = await call<{ joined: boolean }[]>('GET', '/api/v1/challenges?when=upcoming', {
      token: ada.token,
    });
    expect(upcoming.body.length).toBeGreaterThan(0);
  });

  it('refuses to join a challenge that has ended (409), changing nothing', async () => {
    const ended = await insertChallenge(t.db, {
      start: '2020-01-01',
      end: '2020-01-31',
      criteria: { type: 'log_days', days: 1 },
    });
    const before = await snapshot();
    const res = await call('POST', `/api/v1/challenges/${ended}/join`, { token: bob.token });
    expect(res).toMatchObject({
      status: 409,
      body: { detail: 'This challenge ended on 2020-01-31; join a running one' },
    });
    expect(await snapshot()).toBe(before);
  });

  it('lists the achievement catalogue publicly and awards "First Step" to the user', async () => {
    const all = await call<{ achievement_id: string }[]>('GET', '/api/v1/achievements');
    expect(all.status).toBe(200);
    expect(all.body.length).toBeGreaterThanOrEqual(15);
    const mine = await call<{ achievement: { achievement_name: string } }[]>(
      'GET',
      '/api/v1/achievements/user',
      { token: ada.token },
    );
    expect(mine.status).toBe(200);
    expect(mine.body.map((a) => a.achievement.achievement_name)).toEqual(
      expect.arrayContaining(['First Step', 'Taking Action']),
    );
    expect((await call('GET', '/api/v1/achievements/user', { token: bob.token })).body).toEqual([]);
  });
});

describe('achievements follow activity writes', () => {
  const held = async (userId: string) =>
    (
      await t.db.query<{ achievement_id: string }>(
        'SELECT achievement_id FROM user_achievements WHERE user_id = $1',
        [userId],
      )
    ).map((r) => r.achievement_id);
  const firstStep = catalogUuid('achievement', 'first-activity');

  it('POST /api/v1/activities awards "First Step" in the same transaction', async () => {
    const cy = await newUser(call, 'cy');
    expect(await held(cy.userId)).toEqual([]);
    const res = await call('POST', '/api/v1/activities', {
      token: cy.token,
      body: { activity_type: 'Energy Consumption', amount: 10, unit: 'kWh' },
    });
    expect(res.status).toBe(201);
    expect(await held(cy.userId)).toEqual([firstStep]);
  });

  it('an applied sync batch awards it too', async () => {
    const di = await newUser(call, 'di');
    const res = await call<{ results: { status: string }[] }>('POST', '/api/v1/sync/mutations', {
      token: di.token,
      body: {
        mutations: [
          {
            mutation_id: randomUUID(),
            table: 'activities',
            op: 'insert',
            row: {
              activity_id: randomUUID(),
              activity_type: 'Transportation',
              amount: 3,
              unit: 'miles',
            },
          },
        ],
      },
    });
    expect(res.body.results).toEqual([expect.objectContaining({ status: 'applied' })]);
    expect(await held(di.userId)).toEqual([firstStep]);
  });
});

describe('authentication and bad input', () => {
  const rec = catalogUuid('recommendation', 'food.plant-rich-diet');
  const challenge = catalogUuid('challenge', 'low-carbon-year');
  it.each([
    ['GET', '/api/v1/recommendations'],
    ['POST', `/api/v1/recommendations/${rec}/seen`],
    ['POST', `/api/v1/recommendations/${rec}/acted_on`],
    ['GET', '/api/v1/challenges'],
    ['POST', `/api/v1/challenges/${challenge}/join`],
    ['GET', '/api/v1/challenges/user'],
    ['GET', '/api/v1/achievements/user'],
  ])('%s %s needs a token (401, nothing written)', async (method, path) => {
    const before = await snapshot();
    const res = await call(method, path);
    expect(res.status).toBe(401);
    expect(res.body.detail).toEqual(expect.any(String));
    const forged = await call(method, path, { token: `${ada.token.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);
    expect(await snapshot()).toBe(before);
  });

  const unknown = '0190c1d2-7e4b-7c3a-9f10-2b3c4d5e6f70';
  it.each([
    [
      'GET',
      '/api/v1/recommendations?category=cars',
      422,
      /category: must be one of transportation/,
    ],
    ['GET', '/api/v1/recommendations?limit=0', 422, /limit/],
    ['GET', '/api/v1/recommendations?limit=abc', 422, /limit/],
    ['POST', '/api/v1/recommendations/42/seen', 422, /recommendation_id/],
    [
      'POST',
      `/api/v1/recommendations/${encodeURIComponent("1' OR '1'='1")}/acted_on`,
      422,
      /recommendation_id/,
    ],
    ['POST', `/api/v1/recommendations/${unknown}/seen`, 404, /Recommendation not found/],
    ['GET', '/api/v1/challenges?when=yesterday', 422, /when: must be one of active, upcoming, all/],
    ['POST', '/api/v1/challenges/not-a-uuid/join', 422, /challenge_id/],
    ['POST', `/api/v1/challenges/${unknown}/join`, 404, /Challenge not found/],
  ] as const)('%s %s answers %i', async (method, path, status, detail) => {
    const before = await snapshot();
    const res = await call(method, path, { token: bob.token });
    expect(res.status).toBe(status);
    expect(res.body.detail).toMatch(detail);
    expect(await snapshot()).toBe(before);
  });
});

describe('OpenAPI document', () => {
  it('documents these endpoints and their schemas', async () => {
    const res = await call<{
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    }>('GET', '/api/v1/openapi.json');
    for (const path of [
      '/api/v1/goals',
      '/api/v1/goals/{goal_id}',
      '/api/v1/reports',
      '/api/v1/reports/{report_id}',
      '/api/v1/recommendations',
      '/api/v1/recommendations/{recommendation_id}/seen',
      '/api/v1/recommendations/{recommendation_id}/acted_on',
      '/api/v1/challenges',
      '/api/v1/challenges/{challenge_id}/join',
      '/api/v1/challenges/user',
      '/api/v1/achievements',
      '/api/v1/achievements/user',
    ]) {
      expect(res.body.paths).toHaveProperty([path]);
    }
    for (const name of [
      'Goal',
      'GoalCreateRequest',
      'Report',
      'ReportCreateRequest',
      'RankedRecommendation',
      'Challenge',
      'UserChallenge',
      'Achievement',
      'UserAchievement',
    ]) {
      expect(res.body.components.schemas).toHaveProperty([name]);
    }
  });
});
