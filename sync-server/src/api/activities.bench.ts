/**
 * Prints how fast the REST write path logs activities (validation, factor selection, emission
 * calculation, activity + emission insert in one transaction), in process, through `app.request`.
 *   npx tsx sync-server/src/api/activities.bench.ts            # embedded PGlite
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx sync-server/src/api/activities.bench.ts
 * Also prints login latency (one scrypt verification per login).
 */
import { createTestApp } from '../testing/test-app.ts';
import { client, newUser } from './api-test-kit.ts';

const N = Number(process.env.BENCH_N ?? 1000);
const CONCURRENCY = 8;

const t = await createTestApp();
const call = client(t);
const u = await newUser(call, 'bench');

const bodies = [
  { activity_type: 'Transportation', amount: 25, unit: 'miles' },
  { activity_type: 'Energy Consumption', amount: 500, unit: 'kWh' },
  { factor_key: 'electricity.egrid.us_average.kwh', amount: 3.2, unit: 'MWh' },
  { activity_type: 'Food Consumption', amount: 2, unit: 'kg', fuel_type: 'beef' },
];

let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < N) {
      const i = next++;
      const res = await call('POST', '/api/v1/activities', {
        token: u.token,
        body: {
          ...bodies[i % bodies.length],
          timestamp: new Date(1.7e12 + i * 60_000).toISOString(),
        },
      });
      if (res.status !== 201) throw new Error(`create failed: ${res.status}`);
    }
  }),
);
const seconds = (performance.now() - started) / 1000;

const listStart = performance.now();
for (let i = 0; i < 50; i++)
  await call('GET', '/api/v1/activities?page_size=200', { token: u.token });
const listMs = (performance.now() - listStart) / 50;

const loginStart = performance.now();
for (let i = 0; i < 10; i++) {
  await call('POST', '/api/v1/auth/login', {
    body: { username: u.username, password: u.password },
  });
}
const loginMs = (performance.now() - loginStart) / 10;

console.log(
  `${t.db.kind}: POST /api/v1/activities ${N} in ${seconds.toFixed(2)} s = ${(N / seconds).toFixed(0)} activities/s ` +
    `(concurrency ${CONCURRENCY}); GET 200 activities ${listMs.toFixed(1)} ms; login ${loginMs.toFixed(0)} ms`,
);
await t.close();
