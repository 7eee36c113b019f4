/**
 * Cost of the per-write evaluation (evaluateAchievements, without goals and with two year-long
 * goals, whose progress it measures) and of a yearly footprint report for one heavy user, next to
 * a bare SUM over the same rows in the same run. Prints numbers only.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx sync-server/bench/engagement-bench.ts [activities]
 *
 * Without DATABASE_URL it runs on an in-memory PGlite.
 */
import { performance } from 'node:perf_hooks';
import { activityFigures } from '../src/services/achievement-stats.ts';
import { evaluateAchievements } from '../src/services/achievements.ts';
import { insertUser } from '../src/services/emission-fixtures.ts';
import { buildFootprintData } from '../src/services/reports.ts';
import { rankRecommendations } from '../src/services/recommendations.ts';
import { createTestDb } from '../src/testing/test-db.ts';

const N = Number(process.argv[2] ?? 100_000);
const RUNS = 15;

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; min: number }> {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(ms.length / 2)] ?? 0, min: ms[0] ?? 0 };
}

const t = await createTestDb();
try {
  const userId = await insertUser(t.db, 'bench');
  // N activities spread over two years, one emission each, in a few bulk statements.
  await t.db.query(
    `WITH g AS (SELECT i, gen_random_uuid() AS aid,
                       timestamptz '2024-01-01' + (i % 730) * interval '1 day' + (i % 24) * interval '1 hour' AS ts,
                       (ARRAY['transportation','energy','food','purchase','waste','travel','other'])[1 + i % 7] AS cat
                  FROM generate_series(1, $2::int) AS i),
          a AS (INSERT INTO activities (activity_id, user_id, activity_type, category, amount, unit, "timestamp")
                SELECT aid, $1::uuid, 'Bench', cat, 1, 'kg', ts FROM g RETURNING activity_id)
     INSERT INTO emissions (emission_id, activity_id, user_id, co2_equivalent, co2_kg, ch4_kg, n2o_kg,
       co2e_basis, factor_key, factor_year, factor_source, gwp_set, scope, category, converted_amount,
       factor_unit, derivation, "timestamp")
     SELECT gen_random_uuid(), aid, $1::uuid, (i % 97) / 7.0, 1, 0, 0, 'source_co2e', 'bench', 2024,
            'bench', 'AR5', '1', cat, 1, 'kg', 'bench', ts FROM g`,
    [userId, N],
  );
  await t.db.exec('ANALYZE');
  const now = { now: new Date('2025-12-31T12:00:00Z') };
  // Every figure computed, as for a user who has earned nothing yet (the worst case).
  const figures = await time(() =>
    activityFigures(t.db, userId, {
      activityCountUpTo: 500,
      streak: true,
      categories: true,
      actedOn: true,
    }),
  );
  const evaluation = await time(() => evaluateAchievements(t.db, userId, now));
  // A year-long reduction goal (baseline: the year before) and a year-long budget.
  for (const [unit, target] of [
    ['%', 10],
    ['kg CO2e', 50_000],
  ] as const) {
    await t.db.query(
      `INSERT INTO goals (goal_id, user_id, goal_type, description, target_value, unit, start_date,
         end_date, status)
       VALUES (gen_random_uuid(), $1::uuid, 'Reduce Carbon Footprint', 'bench', $2, $3,
         '2025-01-01', '2025-12-31', 'active')`,
      [userId, target, unit],
    );
  }
  const withGoals = await time(() => evaluateAchievements(t.db, userId, now));
  const report = await time(() =>
    buildFootprintData(t.db, { userId }, '2025-01-01', '2025-12-31', now.now),
  );
  const ranking = await time(() => rankRecommendations(t.db, { userId }, {}, now));
  const bare = await time(() =>
    t.db.query(
      `SELECT category, SUM(co2_equivalent) FROM emissions
        WHERE user_id = $1 AND "timestamp" >= '2025-01-01' AND "timestamp" < '2026-01-01'
        GROUP BY category`,
      [userId],
    ),
  );
  const db = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const fmt = (x: { p50: number; min: number }) =>
    `p50 ${x.p50.toFixed(1)} ms (min ${x.min.toFixed(1)})`;
  console.log(`engagement bench on ${db}, one user with ${N} activities, ${RUNS} runs each`);
  console.log(`  all activity figures (nothing earned):  ${fmt(figures)}`);
  console.log(`  evaluateAchievements (per write/batch): ${fmt(evaluation)}`);
  console.log(`  the same with two year-long goals:      ${fmt(withGoals)}`);
  console.log(`  yearly footprint report data:           ${fmt(report)}`);
  console.log(`  recommendations ranking:                ${fmt(ranking)}`);
  console.log(`  bare SUM ... GROUP BY category, 1 year: ${fmt(bare)}`);
  console.log(`  report / bare ratio: ${(report.p50 / bare.p50).toFixed(2)}`);
} finally {
  await t.drop();
}
