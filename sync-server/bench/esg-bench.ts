/**
 * ESG and leaderboard benchmark (prints numbers; asserts nothing). Needs a real Postgres:
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) is the admin connection; the
 * bench creates its own database, seeds it with SQL generate_series, and drops it at the end.
 *
 *   1. An organisation with 1,000,000 activities and emissions over 2023-2024 (30 factors across
 *      Scopes 1, 2, 3 and 2+3, measured/estimated, spend-based): the inventory's p50/p95 next to
 *      a bare SUM ... GROUP BY scope over the same rows, and their ratio.
 *   2. 100,000 opted-in users with challenge and achievement points and emissions: leaderboard
 *      p50 for each window and ranking.
 *
 * Usage: npm run bench -w sync-server   (BENCH_ACTIVITIES / BENCH_USERS scale it down)
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { migrate } from '../src/db/migrate.ts';
import { openPostgres } from '../src/db/postgres.ts';
import type { Db } from '../src/db/types.ts';
import { computeInventory } from '../src/esg/inventory.ts';
import { getLeaderboard } from '../src/leaderboards/leaderboard.ts';
import { LeaderboardQuerySchema } from '@eco-track/shared-schema';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 1_000_000);
const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const ORG = '00000000-0000-4000-8000-00000000b0b0';
const OWNER = '00000000-0000-4000-8000-0000000000aa';

const ms = (t0: number) => performance.now() - t0;
const fmt = (x: number) => x.toFixed(1).padStart(8);

async function timeIt(
  runs: number,
  fn: () => Promise<unknown>,
): Promise<{ p50: number; p95: number }> {
  await fn(); // warm-up: plans cached, buffers loaded
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(ms(t0));
  }
  times.sort((a, b) => a - b);
  return {
    p50: times[Math.floor(times.length / 2)] ?? NaN,
    p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? NaN,
  };
}

async function step<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  console.log(`  ${label.padEnd(58)} ${(ms(t0) / 1000).toFixed(1)} s`);
  return out;
}

// 30 factor profiles: scope, Scope 3 category, key, unit, data quality share
const FACTORS = `(VALUES
  (0,'1',NULL,'stationary.natural_gas.therm.us','therm'), (1,'1',NULL,'mobile.diesel.gallon.us','gallon'),
  (2,'1',NULL,'mobile.gasoline.gallon.us','gallon'), (3,'1',NULL,'stationary.wood.short_ton.us','short_ton'),
  (4,'1',NULL,'stationary.propane.gallon.us','gallon'), (5,'1',NULL,'refrigerant.r410a.kg.global','kg'),
  (6,'2',NULL,'electricity.egrid.camx.kwh','kWh'), (7,'2',NULL,'electricity.egrid.erct.kwh','kWh'),
  (8,'2',NULL,'electricity.uk_grid.generation.kwh.gb','kWh'), (9,'2',NULL,'steam.purchased_steam_heat.mmbtu.us','mmBtu'),
  (10,'2+3',3,'electricity.uk_grid.incl_td.kwh.gb','kWh'), (11,'3',1,'spend.naics_541511.usd.us','USD'),
  (12,'3',1,'spend.naics_322230.usd.us','USD'), (13,'3',1,'food.beef_beef_herd.kg.global','kg'),
  (14,'3',2,'spend.naics_334111.usd.us','USD'), (15,'3',3,'electricity.uk_grid.wtt_generation.kwh.gb','kWh'),
  (16,'3',4,'freight.hgv.tonne_km.gb','tonne_km'), (17,'3',5,'waste.mixed_msw.landfill.short_ton.us','short_ton'),
  (18,'3',6,'flight.short_haul.economy.passenger_km.gb','passenger_km'), (19,'3',6,'flight.long_haul.economy.passenger_km.gb','passenger_km'),
  (20,'3',6,'hotel.night.gb','night'), (21,'3',6,'travel.rail.passenger_mile.us','passenger_mile'),
  (22,'3',7,'travel.car.passenger_mile.us','passenger_mile'), (23,'3',7,'travel.bus.passenger_mile.us','passenger_mile'),
  (24,'3',7,'homeworking.fte_hour.gb','fte_hour'), (25,'3',9,'freight.van.tonne_km.gb','tonne_km'),
  (26,'3',12,'waste.paper.recycled.short_ton.us','short_ton'), (27,'3',1,'spend.naics_311111.usd.us','USD'),
  (28,'1',NULL,'mobile.cng.scf.us','scf'), (29,'3',6,'taxi.km.gb','km')
) AS f(n, scope, cat, key, unit)`;

async function seedOrg(db: Db): Promise<void> {
  await db.exec(`
    INSERT INTO users (user_id, username, email, password_hash, user_type)
      VALUES ('${OWNER}', 'bench_owner', 'bench_owner@example.test', 'x', 'business');
    INSERT INTO organizations (org_id, name, join_code, employees, revenue, base_year)
      VALUES ('${ORG}', 'Bench Org', 'benchjoin', 2500, 750000000, 2023);
    INSERT INTO memberships (org_id, user_id, role) VALUES ('${ORG}', '${OWNER}', 'owner');
    INSERT INTO esg_contractual_instruments (org_id, instrument_type, certificate_scheme, period_start, period_end, regions, quantity_kwh)
      VALUES ('${ORG}', 'energy_attribute_certificate', 'REC', '2024-01-01', '2024-12-31', '{CAMX,ERCT}', 50000);`);
  // 1M activities over two years; one statement each so the statement-level rollup trigger
  // aggregates the whole batch at once.
  await step(`insert ${ACTIVITIES.toLocaleString('en-US')} activities`, () =>
    db.exec(`
      INSERT INTO activities (activity_id, user_id, org_id, activity_type, category, amount, unit,
        factor_key, data_quality, "timestamp")
      SELECT md5('a' || i)::uuid, '${OWNER}', '${ORG}', 'Bench', 'other', (i % 97) + 1, f.unit, f.key,
        CASE WHEN i % 5 = 0 THEN 'estimated' ELSE 'measured' END,
        TIMESTAMPTZ '2023-01-01 00:00:00+00' + (i % 730) * INTERVAL '1 day' + (i % 86400) * INTERVAL '1 second'
      FROM generate_series(1, ${ACTIVITIES}) AS i
      JOIN ${FACTORS} ON f.n = i % 30`),
  );
  await step(
    `insert ${ACTIVITIES.toLocaleString('en-US')} emissions (rollup triggers included)`,
    () =>
      db.exec(`
      INSERT INTO emissions (emission_id, activity_id, user_id, org_id, co2_equivalent, co2_kg, ch4_kg,
        n2o_kg, biogenic_co2_kg, co2e_basis, factor_key, factor_year, factor_source, gwp_set, scope,
        scope3_category, category, converted_amount, factor_unit, derivation, "timestamp")
      SELECT md5('e' || i)::uuid, md5('a' || i)::uuid, '${OWNER}', '${ORG}',
        round(((i % 97) + 1) * 0.731, 6), round(((i % 97) + 1) * 0.7, 6), round(((i % 97) + 1) * 0.0001, 6),
        round(((i % 97) + 1) * 0.00001, 6), CASE WHEN f.n = 3 THEN ((i % 97) + 1) * 1.8 ELSE 0 END,
        'per_gas', f.key, 2024, 'Bench factor source 2024', 'AR5', f.scope, f.cat, 'other',
        (i % 97) + 1, f.unit, 'bench',
        TIMESTAMPTZ '2023-01-01 00:00:00+00' + (i % 730) * INTERVAL '1 day' + (i % 86400) * INTERVAL '1 second'
      FROM generate_series(1, ${ACTIVITIES}) AS i
      JOIN ${FACTORS} ON f.n = i % 30`),
  );
  await step('VACUUM ANALYZE', () => db.exec('VACUUM ANALYZE'));
}

async function benchInventory(db: Db): Promise<void> {
  const period = { from: '2023-01-01', to: '2024-12-31' };
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM emissions WHERE org_id = $1::uuid`,
    [ORG],
  );
  console.log(
    `\nInventory over ${n.toLocaleString('en-US')} emissions (${period.from} to ${period.to}), ${RUNS} runs`,
  );
  // the baseline: the simplest query that answers "kg per scope" straight from the rows
  const bare = await timeIt(RUNS, () =>
    db.query(
      `SELECT scope, sum(co2_equivalent) FROM emissions
       WHERE org_id = $1::uuid AND "timestamp" >= $2::timestamptz AND "timestamp" < $3::timestamptz
       GROUP BY scope`,
      [ORG, '2023-01-01T00:00:00Z', '2025-01-01T00:00:00Z'],
    ),
  );
  let total = 0;
  const inv = await timeIt(RUNS, async () => {
    const x = await computeInventory(db, { kind: 'org', orgId: ORG }, period);
    total = x.total_location_kg;
  });
  const [check] = await db.query<{ s: number }>(
    `SELECT sum(co2_equivalent) AS s FROM emissions WHERE org_id = $1::uuid`,
    [ORG],
  );
  console.log(
    `  bare SUM ... GROUP BY scope           p50 ${fmt(bare.p50)} ms   p95 ${fmt(bare.p95)} ms`,
  );
  console.log(
    `  inventory (all figures, traced,       p50 ${fmt(inv.p50)} ms   p95 ${fmt(inv.p95)} ms   (goal p50 < 200 ms)`,
  );
  console.log(`   prior + base year, market-based)`);
  console.log(`  ratio inventory / bare (p50)          ${(inv.p50 / bare.p50).toFixed(2)}`);
  console.log(
    `  total reconciles with SUM(co2_equivalent): ${total === (check?.s ?? 0) ? 'yes' : `NO (${total} vs ${check?.s})`}`,
  );
}

async function seedLeaderboards(db: Db): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  await step(`insert ${USERS.toLocaleString('en-US')} opted-in users + org memberships`, () =>
    db.exec(`
      INSERT INTO users (user_id, username, email, password_hash, user_type, display_name, leaderboard_opt_in)
      SELECT md5('u' || i)::uuid, 'lb_' || i, 'lb_' || i || '@example.test', 'x', 'individual',
        'Player ' || i, i % 10 <> 0
      FROM generate_series(1, ${USERS}) AS i;
      INSERT INTO memberships (org_id, user_id, role)
      SELECT '${ORG}', md5('u' || i)::uuid, 'member' FROM generate_series(1, ${USERS}) AS i;`),
  );
  await step('insert 5 challenges, 10 achievements', () =>
    db.exec(`
      INSERT INTO challenges (challenge_id, challenge_name, start_date, end_date, reward_points)
      SELECT md5('c' || i)::uuid, 'Bench challenge ' || i, DATE '${today}' - 90, DATE '${today}' + 30, 50 * i
      FROM generate_series(1, 5) AS i;
      INSERT INTO achievements (achievement_id, achievement_name, points)
      SELECT md5('h' || i)::uuid, 'Bench achievement ' || i, 10 * i FROM generate_series(1, 10) AS i;`),
  );
  await step(
    `insert ${(USERS * 2).toLocaleString('en-US')} user challenges, ${(USERS * 3).toLocaleString('en-US')} achievements`,
    () =>
      db.exec(`
      INSERT INTO user_challenges (user_id, challenge_id, status, points_awarded, start_date, end_date)
      SELECT md5('u' || i)::uuid, md5('c' || (1 + (i + k) % 5))::uuid, 'completed', 50 * (1 + (i + k) % 5),
        now() - ((i * 7 + k) % 60) * INTERVAL '1 day', now() - ((i * 7 + k) % 60) * INTERVAL '1 day'
      FROM generate_series(1, ${USERS}) AS i, generate_series(0, 1) AS k;
      INSERT INTO user_achievements (user_id, achievement_id, "timestamp")
      SELECT md5('u' || i)::uuid, md5('h' || (1 + (i * 3 + k) % 10))::uuid, now() - ((i * 11 + k) % 90) * INTERVAL '1 day'
      FROM generate_series(1, ${USERS}) AS i, generate_series(0, 2) AS k;`),
  );
  // emissions for the reduction ranking: a baseline 60-90 days ago, and activity this week
  await step(`insert ${(USERS * 3).toLocaleString('en-US')} personal activities + emissions`, () =>
    db.exec(`
      INSERT INTO activities (activity_id, user_id, activity_type, amount, unit, "timestamp")
      SELECT md5('la' || i || '-' || k)::uuid, md5('u' || i)::uuid, 'Bench', 1, 'kg',
        CASE k WHEN 0 THEN now() - INTERVAL '90 days' WHEN 1 THEN now() - INTERVAL '80 days' ELSE now() - INTERVAL '1 hour' END
      FROM generate_series(1, ${USERS}) AS i, generate_series(0, 2) AS k;
      INSERT INTO emissions (emission_id, activity_id, user_id, co2_equivalent, co2_kg, ch4_kg, n2o_kg,
        co2e_basis, factor_key, factor_year, factor_source, gwp_set, scope, category, converted_amount,
        factor_unit, derivation, "timestamp")
      SELECT md5('le' || i || '-' || k)::uuid, md5('la' || i || '-' || k)::uuid, md5('u' || i)::uuid,
        10 + (i % 50), 10 + (i % 50), 0, 0, 'per_gas', 'mobile.gasoline.gallon.us', 2025, 'Bench', 'AR5', '1',
        'transportation', 1, 'gallon', 'bench',
        CASE k WHEN 0 THEN now() - INTERVAL '90 days' WHEN 1 THEN now() - INTERVAL '80 days' ELSE now() - INTERVAL '1 hour' END
      FROM generate_series(1, ${USERS}) AS i, generate_series(0, 2) AS k;`),
  );
  await step('VACUUM ANALYZE', () => db.exec('VACUUM ANALYZE'));
}

async function benchLeaderboards(db: Db): Promise<void> {
  const viewer =
    (await db.query<{ id: string }>(`SELECT md5('u' || 7)::uuid AS id`))[0]?.id ?? OWNER;
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>(
    'SELECT count(*) AS n FROM users WHERE leaderboard_opt_in',
  );
  console.log(
    `\nLeaderboards over ${USERS.toLocaleString('en-US')} users (${n.toLocaleString('en-US')} opted in), top 50 + your rank, ${RUNS} runs (goal < 100 ms)`,
  );
  const challenge = (await db.query<{ id: string }>(`SELECT md5('c1')::uuid AS id`))[0]?.id;
  const cases: [string, Record<string, unknown>][] = [
    ['global  weekly   points', { scope: 'global', window: 'weekly' }],
    ['global  monthly  points', { scope: 'global', window: 'monthly' }],
    ['global  all_time points', { scope: 'global', window: 'all_time' }],
    ['global  monthly  reduction', { scope: 'global', window: 'monthly', rank_by: 'reduction' }],
    ['global  all_time reduction', { scope: 'global', window: 'all_time', rank_by: 'reduction' }],
    ['org     weekly   points', { scope: 'org', id: ORG, window: 'weekly' }],
    ['challenge all_time points', { scope: 'challenge', id: challenge, window: 'all_time' }],
  ];
  for (const [label, query] of cases) {
    const q = LeaderboardQuerySchema.parse(query);
    let listed = 0;
    const r = await timeIt(RUNS, async () => {
      listed = (await getLeaderboard(db, viewer, q)).entries.length;
    });
    console.log(
      `  ${label.padEnd(28)} p50 ${fmt(r.p50)} ms   p95 ${fmt(r.p95)} ms   (${listed} listed)`,
    );
  }
}

async function main(): Promise<void> {
  const name = `eco_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), 4);
  try {
    console.log(`ESG + leaderboard bench on ${url.host}/${name}`);
    await step('migrations', () => migrate(db));
    await seedOrg(db);
    await benchInventory(db);
    await seedLeaderboards(db);
    await benchLeaderboards(db);
  } finally {
    await db.close();
    if (process.env.BENCH_KEEP) console.log(`kept database ${name} (BENCH_KEEP)`);
    else await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
