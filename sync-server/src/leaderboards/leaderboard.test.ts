import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { LeaderboardQuerySchema } from '@eco-track/shared-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Call } from '../api/api-test-kit.ts';
import type { Queryable } from '../db/types.ts';
import { addMember, insertEmissions, insertOrg, insertUser } from '../esg/test-fixtures.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { getLeaderboard } from './leaderboard.ts';
import { windowBucket } from './windows.ts';

let t: TestApp;
let call: Call;
beforeAll(async () => {
  t = await createTestApp();
  call = client(t);
});
afterAll(async () => t.close());

const NOW = new Date('2024-06-20T12:00:00Z'); // a Thursday
const q = (over: Record<string, unknown>) => LeaderboardQuerySchema.parse(over);

async function challenge(db: Queryable, points = 100): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO challenges (challenge_id, challenge_name, start_date, end_date, reward_points)
     VALUES ($1::uuid, $2, '2024-01-01', '2024-12-31', $3::int)`,
    [id, `Challenge ${id.slice(0, 6)}`, points],
  );
  return id;
}
async function achievement(db: Queryable, points: number): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO achievements (achievement_id, achievement_name, points) VALUES ($1::uuid, $2, $3::int)`,
    [id, `Achievement ${id.slice(0, 6)}`, points],
  );
  return id;
}
async function complete(
  db: Queryable,
  userId: string,
  challengeId: string,
  points: number,
  at: string,
) {
  await db.query(
    `INSERT INTO user_challenges (user_id, challenge_id, status, points_awarded, start_date, end_date)
     VALUES ($1::uuid, $2::uuid, 'completed', $3::int, $4::timestamptz, $4::timestamptz)`,
    [userId, challengeId, points, at],
  );
}
async function award(db: Queryable, userId: string, achievementId: string, at: string) {
  await db.query(
    `INSERT INTO user_achievements (user_id, achievement_id, "timestamp") VALUES ($1::uuid, $2::uuid, $3::timestamptz)`,
    [userId, achievementId, at],
  );
}

describe('windows', () => {
  it('are the current ISO week, calendar month and all time, in UTC', () => {
    expect(windowBucket('weekly', NOW)).toMatchObject({
      kind: 'w',
      periodStart: '2024-06-17',
      elapsedDays: 4,
    });
    expect(windowBucket('monthly', NOW)).toMatchObject({
      kind: 'm',
      periodStart: '2024-06-01',
      elapsedDays: 20,
    });
    expect(windowBucket('all_time', NOW)).toMatchObject({ kind: 'a', from: null });
    expect(windowBucket('weekly', new Date('2024-06-17T00:00:00Z')).periodStart).toBe('2024-06-17');
    expect(windowBucket('weekly', new Date('2024-06-16T23:59:59Z')).periodStart).toBe('2024-06-10');
  });
});

describe('points ranking', () => {
  it('adds challenge and achievement points earned in the window; ties share a rank', async () => {
    const db = t.db;
    const c1 = await challenge(db);
    const a1 = await achievement(db, 25);
    const ann = await insertUser(db, { displayName: 'Ann', optIn: true });
    const bob = await insertUser(db, { displayName: 'Bob', optIn: true });
    const cat = await insertUser(db, { displayName: 'Cat', optIn: true });
    await complete(db, ann, c1, 100, '2024-06-18T10:00:00Z');
    await award(db, ann, a1, '2024-06-19T10:00:00Z');
    await complete(db, bob, c1, 100, '2024-06-18T09:00:00Z');
    await award(db, bob, a1, '2024-05-02T10:00:00Z'); // last month: not this week
    await complete(db, cat, c1, 100, '2024-06-01T10:00:00Z');
    await award(db, cat, a1, '2024-06-02T10:00:00Z');

    const org = await insertOrg(db);
    for (const u of [ann, bob, cat]) await addMember(db, org, u, 'member');
    const weekly = await getLeaderboard(
      db,
      ann,
      q({ scope: 'org', id: org, window: 'weekly' }),
      NOW,
    );
    expect(weekly.entries.map((e) => [e.rank, e.display_name, e.points])).toEqual([
      [1, 'Ann', 125],
      [2, 'Bob', 100],
    ]);
    expect(weekly.me).toMatchObject({ rank: 1, listed: true, is_me: true });
    const monthly = await getLeaderboard(
      db,
      ann,
      q({ scope: 'org', id: org, window: 'monthly' }),
      NOW,
    );
    // ties share a rank (listed in a stable order among themselves)
    const byRankThenName = (a: unknown[], b: unknown[]) =>
      Number(a[0]) - Number(b[0]) || String(a[1]).localeCompare(String(b[1]));
    expect(
      monthly.entries.map((e) => [e.rank, e.display_name, e.points]).sort(byRankThenName),
    ).toEqual([
      [1, 'Ann', 125],
      [1, 'Cat', 125],
      [3, 'Bob', 100],
    ]);
    const all = await getLeaderboard(
      db,
      ann,
      q({ scope: 'org', id: org, window: 'all_time' }),
      NOW,
    );
    expect(all.entries.map((e) => e.points)).toEqual([125, 125, 125]);
    expect(all.entries.map((e) => e.rank)).toEqual([1, 1, 1]);

    // the catalogue raises an achievement's points: holders follow
    await db.query('UPDATE achievements SET points = 50 WHERE achievement_id = $1::uuid', [a1]);
    const raised = await getLeaderboard(
      db,
      ann,
      q({ scope: 'org', id: org, window: 'all_time' }),
      NOW,
    );
    expect(raised.entries.map((e) => e.points)).toEqual([150, 150, 150]);
    // opting out hides every row at once; the user still sees where they would stand
    await db.query('UPDATE users SET leaderboard_opt_in = false WHERE user_id = $1::uuid', [bob]);
    const hidden = await getLeaderboard(
      db,
      bob,
      q({ scope: 'org', id: org, window: 'weekly' }),
      NOW,
    );
    expect(hidden.entries.map((e) => e.display_name)).toEqual(['Ann']);
    expect(hidden.me).toMatchObject({ rank: 2, listed: false, points: 100 });
    await db.query('UPDATE users SET leaderboard_opt_in = true WHERE user_id = $1::uuid', [bob]);
    // a challenge leaderboard counts that challenge's points only
    const ch = await getLeaderboard(
      db,
      ann,
      q({ scope: 'challenge', id: c1, window: 'weekly' }),
      NOW,
    );
    expect(ch.entries.map((e) => [e.display_name, e.points]).sort()).toEqual([
      ['Ann', 100],
      ['Bob', 100],
    ]);
  });
});

describe('reduction ranking', () => {
  it('ranks by % below the user’s first 30 days, and skips users without a complete baseline', async () => {
    const db = t.db;
    const org = await insertOrg(db);
    const mk = async (name: string) => {
      const id = await insertUser(db, { displayName: name, optIn: true });
      await addMember(db, org, id, 'member');
      return id;
    };
    const dana = await mk('Dana');
    const eli = await mk('Eli');
    const fay = await mk('Fay');
    const daily = (userId: string, from: string, days: number, kg: string) =>
      Array.from({ length: days }, (_, i) => ({
        userId,
        timestamp: new Date(Date.parse(`${from}T12:00:00Z`) + i * 86_400_000).toISOString(),
        scope: '1' as const,
        co2e: kg,
      }));
    await insertEmissions(db, [
      ...daily(dana, '2024-04-01', 30, '10'),
      ...daily(dana, '2024-06-01', 20, '5'),
      ...daily(eli, '2024-04-01', 30, '10'),
      ...daily(eli, '2024-06-01', 20, '12'),
      ...daily(fay, '2024-06-10', 5, '1'),
    ]);
    const monthly = await getLeaderboard(
      db,
      fay,
      q({ scope: 'org', id: org, window: 'monthly', rank_by: 'reduction' }),
      NOW,
    );
    expect(
      monthly.entries.map((e) => [
        e.rank,
        e.display_name,
        Math.round((e.reduction_pct ?? NaN) * 1000) / 1000,
      ]),
    ).toEqual([
      [1, 'Dana', 50],
      [2, 'Eli', -20],
    ]);
    expect(monthly.me).toBeNull(); // Fay's baseline is not complete
    const all = await getLeaderboard(
      db,
      dana,
      q({ scope: 'org', id: org, window: 'all_time', rank_by: 'reduction' }),
      NOW,
    );
    // after the baseline (1 May to 20 June, 51 days): 100 kg → 1.96 kg/day against 10
    expect(all.entries[0]?.reduction_pct).toBeCloseTo((1 - 100 / 51 / 10) * 100, 9);
    // deleting baseline days moves the baseline (rollup follows deletes)
    await db.query(
      `DELETE FROM activities WHERE user_id = $1::uuid AND "timestamp" < '2024-04-16T00:00:00Z'`,
      [dana],
    );
    const [b] = await db.query<{ first_day: string; baseline_kg: number }>(
      'SELECT first_day, baseline_kg FROM leaderboard_user_baseline WHERE user_id = $1::uuid',
      [dana],
    );
    expect(b).toEqual({ first_day: '2024-04-16', baseline_kg: 150 });
  });
});

describe('privacy', () => {
  it('a user who has not opted in never appears in a global list (property)', async () => {
    const db = t.db;
    const c = await challenge(db, 10);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ optIn: fc.boolean(), points: fc.integer({ min: 0, max: 500 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.constantFrom('weekly', 'monthly', 'all_time'),
        fc.constantFrom('points', 'reduction'),
        async (users, window, rankBy) => {
          const made: { id: string; optIn: boolean; name: string }[] = [];
          for (const u of users) {
            const name = `P-${randomUUID().slice(0, 8)}`;
            const id = await insertUser(db, { displayName: name, optIn: u.optIn });
            made.push({ id, optIn: u.optIn, name });
            const cid = await challenge(db, u.points);
            if (u.points > 0) await complete(db, id, cid, u.points, new Date().toISOString());
            await db.query(
              `INSERT INTO user_challenges (user_id, challenge_id) VALUES ($1::uuid, $2::uuid)`,
              [id, c],
            );
          }
          const hidden = new Set(made.filter((m) => !m.optIn).map((m) => m.name));
          for (const viewer of made) {
            for (const scope of ['global', 'challenge'] as const) {
              const board = await getLeaderboard(
                db,
                viewer.id,
                q({
                  scope,
                  id: scope === 'challenge' ? c : undefined,
                  window,
                  rank_by: rankBy,
                  limit: 200,
                }),
              );
              for (const e of board.entries) {
                expect(hidden.has(e.display_name)).toBe(false);
                expect(Object.keys(e).sort()).toEqual([
                  'display_name',
                  'is_me',
                  'points',
                  'rank',
                  'reduction_pct',
                ]);
              }
              if (board.me && !viewer.optIn) expect(board.me.listed).toBe(false);
            }
          }
        },
      ),
      { numRuns: 8 },
    );
  });

  it('answers over HTTP: anonymous 401, bad query 422, an org you are not in 404', async () => {
    const me = await insertUser(t.db, { displayName: 'Me' });
    const token = await t.token(me);
    const org = await insertOrg(t.db);
    expect((await call('GET', '/api/v1/leaderboards')).status).toBe(401);
    expect((await call('GET', '/api/v1/leaderboards?scope=org', { token })).status).toBe(422);
    expect((await call('GET', '/api/v1/leaderboards?window=yearly', { token })).status).toBe(422);
    expect((await call('GET', `/api/v1/leaderboards?scope=org&id=${org}`, { token })).status).toBe(
      404,
    );
    expect(
      (await call('GET', `/api/v1/leaderboards?scope=challenge&id=${randomUUID()}`, { token }))
        .status,
    ).toBe(404);
    const ok = await call('GET', '/api/v1/leaderboards?scope=global&window=all_time', { token });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ scope: 'global', window: 'all_time', rank_by: 'points' });
  });
});
