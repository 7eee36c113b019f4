/**
 * Write-to-visible latency with 1,000 live clients on one server (prints numbers, asserts
 * nothing). 500 users with two devices each hold live ShapeStreams (the real client) on their
 * activities; then, one write at a time, device 1 of a user posts an activity through the
 * mutation API and we time until device 2's stream delivers it. Goal: p50 < 50 ms, p99 < 250 ms.
 *
 *   npx tsx tests/bench/sync-latency.ts        (DATABASE_URL=postgres://… to run on Postgres)
 *   BENCH_CLIENTS (default 1000), BENCH_WRITES (default 300)
 */
import { randomUUID } from 'node:crypto';
import { ShapeStream, isChangeMessage, type Row } from '@electric-sql/client';
import {
  benchDatabase,
  fmt,
  insertUsers,
  percentile,
  sleep,
  startServerChild,
  tokenFor,
} from './sync-bench-kit.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const WRITES = Number(process.env.BENCH_WRITES ?? 300);
const USERS = Math.max(1, Math.floor(CLIENTS / 2));

async function main(): Promise<void> {
  const bdb = await benchDatabase(process.env.DATABASE_URL);
  const db = await bdb.open();
  const users = await insertUsers(db, USERS);
  await db.close();
  const server = await startServerChild(bdb.env);
  const abort = new AbortController();
  const waiting = new Map<string, () => void>();
  let upToDate = 0;
  try {
    const tokens = new Map(
      await Promise.all(users.map(async (u) => [u, await tokenFor(u)] as const)),
    );
    for (const u of users) {
      for (let d = 0; d < 2; d++) {
        const stream = new ShapeStream<Row>({
          url: `${server.url}/v1/shape`,
          params: { table: 'activities' },
          headers: { Authorization: `Bearer ${tokens.get(u) ?? ''}` },
          signal: abort.signal,
        });
        let first = true;
        stream.subscribe((msgs) => {
          for (const m of msgs) {
            if (isChangeMessage(m)) waiting.get(m.value.activity_id as string)?.();
            else if (first && m.headers.control === 'up-to-date') {
              first = false;
              upToDate++;
            }
          }
        });
      }
    }
    const started = Date.now();
    while (upToDate < USERS * 2 && Date.now() - started < 120_000) await sleep(100);
    console.log(`${upToDate} live clients up to date in ${Date.now() - started} ms`);
    await sleep(1500); // let every live request park

    const latencies: number[] = [];
    const posts: number[] = [];
    for (let i = 0; i < WRITES; i++) {
      const user = users[i % USERS] ?? '';
      const id = randomUUID();
      const seen = new Promise<number>((resolve) =>
        waiting.set(id, () => resolve(performance.now())),
      );
      const t0 = performance.now();
      const res = await fetch(`${server.url}/api/v1/sync/mutations`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${tokens.get(user) ?? ''}`,
        },
        body: JSON.stringify({
          mutations: [
            {
              mutation_id: randomUUID(),
              table: 'activities',
              op: 'insert',
              row: { activity_id: id, activity_type: 'Transportation', amount: i + 1, unit: 'km' },
            },
          ],
        }),
      });
      if (res.status !== 200) throw new Error(`mutation answered ${res.status}`);
      await res.arrayBuffer();
      posts.push(performance.now() - t0);
      const timeout = sleep(10_000).then(() => NaN);
      const t1 = await Promise.race([seen, timeout]);
      waiting.delete(id);
      latencies.push(t1 - t0);
      await sleep(10);
    }
    const ok = latencies.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
    console.log(
      `write-to-visible with ${USERS * 2} live clients (${bdb.kind}), ${WRITES} writes: ` +
        `p50 ${fmt(percentile(ok, 50))} ms, p99 ${fmt(percentile(ok, 99))} ms, ` +
        `max ${fmt(ok[ok.length - 1] ?? NaN)} ms, lost ${WRITES - ok.length}`,
    );
    posts.sort((a, b) => a - b);
    console.log(
      `  of which the mutation POST round trip: p50 ${fmt(percentile(posts, 50))} ms, ` +
        `p99 ${fmt(percentile(posts, 99))} ms`,
    );
    console.log(`server RSS ${fmt(server.rssMb())} MB`);
  } finally {
    abort.abort();
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
