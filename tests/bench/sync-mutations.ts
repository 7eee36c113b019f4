/**
 * Mutation throughput on real Postgres (prints numbers, asserts nothing): CLIENTS devices, each
 * of its own user, flush batches of BATCH activity inserts through POST /api/v1/sync/mutations
 * concurrently against one server child process, TOTAL activities in all. Every activity is
 * validated, authorised, has its emission calculated by the shared engine and is captured by the
 * change log, and the ESG and leaderboard rollups follow, as in production; the server's change
 * feed publishes and reads the log meanwhile. Goal: at least 5,000 activities/s.
 *
 * Besides the rate it prints the CPU time per 1,000 activities of the server process, of the
 * Postgres backends serving the bench database (when Postgres runs on this machine) and of this
 * bench's own clients: on a machine shared with other work the rate follows everyone's load, the
 * CPU cost much less. BENCH_SERVER_PROF=<dir> writes the server's CPU profile there. A batch of
 * inserts is written in bulk (sync-server/src/sync/mutations/insert-run.ts); see docs/decisions.md
 * (sync write path) for the measurements behind it.
 *
 *   npx tsx tests/bench/sync-mutations.ts
 *   DATABASE_URL (admin connection, default postgres://postgres@127.0.0.1:5432/postgres; the
 *   bench creates and drops its own database), BENCH_TOTAL (20000), BENCH_BATCH (200),
 *   BENCH_WRITERS (8)
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { openPostgres } from '@eco-track/sync-server';
import { backendCpu, backendCpuSince, cpuSeconds } from './process-cpu.ts';
import {
  benchDatabase,
  fmt,
  insertUsers,
  percentile,
  startServerChild,
  tokenFor,
} from './sync-bench-kit.ts';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TOTAL = Number(process.env.BENCH_TOTAL ?? 20_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 200);
const CLIENTS = Number(process.env.BENCH_WRITERS ?? 8);
const UNITS = ['km', 'mile', 'km', 'mile'];

function post(url: string, token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  let bdb;
  try {
    bdb = await benchDatabase(ADMIN_URL);
  } catch (err) {
    console.log(`mutation throughput: skipped, no Postgres at ${ADMIN_URL} (${String(err)})`);
    return;
  }
  const db = await bdb.open();
  const users = await insertUsers(db, CLIENTS);
  await db.close();
  const server = await startServerChild(bdb.env);
  try {
    const url = `${server.url}/api/v1/sync/mutations`;
    const tokens = await Promise.all(users.map((u) => tokenFor(u)));
    const batchBody = (n: number, seq: number) =>
      JSON.stringify({
        mutations: Array.from({ length: n }, (_, i) => ({
          mutation_id: randomUUID(),
          table: 'activities',
          op: 'insert',
          row: {
            activity_id: randomUUID(),
            activity_type: 'Transportation',
            amount: 1 + ((seq + i) % 500),
            unit: UNITS[i % UNITS.length],
            timestamp: '2025-03-01T08:00:00Z',
          },
        })),
      });
    // Warm-up: plans, the factor library, connections.
    await Promise.all(tokens.map((t) => post(url, t, batchBody(20, 0))));

    const admin = await openPostgres(ADMIN_URL, 1);
    const dbName = new URL(bdb.env.DATABASE_URL ?? '').pathname.slice(1);
    const pgBefore = await backendCpu(admin, dbName);
    const serverBefore = cpuSeconds(server.pid);
    const benchBefore = process.cpuUsage();
    const batches = Math.ceil(TOTAL / BATCH);
    let next = 0;
    let applied = 0;
    const latencies: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      tokens.map(async (token) => {
        for (let b = next++; b < batches; b = next++) {
          const body = batchBody(BATCH, b * BATCH);
          const s = performance.now();
          const res = await post(url, token, body);
          latencies.push(performance.now() - s);
          if (res.status !== 200) throw new Error(`batch answered ${res.status}: ${res.text}`);
          const answer = JSON.parse(res.text) as { results: { status: string }[] };
          applied += answer.results.filter((r) => r.status === 'applied').length;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const pgCpu = backendCpuSince(pgBefore, await backendCpu(admin, dbName));
    const serverCpu = (cpuSeconds(server.pid) ?? NaN) - (serverBefore ?? NaN);
    const benchUsage = process.cpuUsage(benchBefore);
    const benchCpu = (benchUsage.user + benchUsage.system) / 1e6;
    await admin.close();
    latencies.sort((a, b) => a - b);
    console.log(
      `mutation throughput (postgres): ${applied} activities in ${fmt(seconds, 2)} s = ` +
        `${fmt(applied / seconds, 0)} activities/s (${CLIENTS} concurrent clients, batches of ${BATCH}); ` +
        `batch latency p50 ${fmt(percentile(latencies, 50))} ms, p99 ${fmt(percentile(latencies, 99))} ms`,
    );
    const per1000 = (cpu: number) => fmt((cpu / applied) * 1e6, 0);
    console.log(
      `mutation CPU per 1,000 activities: server process ${per1000(serverCpu)} ms, ` +
        `Postgres backends ${pgCpu > 0 ? `${per1000(pgCpu)} ms` : 'not measured (remote server)'}, ` +
        `this bench's clients ${per1000(benchCpu)} ms`,
    );
  } finally {
    await server.stop();
    await bdb.drop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
