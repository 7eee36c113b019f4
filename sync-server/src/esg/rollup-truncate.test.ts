import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../db/types.ts';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { addMember, insertEmissions, insertOrg, insertUser } from './test-fixtures.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.drop());

/** Everything the ESG and leaderboard rollups hold, in a stable order. */
async function rollups(db: Queryable) {
  return {
    esg: await db.query(
      `SELECT owner_kind, owner_id, day::text, factor_key, activity_count::text, trim_scale(co2e_kg)::text AS co2e_kg
         FROM esg_emission_rollup ORDER BY 1, 2, 3, 4`,
    ),
    periods: await db.query(
      `SELECT kind, period_start::text, user_id, points::text, trim_scale(co2e_kg)::text AS co2e_kg,
              activity_count::text, trim_scale(baseline_rate)::text AS baseline_rate, baseline_first_day::text
         FROM leaderboard_user_period ORDER BY 1, 2, 3`,
    ),
    baselines: await db.query(
      'SELECT user_id, first_day::text, trim_scale(baseline_kg)::text AS baseline_kg FROM leaderboard_user_baseline ORDER BY 1',
    ),
  };
}

class RolledBack extends Error {}

describe('a TRUNCATE of the emissions (migration 0050)', () => {
  it('leaves the rollups as deleting every emission would, points kept', async () => {
    const db = t.db;
    const ada = await insertUser(db, { optIn: true });
    const bo = await insertUser(db, { optIn: true });
    const org = await insertOrg(db);
    await addMember(db, org, ada, 'owner');
    const challengeId = randomUUID();
    await db.query(
      `INSERT INTO challenges (challenge_id, challenge_name, start_date, end_date, reward_points)
       VALUES ($1::uuid, 'Car-free week', '2024-01-01', '2024-12-31', 50)`,
      [challengeId],
    );
    await db.query(
      `INSERT INTO user_challenges (user_id, challenge_id, status, points_awarded, start_date, end_date)
       VALUES ($1::uuid, $2::uuid, 'completed', 50, '2024-05-02', '2024-05-09')`,
      [bo, challengeId],
    );
    await insertEmissions(db, [
      { userId: ada, timestamp: '2024-05-01T08:00:00Z', scope: '1', co2e: '12.5' },
      { userId: ada, orgId: org, timestamp: '2024-05-03T23:59:59Z', scope: '2', co2e: '3.25' },
      { userId: bo, timestamp: '2024-05-02T10:00:00Z', scope: '3', scope3Category: 6, co2e: '7' },
      { userId: bo, timestamp: '2024-06-20T10:00:00Z', scope: '1', co2e: '0.001' },
    ]);
    const before = await rollups(db);
    expect(before.esg).toHaveLength(4);
    expect(before.baselines).toHaveLength(2);

    // Deleting every row, rolled back: what the truncation must leave.
    let deleted: Awaited<ReturnType<typeof rollups>> | undefined;
    await db
      .transaction(async (tx) => {
        await tx.query('DELETE FROM activities');
        deleted = await rollups(tx);
        throw new RolledBack();
      })
      .catch((err: unknown) => {
        if (!(err instanceof RolledBack)) throw err;
      });
    expect(await rollups(db)).toEqual(before);

    await db.query('TRUNCATE activities CASCADE');
    const truncated = await rollups(db);
    expect(truncated).toEqual(deleted);
    expect(truncated.esg).toEqual([]);
    expect(truncated.baselines).toEqual([]);
    // Bo's challenge points are still on the leaderboard, with no CO2e.
    expect(truncated.periods.filter((p) => p.user_id === bo && p.kind === 'a')).toEqual([
      expect.objectContaining({ points: '50', co2e_kg: '0', activity_count: '0' }),
    ]);

    // Logging again after the truncation counts from zero.
    await insertEmissions(db, [
      { userId: ada, timestamp: '2024-07-01T09:00:00Z', scope: '1', co2e: '2' },
    ]);
    const after = await rollups(db);
    expect(after.esg).toEqual([
      expect.objectContaining({
        owner_kind: 'u',
        owner_id: ada,
        activity_count: '1',
        co2e_kg: '2',
      }),
    ]);
    expect(after.baselines).toEqual([{ user_id: ada, first_day: '2024-07-01', baseline_kg: '2' }]);
  });
});
