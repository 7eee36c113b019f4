import { calculateEmission } from '@eco-track/shared-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { client, newUser, snapshot, type Call, type TestUser } from './api-test-kit.ts';

let t: TestApp;
let call: Call;
let ada: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  call = client(t);
  ada = await newUser(call, 'crud');
});
afterAll(() => t.close());

const commute = {
  activity_type: 'Transportation',
  description: 'Commute to work',
  amount: 25,
  unit: 'miles',
  timestamp: '2023-10-27T08:00:00Z',
  location: 'Home to Office',
};

describe('idempotent create by activity_id', () => {
  it('answers the stored activity for a repeat, 409 for other content or another owner', async () => {
    const id = '0190c1d2-7e4b-7c3a-9f10-2b3c4d5e6f70';
    const first = await call('POST', '/api/v1/activities', {
      token: ada.token,
      body: { ...commute, activity_id: id },
    });
    expect(first.status).toBe(201);
    expect(first.body.activity_id).toBe(id);
    const before = await snapshot(t);
    const again = await call('POST', '/api/v1/activities', {
      token: ada.token,
      body: { ...commute, activity_id: id },
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await snapshot(t)).toEqual(before);

    const changed = await call('POST', '/api/v1/activities', {
      token: ada.token,
      body: { ...commute, amount: 26, activity_id: id },
    });
    expect(changed.status).toBe(409);
    expect(changed.body.detail).toMatch(/already exists with different content/);
    const bob = await newUser(call, 'bob');
    const theirs = await call('POST', '/api/v1/activities', {
      token: bob.token,
      body: { ...commute, activity_id: id },
    });
    expect(theirs.status).toBe(409);
    expect(theirs.body.detail).toBe('activity_id is already taken; generate a new UUID');
    expect((await call('GET', `/api/v1/activities/${id}`, { token: bob.token })).status).toBe(404);
  });
});

describe('GET /api/v1/activities', () => {
  it('pages newest first, filters by date range and activity_type, and counts in X-Total-Count', async () => {
    const u = await newUser(call, 'lister');
    const days = ['2024-01-05', '2024-01-01', '2024-01-03', '2024-01-04', '2024-01-02'];
    for (const [i, day] of days.entries()) {
      const body =
        i % 2 === 0
          ? {
              activity_type: 'Energy Consumption',
              amount: 10 + i,
              unit: 'kWh',
              timestamp: `${day}T12:00:00Z`,
            }
          : {
              activity_type: 'Transportation',
              amount: 10 + i,
              unit: 'km',
              timestamp: `${day}T12:00:00Z`,
            };
      expect((await call('POST', '/api/v1/activities', { token: u.token, body })).status).toBe(201);
    }
    const all = await call<{ timestamp: string }[]>('GET', '/api/v1/activities', {
      token: u.token,
    });
    expect(all.status).toBe(200);
    expect(all.headers.get('x-total-count')).toBe('5');
    expect(all.body.map((a) => a.timestamp.slice(0, 10))).toEqual([
      '2024-01-05',
      '2024-01-04',
      '2024-01-03',
      '2024-01-02',
      '2024-01-01',
    ]);

    const page2 = await call<{ timestamp: string }[]>(
      'GET',
      '/api/v1/activities?page=2&page_size=2',
      { token: u.token },
    );
    expect(page2.body.map((a) => a.timestamp.slice(0, 10))).toEqual(['2024-01-03', '2024-01-02']);
    expect(page2.headers.get('x-total-count')).toBe('5');
    const past = await call('GET', '/api/v1/activities?page=9&page_size=2', { token: u.token });
    expect(past.body).toEqual([]);

    const range = await call<{ timestamp: string }[]>(
      'GET',
      '/api/v1/activities?start_date=2024-01-02&end_date=2024-01-04',
      { token: u.token },
    );
    expect(range.body.map((a) => a.timestamp.slice(0, 10))).toEqual([
      '2024-01-04',
      '2024-01-03',
      '2024-01-02',
    ]);
    const instant = await call(
      'GET',
      '/api/v1/activities?start_date=2024-01-04T12:00:00Z&end_date=2024-01-04T12:00:00Z',
      { token: u.token },
    );
    expect(instant.headers.get('x-total-count')).toBe('1');

    const energy = await call<{ activity_type: string }[]>(
      'GET',
      '/api/v1/activities?activity_type=energy%20consumption',
      { token: u.token },
    );
    expect(energy.body).toHaveLength(3);
    expect(energy.body.every((a) => a.activity_type === 'Energy Consumption')).toBe(true);
    const transport = await call<{ category: string }[]>(
      'GET',
      '/api/v1/activities?activity_type=Transportation',
      { token: u.token },
    );
    const category = transport.body[0]?.category ?? '';
    const byCategory = await call('GET', `/api/v1/activities?category=${category}`, {
      token: u.token,
    });
    expect(byCategory.headers.get('x-total-count')).toBe('2');

    // Other users' activities never appear.
    expect(
      (await call('GET', '/api/v1/activities', { token: ada.token })).body.length,
    ).toBeGreaterThan(0);
    const mine = await call<{ user_id: string }[]>('GET', '/api/v1/activities?page_size=200', {
      token: u.token,
    });
    expect(mine.body.every((a) => a.user_id === u.userId)).toBe(true);
  });
});

describe('update, emission, delete', () => {
  it("recalculates on update, keeping the factor and its edition; the seed's {amount: 30}", async () => {
    const created = await call('POST', '/api/v1/activities', { token: ada.token, body: commute });
    const id = created.body.activity_id;
    const before = await call('GET', `/api/v1/emissions/${id}`, { token: ada.token });
    const res = await call('PUT', `/api/v1/activities/${id}`, {
      token: ada.token,
      body: { amount: 30 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ...commute,
      amount: 30,
      timestamp: '2023-10-27T08:00:00.000Z',
      emission_id: created.body.emission_id,
    });
    const after = await call('GET', `/api/v1/emissions/${id}`, { token: ada.token });
    const want = calculateEmission({
      factorKey: before.body.factor_key,
      factorYear: before.body.factor_year,
      amount: 30,
      unit: 'miles',
      gwpSet: 'AR5',
    });
    expect(after.body.co2_equivalent).toBe(want.co2eKg);
    expect(after.body.emission_id).toBe(before.body.emission_id);
    expect(after.body.factor_key).toBe(before.body.factor_key);

    const km = await call('PATCH', `/api/v1/activities/${id}`, {
      token: ada.token,
      body: { unit: 'km', amount: 48.28032 },
    });
    expect(km.body.factor_key).toBe(before.body.factor_key);
    const kmEm = await call('GET', `/api/v1/emissions/${id}`, { token: ada.token });
    expect(kmEm.body.co2_equivalent).toBeCloseTo(after.body.co2_equivalent, 9);

    const ar6 = await call('PUT', `/api/v1/activities/${id}`, {
      token: ada.token,
      body: { gwp_set: 'AR6' },
    });
    expect(ar6.body.gwp_set).toBe('AR6');
    expect((await call('GET', `/api/v1/emissions/${id}`, { token: ada.token })).body.gwp_set).toBe(
      'AR6',
    );

    const food = await call('PUT', `/api/v1/activities/${id}`, {
      token: ada.token,
      body: { activity_type: 'Food Consumption', amount: 2, unit: 'kg', fuel_type: 'beef' },
    });
    expect(food.status).toBe(200);
    expect(food.body.category).toBe('food');
    expect(food.body.factor_key).not.toBe(before.body.factor_key);
    const foodEm = await call('GET', `/api/v1/emissions/${id}`, { token: ada.token });
    expect(foodEm.body.derivation).toMatch(/^Factor chosen/);

    const pinned = await call('PUT', `/api/v1/activities/${id}`, {
      token: ada.token,
      body: { factor_key: 'electricity.egrid.us_average.kwh', unit: 'MWh', amount: 1 },
    });
    expect(pinned.body.factor_key).toBe('electricity.egrid.us_average.kwh');
    const pinnedEm = await call('GET', `/api/v1/emissions/${id}`, { token: ada.token });
    expect(pinnedEm.body.derivation).toMatch(/as given with the activity/);
    expect(pinnedEm.body.converted_amount).toBe(1000);
  });

  it('refuses an update the engine cannot calculate and changes nothing', async () => {
    const created = await call('POST', '/api/v1/activities', { token: ada.token, body: commute });
    const before = await snapshot(t);
    const res = await call('PUT', `/api/v1/activities/${created.body.activity_id}`, {
      token: ada.token,
      body: { unit: 'kWh' },
    });
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/^unit: /);
    expect(await snapshot(t)).toEqual(before);
  });

  it('deletes the activity and its emission', async () => {
    const created = await call('POST', '/api/v1/activities', { token: ada.token, body: commute });
    const id = created.body.activity_id;
    const del = await call('DELETE', `/api/v1/activities/${id}`, { token: ada.token });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ message: 'Activity deleted successfully' });
    expect((await call('GET', `/api/v1/activities/${id}`, { token: ada.token })).status).toBe(404);
    const em = await call('GET', `/api/v1/emissions/${id}`, { token: ada.token });
    expect(em.status).toBe(404);
    expect((await t.db.query('SELECT 1 FROM emissions WHERE activity_id = $1', [id])).length).toBe(
      0,
    );
    expect((await call('DELETE', `/api/v1/activities/${id}`, { token: ada.token })).status).toBe(
      404,
    );
  });

  it("applies the user's GWP preference, and the organisation's to its activities", async () => {
    const u = await newUser(call, 'gwp');
    await call('PATCH', '/api/v1/auth/me', { token: u.token, body: { gwp_set: 'AR6' } });
    const own = await call('POST', '/api/v1/activities', {
      token: u.token,
      body: { ...commute, data_quality: 'estimated' },
    });
    expect(own.body.data_quality).toBe('estimated');
    expect(
      (await call('GET', `/api/v1/emissions/${own.body.activity_id}`, { token: u.token })).body
        .gwp_set,
    ).toBe('AR6');
    const org = await call('POST', '/api/v1/orgs', {
      token: u.token,
      body: { name: 'AR4 Org', gwp_set: 'AR4' },
    });
    const orgAct = await call('POST', '/api/v1/activities', {
      token: u.token,
      body: { ...commute, org_id: org.body.org_id },
    });
    expect(orgAct.status).toBe(201);
    const em = await call('GET', `/api/v1/emissions/${orgAct.body.activity_id}`, {
      token: u.token,
    });
    expect(em.body).toMatchObject({ gwp_set: 'AR4', org_id: org.body.org_id });
  });
});
