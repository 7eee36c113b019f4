import { getFactor, type EmissionFactorItem } from '@eco-track/shared-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const get = async (query: string) => {
  const res = await t.app.request(`/api/v1/emission_factors${query}`);
  return { res, body: await res.json() };
};

describe('GET /api/v1/emission_factors (public)', () => {
  it('answers without a token, with every documented field and the total in X-Total-Count', async () => {
    const { res, body } = await get('?page_size=3');
    expect(res.status).toBe(200);
    const items = body as EmissionFactorItem[];
    expect(items).toHaveLength(3);
    expect(Number(res.headers.get('X-Total-Count'))).toBeGreaterThan(400);
    for (const k of [
      'emission_factor_id',
      'activity_type',
      'fuel_type',
      'region',
      'emission_factor',
      'unit',
      'source',
      'year',
      'co2_factor',
      'ch4_factor',
      'n2o_factor',
      'key',
      'scope',
      'scope3_category',
      'source_url',
      'license',
    ]) {
      expect(items[0]).toHaveProperty(k);
    }
  });

  it('finds EPA natural gas per therm by text search, emission_factor per gas under AR5', async () => {
    const { body } = await get('?q=natural%20gas%20therm&region=US');
    const item = (body as EmissionFactorItem[]).find(
      (i) => i.key === 'stationary.natural_gas.therm.us',
    );
    // 5.306 kg CO2 + 0.0001 kg CH4 × 28 + 0.00001 kg N2O × 265 = 5.306 + 0.0028 + 0.00265
    expect(item?.emission_factor).toBeCloseTo(5.31145, 10);
    expect(item).toMatchObject({
      co2_factor: 5.306,
      ch4_factor: 0.0001,
      n2o_factor: 0.00001,
      unit: 'therm',
      year: 2025,
      scope: '1',
      scope3_category: null,
      license: 'Public domain (US Government work)',
    });
  });

  it('filters by activity_type (a seed activity type selects the category), fuel_type and region', async () => {
    const { body } = await get(
      '?activity_type=Energy%20Consumption&fuel_type=natural%20gas&region=GB&page_size=200',
    );
    const items = body as EmissionFactorItem[];
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) {
      expect(i.category).toBe('energy');
      expect(i.region).toBe('GB');
      expect(i.fuel_type?.toLowerCase()).toContain('natural gas');
    }
    // DESNZ publishes CO2e (AR5): the item's emission_factor is that total.
    const kwh = items.find((i) => i.key === 'fuel.natural_gas.kwh.gb');
    expect(kwh?.emission_factor).toBe(getFactor('fuel.natural_gas.kwh.gb')?.co2eKg);
  });

  it('paginates in key order without overlap', async () => {
    const a = (await get('?category=food&page=1&page_size=5')).body as EmissionFactorItem[];
    const b = (await get('?category=food&page=2&page_size=5')).body as EmissionFactorItem[];
    const keys = [...a, ...b].map((i) => i.key);
    expect(new Set(keys).size).toBe(10);
    expect([...keys].sort()).toEqual(keys);
  });

  it('takes % and _ in search text literally', async () => {
    const { res, body } = await get('?q=%25');
    expect(res.status).toBe(200);
    expect((body as EmissionFactorItem[]).every((i) => JSON.stringify(i).includes('%'))).toBe(true);
  });

  it.each([
    ['?page_size=201', 'page_size'],
    ['?page=0', 'page'],
    ['?page_size=abc', 'page_size'],
    ['?region=us%3Bdrop', 'region'],
    ['?scope=4', 'scope'],
    ['?year=20x5', 'year'],
    ['?q=' + 'x'.repeat(201), 'q'],
    ["?key=stationary.natural_gas'--", 'key'],
  ])('refuses %s with 422 naming %s', async (query, field) => {
    const { res, body } = await get(query);
    expect(res.status).toBe(422);
    expect((body as { detail: string }).detail).toContain(field);
  });
});
