import {
  FACTORS,
  calculateEmission,
  compatibleUnits,
  getFactor,
  type GwpSet,
} from '@eco-track/shared-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { client, newUser, type Call, type TestUser } from './api-test-kit.ts';

let t: TestApp;
let call: Call;
let ada: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  call = client(t);
  ada = await newUser(call, 'ada');
});
afterAll(() => t.close());

const SEED_BODIES = [
  {
    activity_type: 'Transportation',
    description: 'Commute to work',
    amount: 25,
    unit: 'miles',
    timestamp: '2023-10-27T08:00:00Z',
    location: 'Home to Office',
  },
  {
    activity_type: 'Energy Consumption',
    description: 'Electricity bill',
    amount: 500,
    unit: 'kWh',
    timestamp: '2023-10-26T00:00:00Z',
    location: 'Home',
  },
  { activity_type: 'Food Consumption', description: 'Groceries', amount: 2, unit: 'kg' },
  { activity_type: 'Purchase', description: 'New shoes', amount: 120, unit: 'USD' },
];

describe('POST /api/v1/activities with the seed bodies', () => {
  it.each(SEED_BODIES)('logs $activity_type in $unit with a default factor', async (body) => {
    const res = await call('POST', '/api/v1/activities', { token: ada.token, body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      user_id: ada.userId,
      activity_type: body.activity_type,
      description: body.description,
      amount: body.amount,
      unit: body.unit,
      org_id: null,
    });
    if (body.timestamp) expect(res.body.timestamp).toBe(new Date(body.timestamp).toISOString());
    expect(res.body.emission_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.co2e_kg).toBeGreaterThan(0);
    expect(getFactor(res.body.factor_key)).toBeDefined();

    const em = await call('GET', `/api/v1/emissions/${res.body.activity_id}`, { token: ada.token });
    expect(em.status).toBe(200);
    expect(em.body).toMatchObject({
      emission_id: res.body.emission_id,
      activity_id: res.body.activity_id,
      co2_equivalent: res.body.co2e_kg,
      factor_key: res.body.factor_key,
      gwp_set: 'AR5',
      timestamp: res.body.timestamp,
    });
    for (const k of ['co2_kg', 'ch4_kg', 'n2o_kg', 'factor_year'])
      expect(typeof em.body[k]).toBe('number');
    expect(['1', '2', '3', '2+3']).toContain(em.body.scope);
    expect(em.body.derivation).toMatch(
      /^Factor chosen \(no region given: the user's default region GLOBAL\): /,
    );
    expect(em.body.derivation).toContain(res.body.factor_key);
  });

  it("uses the user's default region when the activity names none", async () => {
    const u = await newUser(call, 'uk');
    await call('PATCH', '/api/v1/auth/me', { token: u.token, body: { default_region: 'GB' } });
    const res = await call('POST', '/api/v1/activities', {
      token: u.token,
      body: { activity_type: 'Energy Consumption', amount: 100, unit: 'kWh' },
    });
    expect(res.status).toBe(201);
    expect(res.body.factor_key).toMatch(/\.gb$/);
    const em = await call('GET', `/api/v1/emissions/${res.body.activity_id}`, { token: u.token });
    expect(em.body.derivation).toContain("user's default region GB");
    const us = await call('POST', '/api/v1/activities', {
      token: u.token,
      body: { activity_type: 'Energy Consumption', amount: 100, unit: 'kWh', region: 'US' },
    });
    expect(us.body.factor_key).toBe('electricity.egrid.us_average.kwh');
  });
});

describe('reference calculations: the API equals the engine to the last digit', () => {
  // Every 97th newest-edition factor, with each unit its factor accepts, in rotation.
  const newest = FACTORS.filter((f) => getFactor(f.key) === f);
  const sample = newest.filter((_, i) => i % 97 === 0);
  const gwps: GwpSet[] = ['AR4', 'AR5', 'AR6'];
  it(`matches calculateEmission for ${sample.length} factors, converted units and all GWP sets`, async () => {
    expect(sample.length).toBeGreaterThan(10);
    for (const [i, f] of sample.entries()) {
      const units = compatibleUnits(f.unit);
      const unit = units[i % units.length] ?? f.unit;
      const amount = [1, 0.1, 1234.5678, 3e-3, 987654.321][i % 5] ?? 1;
      const gwp_set = gwps[i % 3];
      const res = await call('POST', '/api/v1/activities', {
        token: ada.token,
        body: { factor_key: f.key, amount, unit, gwp_set },
      });
      expect(res.status, `${f.key} ${unit}: ${JSON.stringify(res.body)}`).toBe(201);
      const em = await call('GET', `/api/v1/emissions/${res.body.activity_id}`, {
        token: ada.token,
      });
      const want = calculateEmission({ factorKey: f.key, amount, unit, gwpSet: gwp_set });
      expect(em.body.co2_equivalent, f.key).toBe(want.co2eKg);
      expect(em.body.co2_kg).toBe(want.co2Kg);
      expect(em.body.ch4_kg).toBe(want.ch4Kg);
      expect(em.body.n2o_kg).toBe(want.n2oKg);
      expect(em.body.biogenic_co2_kg).toBe(want.biogenicCo2Kg);
      expect(em.body.converted_amount).toBe(want.convertedAmount);
      expect(em.body).toMatchObject({
        factor_key: f.key,
        factor_year: f.year,
        gwp_set,
        scope: f.scope,
      });
      expect(em.body.derivation).toContain(want.derivation);
      expect(res.body.activity_type).toBeTruthy();
    }
  });
});

describe('factor_year pins an edition', () => {
  it('uses the named edition, and refuses one that does not exist or has no factor_key', async () => {
    const f = getFactor('electricity.egrid.us_average.kwh');
    expect(f).toBeDefined();
    const body = { factor_key: f?.key, factor_year: f?.year, amount: 10, unit: 'kWh' };
    const ok = await call('POST', '/api/v1/activities', { token: ada.token, body });
    expect(ok.status).toBe(201);
    const em = await call('GET', `/api/v1/emissions/${ok.body.activity_id}`, { token: ada.token });
    expect(em.body.factor_year).toBe(f?.year);
    const missing = await call('POST', '/api/v1/activities', {
      token: ada.token,
      body: { ...body, factor_year: 1999 },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.detail).toMatch(
      /^factor_key: factor electricity.egrid.us_average.kwh has no edition 1999/,
    );
    const orphan = await call('POST', '/api/v1/activities', {
      token: ada.token,
      body: { activity_type: 'Energy Consumption', amount: 1, unit: 'kWh', factor_year: 2024 },
    });
    expect(orphan.status).toBe(422);
    expect(orphan.body.detail).toBe('factor_year: needs factor_key');
  });
});
