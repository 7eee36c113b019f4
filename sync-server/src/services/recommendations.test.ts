import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AchievementCriteriaSchema,
  ChallengeCriteriaSchema,
  ESTIMATE_BASES,
  FACTOR_CATEGORIES,
  RecommendationListQuerySchema,
} from '@eco-track/shared-schema';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { catalogUuid, insertEmission, insertUser } from './emission-fixtures.ts';
import { markRecommendation, rankRecommendations } from './recommendations.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});

const NOW = { now: new Date('2024-06-30T12:00:00Z') };
const all = RecommendationListQuerySchema.parse({});
const rid = (slug: string) => catalogUuid('recommendation', slug);

describe('seeded catalogues', () => {
  it('has at least 40 recommendations covering every category, each with an estimate and a source', async () => {
    const rows = await t.db.query<{
      recommendation_id: string;
      category: string;
      estimated_reduction_pct: number;
      source: string;
      source_url: string | null;
      data: { slug: string; estimate: { basis: string; note: string }; evidence: string };
    }>('SELECT * FROM recommendations');
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(new Set(rows.map((r) => r.category))).toEqual(new Set(FACTOR_CATEGORIES));
    for (const r of rows) {
      expect(r.recommendation_id).toBe(rid(r.data.slug)); // deterministic ids
      expect(r.estimated_reduction_pct).toBeGreaterThan(0);
      expect(r.estimated_reduction_pct).toBeLessThanOrEqual(100);
      expect(r.source.length).toBeGreaterThan(5);
      expect(ESTIMATE_BASES).toContain(r.data.estimate.basis);
      expect(r.data.estimate.note.length).toBeGreaterThan(10);
      expect(r.data.evidence.length).toBeGreaterThan(10);
      if (r.source_url !== null) expect(r.source_url).toMatch(/^https:\/\//);
    }
  });

  it('has challenges running now and later, and achievements, all with valid criteria and deterministic ids', async () => {
    const challenges = await t.db.query<{
      challenge_id: string;
      start_date: string;
      end_date: string;
      criteria: unknown;
    }>('SELECT challenge_id, start_date, end_date, criteria FROM challenges');
    const today = new Date().toISOString().slice(0, 10);
    expect(challenges.some((c) => c.start_date <= today && c.end_date >= today)).toBe(true);
    expect(challenges.some((c) => c.start_date > today)).toBe(true);
    const inAboutAYear = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10);
    expect(challenges.some((c) => c.start_date <= today && c.end_date >= inAboutAYear)).toBe(true);
    for (const c of challenges)
      expect(ChallengeCriteriaSchema.safeParse(c.criteria).success).toBe(true);
    expect(challenges.map((c) => c.challenge_id)).toContain(
      catalogUuid('challenge', 'car-light-month'),
    );

    const achievements = await t.db.query<{ achievement_id: string; criteria: unknown }>(
      'SELECT achievement_id, criteria FROM achievements',
    );
    expect(achievements.length).toBeGreaterThanOrEqual(15);
    for (const a of achievements)
      expect(AchievementCriteriaSchema.safeParse(a.criteria).success).toBe(true);
    expect(achievements.map((a) => a.achievement_id)).toContain(
      catalogUuid('achievement', 'first-activity'),
    );
  });
});

describe('ranking', () => {
  it("ranks by kg CO2e saved per year from the user's own last 12 months, with a reason", async () => {
    const u = await insertUser(t.db);
    const other = await insertUser(t.db);
    await insertEmission(t.db, {
      userId: u,
      kg: 400,
      at: '2024-01-10T00:00:00Z',
      category: 'transportation',
    });
    await insertEmission(t.db, {
      userId: u,
      kg: 200,
      at: '2023-07-01T00:00:00Z',
      category: 'transportation',
    });
    await insertEmission(t.db, {
      userId: u,
      kg: 300,
      at: '2024-06-30T11:59:59Z',
      category: 'energy',
    });
    await insertEmission(t.db, {
      userId: u,
      kg: 100,
      at: '2024-03-01T00:00:00Z',
      category: 'food',
    });
    await insertEmission(t.db, {
      userId: u,
      kg: 5000,
      at: '2023-06-30T11:59:59Z',
      category: 'waste',
    }); // older than 12 months
    await insertEmission(t.db, {
      userId: other,
      kg: 9999,
      at: '2024-03-01T00:00:00Z',
      category: 'waste',
    });
    const ranked = await rankRecommendations(t.db, { userId: u }, all, NOW);

    expect(
      ranked.slice(0, 4).map((r) => [r.data.slug, r.estimated_kg_co2e_saved_per_year]),
    ).toEqual([
      ['transportation.choose-electric-car', 360], // 600 x 60%
      ['transportation.choose-hybrid-car', 138], // 600 x 23%
      ['energy.renewable-electricity', 120], // 300 x 40%, ties with 600 x 20%: higher % first
      ['transportation.public-transport-commute', 120],
    ]);
    // 300 x 30% (heat pump, rooftop solar: by id) ties with 600 x 15% (work from home): higher % first
    const nineties = ranked.slice(4, 7);
    expect(nineties.map((r) => r.estimated_kg_co2e_saved_per_year)).toEqual([90, 90, 90]);
    expect(nineties.map((r) => r.data.slug)).toEqual([
      ...['energy.heat-pump', 'energy.rooftop-solar'].sort((a, b) => (rid(a) < rid(b) ? -1 : 1)),
      'transportation.work-from-home',
    ]);
    expect(ranked.map((r) => r.rank)).toEqual(ranked.map((_, i) => i + 1));
    for (let i = 1; i < ranked.length; i++) {
      expect(ranked[i - 1]!.estimated_kg_co2e_saved_per_year).toBeGreaterThanOrEqual(
        ranked[i]!.estimated_kg_co2e_saved_per_year,
      );
    }
    expect(ranked[0]).toMatchObject({
      category_share_pct: 60,
      category_annual_kg: 600,
      reason:
        'Transportation is 60% of your footprint over the last 12 months (600.0 kg CO2e); ' +
        'it typically cuts transportation emissions by about 60%, about 360.0 kg CO2e a year.',
      seen: false,
      acted_on: false,
    });
    const waste = ranked.find((r) => r.category === 'waste');
    expect(waste).toMatchObject({ category_share_pct: 0, estimated_kg_co2e_saved_per_year: 0 });
    expect(waste?.reason).toMatch(/^You logged no waste emissions in the last 12 months/);
  });

  it('counts road-vehicle trips filed under travel as transportation; flights stay travel', async () => {
    const u = await insertUser(t.db);
    const trip = { userId: u, at: '2024-05-01T00:00:00Z', category: 'travel' };
    await insertEmission(t.db, { ...trip, kg: 30, factorKey: 'travel.car.average.petrol.km.gb' });
    await insertEmission(t.db, {
      ...trip,
      kg: 10,
      factorKey: 'travel_wtt.taxi.regular.passenger_km.gb',
    });
    await insertEmission(t.db, {
      ...trip,
      kg: 60,
      factorKey: 'flight.long_haul.economy.with_rf.passenger_km.gb',
    });
    const ranked = await rankRecommendations(t.db, { userId: u }, all, NOW);
    expect(ranked.find((r) => r.category === 'transportation')).toMatchObject({
      category_annual_kg: 40,
      category_share_pct: 40,
    });
    expect(ranked.find((r) => r.category === 'travel')).toMatchObject({ category_annual_kg: 60 });
  });

  it('puts recommendations already acted on last and reflects seen and acted_on', async () => {
    const u = await insertUser(t.db);
    await insertEmission(t.db, {
      userId: u,
      kg: 1000,
      at: '2024-05-01T00:00:00Z',
      category: 'transportation',
    });
    await markRecommendation(
      t.db,
      { userId: u },
      rid('transportation.choose-electric-car'),
      'acted_on',
      NOW,
    );
    await markRecommendation(
      t.db,
      { userId: u },
      rid('transportation.choose-hybrid-car'),
      'seen',
      NOW,
    );
    const ranked = await rankRecommendations(t.db, { userId: u }, all, NOW);
    expect(ranked[0]).toMatchObject({
      data: { slug: 'transportation.choose-hybrid-car' },
      seen: true,
      acted_on: false,
    });
    expect(ranked.at(-1)).toMatchObject({
      data: { slug: 'transportation.choose-electric-car' },
      seen: true,
      acted_on: true,
    });
    expect(ranked.at(-1)?.reason).toMatch(/^You have already acted on this\./);
  });

  it('without any footprint ranks by the typical reduction and asks the user to log activities', async () => {
    const u = await insertUser(t.db);
    const ranked = await rankRecommendations(t.db, { userId: u }, all, NOW);
    expect(ranked[0]).toMatchObject({
      data: { slug: 'transportation.choose-electric-car' },
      category_share_pct: null,
      estimated_kg_co2e_saved_per_year: 0,
    });
    expect(ranked[1]).toMatchObject({ data: { slug: 'food.plant-rich-diet' } });
    expect(ranked[0]?.reason).toMatch(/^Log your activities to personalise this/);
  });

  it('filters by category and limits the list', async () => {
    const u = await insertUser(t.db);
    const q = RecommendationListQuerySchema.parse({ category: 'food', limit: '3' });
    const ranked = await rankRecommendations(t.db, { userId: u }, q, NOW);
    expect(ranked).toHaveLength(3);
    expect(ranked.every((r) => r.category === 'food')).toBe(true);
  });
});

describe('seen and acted_on', () => {
  it('upserts one row per user and recommendation; acted on implies seen; unknown ids are 404', async () => {
    const u = await insertUser(t.db);
    const id = rid('food.cut-food-waste');
    const seen = await markRecommendation(t.db, { userId: u }, id, 'seen', NOW);
    expect(seen).toMatchObject({
      message: 'Recommendation marked as seen',
      seen: true,
      acted_on: false,
    });
    const acted = await markRecommendation(t.db, { userId: u }, id, 'acted_on', NOW);
    expect(acted).toMatchObject({
      seen: true,
      acted_on: true,
      user_recommendation_id: seen.user_recommendation_id,
    });
    const again = await markRecommendation(t.db, { userId: u }, id, 'seen', NOW);
    expect(again).toMatchObject({ seen: true, acted_on: true });
    const rows = await t.db.query('SELECT 1 FROM user_recommendations WHERE user_id = $1', [u]);
    expect(rows).toHaveLength(1);
    await expect(
      markRecommendation(t.db, { userId: u }, '0190c1d2-7e4b-7c3a-9f10-2b3c4d5e6f70', 'seen', NOW),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('acting on a recommendation awards the "Taking Action" achievement', async () => {
    const u = await insertUser(t.db);
    await markRecommendation(
      t.db,
      { userId: u },
      rid('waste.compost-food-scraps'),
      'acted_on',
      NOW,
    );
    const held = await t.db.query(
      'SELECT achievement_id FROM user_achievements WHERE user_id = $1',
      [u],
    );
    expect(held).toEqual([{ achievement_id: catalogUuid('achievement', 'acted-on-1') }]);
  });
});
