import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GoalCreateRequestSchema } from '@eco-track/shared-schema';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { evaluateAchievements, listAchievements, listUserAchievements } from './achievements.ts';
import { joinChallenge } from './challenges.ts';
import { catalogUuid, insertChallenge, insertEmission, insertUser } from './emission-fixtures.ts';
import { createGoal } from './goals.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});

const NOW = { now: new Date('2024-06-30T12:00:00Z') };
const slugsOf = (rows: { achievement_id: string }[], ...slugs: string[]) => {
  const ids = new Set(rows.map((r) => r.achievement_id));
  return slugs.filter((s) => ids.has(catalogUuid('achievement', s)));
};

describe('awarding', () => {
  it('awards "First Step" for the first activity, once', async () => {
    const u = await insertUser(t.db);
    expect((await evaluateAchievements(t.db, u, NOW)).awarded).toEqual([]);
    await insertEmission(t.db, { userId: u, kg: 3, at: '2024-06-01T00:00:00Z' });
    const first = await evaluateAchievements(t.db, u, NOW);
    expect(first.awarded.map((a) => a.achievement.achievement_name)).toEqual(['First Step']);
    expect(first.awarded[0]).toMatchObject({ user_id: u, timestamp: '2024-06-30T12:00:00.000Z' });
    expect((await evaluateAchievements(t.db, u, NOW)).awarded).toEqual([]);
  });

  it('measures the longest streak of consecutive UTC days', async () => {
    const u = await insertUser(t.db);
    for (const day of ['2024-05-01', '2024-05-02', '2024-05-04', '2024-05-05', '2024-05-06']) {
      await insertEmission(t.db, { userId: u, kg: 1, at: `${day}T23:30:00Z` });
    }
    await insertEmission(t.db, { userId: u, kg: 1, at: '2024-05-06T00:10:00Z' }); // same day twice
    const ev = await evaluateAchievements(t.db, u, NOW);
    expect(ev.stats).toMatchObject({ activity_count: 6, streak_days: 3, categories_logged: 1 });
    expect(slugsOf(ev.awarded, 'streak-3', 'streak-7')).toEqual(['streak-3']);
  });

  it('counts categories logged', async () => {
    const u = await insertUser(t.db);
    for (const category of ['food', 'energy', 'waste']) {
      await insertEmission(t.db, { userId: u, kg: 1, at: '2024-05-01T00:00:00Z', category });
    }
    const ev = await evaluateAchievements(t.db, u, NOW);
    expect(slugsOf(ev.awarded, 'categories-3', 'categories-7')).toEqual(['categories-3']);
  });

  it('awards goal completion and the kg reduced across finished percentage goals', async () => {
    const u = await insertUser(t.db);
    await insertEmission(t.db, { userId: u, kg: 100, at: '2024-04-10T00:00:00Z' });
    await insertEmission(t.db, { userId: u, kg: 80, at: '2024-05-10T00:00:00Z' });
    const goal = GoalCreateRequestSchema.parse({
      goal_type: 'Reduce Carbon Footprint',
      target_value: 10,
      unit: '%',
      start_date: '2024-05-01',
      end_date: '2024-05-30', // 30 days; baseline 2024-04-01 .. 2024-04-30
    });
    await createGoal(t.db, { userId: u }, goal, { now: new Date('2024-05-15T00:00:00Z') });
    const ev = await evaluateAchievements(t.db, u, NOW);
    expect(ev.stats).toMatchObject({ goals_completed: 1, total_reduction_kg: 20 });
    expect(slugsOf(ev.awarded, 'goal-completed-1', 'reduction-10kg', 'reduction-100kg')).toEqual([
      'goal-completed-1',
      'reduction-10kg',
    ]);
    // the goal row itself was brought up to date by the evaluation
    const [row] = await t.db.query('SELECT status FROM goals WHERE user_id = $1', [u]);
    expect(row).toEqual({ status: 'completed' });
  });

  it('awards challenge completion (and the challenge its points)', async () => {
    const u = await insertUser(t.db);
    const id = await insertChallenge(t.db, {
      start: '2024-06-01',
      end: '2024-06-30',
      points: 25,
      criteria: { type: 'log_days', days: 2 },
    });
    await joinChallenge(t.db, { userId: u }, id, { now: new Date('2024-06-02T00:00:00Z') });
    await insertEmission(t.db, { userId: u, kg: 1, at: '2024-06-05T00:00:00Z' });
    await insertEmission(t.db, { userId: u, kg: 1, at: '2024-06-07T00:00:00Z' });
    const ev = await evaluateAchievements(t.db, u, NOW);
    expect(ev.challenges[0]).toMatchObject({ status: 'completed', points_awarded: 25 });
    expect(slugsOf(ev.awarded, 'challenge-completed-1')).toEqual(['challenge-completed-1']);
  });

  it('never revokes an award', async () => {
    const u = await insertUser(t.db);
    const a = await insertEmission(t.db, { userId: u, kg: 1, at: '2024-06-01T00:00:00Z' });
    await evaluateAchievements(t.db, u, NOW);
    await t.db.query('DELETE FROM activities WHERE activity_id = $1', [a]);
    const held = await listUserAchievements(t.db, { userId: u }, NOW);
    expect(held.map((h) => h.achievement.achievement_name)).toEqual(['First Step']);
  });
});

describe('listing', () => {
  it("lists the catalogue, and the user's achievements (evaluated on read) with their details", async () => {
    const catalogue = await listAchievements(t.db);
    expect(catalogue.length).toBeGreaterThanOrEqual(15);
    expect(catalogue.map((a) => a.points)).toEqual(
      [...catalogue.map((a) => a.points)].sort((x, y) => x - y),
    );
    const u = await insertUser(t.db);
    await insertEmission(t.db, { userId: u, kg: 1, at: '2024-06-01T00:00:00Z' });
    const mine = await listUserAchievements(t.db, { userId: u }, NOW);
    expect(mine).toEqual([
      {
        user_achievement_id: expect.any(String),
        user_id: u,
        achievement_id: catalogUuid('achievement', 'first-activity'),
        timestamp: '2024-06-30T12:00:00.000Z',
        achievement: {
          achievement_id: catalogUuid('achievement', 'first-activity'),
          achievement_name: 'First Step',
          description: 'Log your first activity.',
          points: 10,
          criteria: { type: 'activity_count', count: 1 },
        },
      },
    ]);
  });
});
