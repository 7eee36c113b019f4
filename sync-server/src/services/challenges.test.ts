import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChallengeListQuerySchema } from '@eco-track/shared-schema';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { insertChallenge, insertEmission, insertUser } from './emission-fixtures.ts';
import { joinChallenge, listChallenges, listUserChallenges } from './challenges.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});

const at = (iso: string) => ({ now: new Date(iso) });
// March 2024: 31 days, so its baseline period is 2024-01-30 .. 2024-02-29.
const MARCH = { start: '2024-03-01', end: '2024-03-31' };
const MID_MARCH = at('2024-03-16T00:00:00Z'); // 15 of 31 days elapsed
const APRIL = at('2024-04-01T00:00:00Z');

describe('challenge progress', () => {
  it('reduce_category_pct compares the elapsed part with the matching baseline days, in that category only', async () => {
    const u = await insertUser(t.db);
    const id = await insertChallenge(t.db, {
      ...MARCH,
      points: 100,
      criteria: { type: 'reduce_category_pct', category: 'transportation', pct: 20 },
    });
    await insertEmission(t.db, { userId: u, kg: 100, at: '2024-02-01T00:00:00Z' }); // baseline day 3
    await insertEmission(t.db, { userId: u, kg: 400, at: '2024-02-20T00:00:00Z' }); // baseline day 22: not yet comparable
    await insertEmission(t.db, { userId: u, kg: 90, at: '2024-03-05T00:00:00Z' });
    await insertEmission(t.db, {
      userId: u,
      kg: 999,
      at: '2024-03-05T00:00:00Z',
      category: 'energy',
    });
    const { userChallenge, created } = await joinChallenge(t.db, { userId: u }, id, MID_MARCH);
    expect(created).toBe(true);
    expect(userChallenge).toMatchObject({
      current_value: 10, // (100 - 90) / 100
      target_value: 20,
      unit: '%',
      progress: 50, // half of the 20% target
      status: 'active',
      points_awarded: 0,
      end_date: null,
    });
    // After the end: baseline 500, March 90 → 82% reduction ≥ 20% → completed with the points.
    const [done] = await listUserChallenges(t.db, { userId: u }, APRIL);
    expect(done).toMatchObject({
      current_value: 82,
      progress: 100,
      status: 'completed',
      points_awarded: 100,
      end_date: '2024-04-01T00:00:00.000Z',
    });
  });

  it('reduce_total_pct without baseline emissions has no progress and fails at the end', async () => {
    const u = await insertUser(t.db);
    const id = await insertChallenge(t.db, {
      ...MARCH,
      criteria: { type: 'reduce_total_pct', pct: 10 },
    });
    await insertEmission(t.db, { userId: u, kg: 5, at: '2024-03-02T00:00:00Z' });
    const joined = await joinChallenge(t.db, { userId: u }, id, MID_MARCH);
    expect(joined.userChallenge).toMatchObject({
      current_value: null,
      progress: 0,
      status: 'active',
    });
    const [done] = await listUserChallenges(t.db, { userId: u }, APRIL);
    expect(done).toMatchObject({
      status: 'failed',
      points_awarded: 0,
      end_date: '2024-04-01T00:00:00.000Z',
    });
  });

  it('log_days counts distinct UTC days and completes as soon as the target is reached', async () => {
    const u = await insertUser(t.db);
    const id = await insertChallenge(t.db, {
      ...MARCH,
      points: 30,
      criteria: { type: 'log_days', days: 3 },
    });
    await insertEmission(t.db, { userId: u, kg: 1, at: '2024-03-02T08:00:00Z' });
    await insertEmission(t.db, { userId: u, kg: 1, at: '2024-03-02T23:59:59Z' }); // same day
    await insertEmission(t.db, { userId: u, kg: 1, at: '2024-03-03T00:00:00Z' });
    await insertEmission(t.db, { userId: u, kg: 1, at: '2024-02-29T12:00:00Z' }); // before the challenge
    const joined = await joinChallenge(t.db, { userId: u }, id, MID_MARCH);
    expect(joined.userChallenge).toMatchObject({
      current_value: 2,
      progress: 66.67,
      status: 'active',
    });
    await insertEmission(t.db, { userId: u, kg: 1, at: '2024-03-10T00:00:00Z' });
    const [done] = await listUserChallenges(t.db, { userId: u }, MID_MARCH);
    expect(done).toMatchObject({
      current_value: 3,
      progress: 100,
      status: 'completed',
      points_awarded: 30,
    });
  });

  it('max_kg fails as soon as the cap is passed, and completes at the end otherwise', async () => {
    const under = await insertUser(t.db);
    const over = await insertUser(t.db);
    const id = await insertChallenge(t.db, {
      ...MARCH,
      points: 40,
      criteria: { type: 'max_kg', kg: 50, category: 'travel' },
    });
    await insertEmission(t.db, {
      userId: under,
      kg: 50,
      at: '2024-03-03T00:00:00Z',
      category: 'travel',
    });
    await insertEmission(t.db, {
      userId: under,
      kg: 500,
      at: '2024-03-03T00:00:00Z',
      category: 'food',
    });
    await insertEmission(t.db, {
      userId: over,
      kg: 50.001,
      at: '2024-03-03T00:00:00Z',
      category: 'travel',
    });
    const a = await joinChallenge(t.db, { userId: under }, id, MID_MARCH);
    const b = await joinChallenge(t.db, { userId: over }, id, MID_MARCH);
    expect(a.userChallenge).toMatchObject({ current_value: 50, status: 'active', progress: 48.39 }); // 15/31 days
    expect(b.userChallenge).toMatchObject({ current_value: 50.001, status: 'failed', progress: 0 });
    const [done] = await listUserChallenges(t.db, { userId: under }, APRIL);
    expect(done).toMatchObject({ status: 'completed', progress: 100, points_awarded: 40 });
  });

  it('a finished challenge keeps its status and points when the data changes later', async () => {
    const u = await insertUser(t.db);
    const id = await insertChallenge(t.db, {
      ...MARCH,
      points: 30,
      criteria: { type: 'log_days', days: 1 },
    });
    const activity = await insertEmission(t.db, { userId: u, kg: 1, at: '2024-03-02T00:00:00Z' });
    const joined = await joinChallenge(t.db, { userId: u }, id, MID_MARCH);
    expect(joined.userChallenge.status).toBe('completed');
    await t.db.query('DELETE FROM activities WHERE activity_id = $1', [activity]);
    const [after] = await listUserChallenges(t.db, { userId: u }, APRIL);
    expect(after).toMatchObject({ status: 'completed', points_awarded: 30, current_value: 0 });
  });
});

describe('joining and listing', () => {
  it('joins once (a second join returns the same participation) and refuses ended or unknown challenges', async () => {
    const u = await insertUser(t.db);
    const id = await insertChallenge(t.db, { ...MARCH, criteria: { type: 'log_days', days: 5 } });
    const first = await joinChallenge(t.db, { userId: u }, id, MID_MARCH);
    const second = await joinChallenge(t.db, { userId: u }, id, MID_MARCH);
    expect(second.created).toBe(false);
    expect(second.userChallenge.user_challenge_id).toBe(first.userChallenge.user_challenge_id);
    await expect(joinChallenge(t.db, { userId: u }, id, APRIL)).resolves.toMatchObject({
      created: false,
    });
    const other = await insertUser(t.db);
    await expect(joinChallenge(t.db, { userId: other }, id, APRIL)).rejects.toMatchObject({
      status: 409,
      message: 'This challenge ended on 2024-03-31; join a running one',
    });
    await expect(
      joinChallenge(t.db, { userId: u }, '0190c1d2-7e4b-7c3a-9f10-2b3c4d5e6f70', MID_MARCH),
    ).rejects.toMatchObject({ status: 404 });
    expect(await listUserChallenges(t.db, { userId: other }, APRIL)).toEqual([]);
  });

  it("lists running, upcoming or all challenges with the caller's joined flag", async () => {
    const u = await insertUser(t.db);
    const running = await insertChallenge(t.db, {
      start: '2031-05-01',
      end: '2031-05-31',
      criteria: { type: 'log_days', days: 2 },
    });
    const later = await insertChallenge(t.db, {
      start: '2031-06-01',
      end: '2031-06-30',
      criteria: { type: 'log_days', days: 2 },
    });
    await joinChallenge(t.db, { userId: u }, later, at('2031-05-10T00:00:00Z'));
    const now = at('2031-05-31T23:00:00Z');
    const q = (when: string) => ChallengeListQuerySchema.parse({ when });
    const active = await listChallenges(t.db, { userId: u }, q('active'), now);
    const upcoming = await listChallenges(t.db, { userId: u }, q('upcoming'), now);
    const all = await listChallenges(t.db, { userId: u }, q('all'), now);
    expect(active.find((c) => c.challenge_id === running)).toMatchObject({ joined: false });
    expect(active.some((c) => c.challenge_id === later)).toBe(false);
    expect(upcoming.find((c) => c.challenge_id === later)).toMatchObject({ joined: true });
    expect(all.length).toBeGreaterThanOrEqual(active.length + upcoming.length);
    const defaults = await listChallenges(
      t.db,
      { userId: u },
      ChallengeListQuerySchema.parse({}),
      now,
    );
    expect(defaults).toEqual(active);
  });
});
