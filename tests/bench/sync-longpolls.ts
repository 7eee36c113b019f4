/**
 * Concurrent live long-polls one server holds, and its memory (prints numbers, asserts nothing).
 * 100 users; 10,000 live `GET /v1/shape` requests (100 per user) are opened against a server
 * child process and held; we read the server's resident memory before and while holding them,
 * then time one write reaching all 100 polls of its user, and a SIGTERM answering every held poll.
 * Goal: 10,000 held under 500 MB.
 *
 *   npx tsx tests/bench/sync-longpolls.ts     (DATABASE_URL=postgres://… to run on Postgres)
 *   BENCH_POLLS (default 10000)
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import {
  benchDatabase,
  fmt,
  insertUsers,
  sleep,
  startServerChild,
  tokenFor,
} from './sync-bench-kit.ts';

const POLLS = Number(process.env.BENCH_POLLS ?? 10_000);
const USERS = 100;
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

function get(
  url: string,
  token: string,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: Object.fromEntries(
            Object.entries(res.headers).map(([k, v]) => [
              k,
              Array.isArray(v) ? v.join(',') : (v ?? ''),
            ]),
          ),
          body,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function main(): Promise<void> {
  const bdb = await benchDatabase(process.env.DATABASE_URL);
  const db = await bdb.open();
  const users = await insertUsers(db, USERS);
  await db.close();
  const server = await startServerChild({ ...bdb.env, SYNC_LONG_POLL_MS: '40000' });
  try {
    const shapes = [];
    for (const u of users) {
      const token = await tokenFor(u);
      const res = await get(`${server.url}/v1/shape?table=activities&offset=-1`, token);
      shapes.push({
        user: u,
        token,
        handle: res.headers['electric-handle'] ?? '',
        offset: res.headers['electric-offset'] ?? '',
      });
    }
    await sleep(500);
    const idleMb = server.rssMb();
    let answered = 0;
    const polls: Promise<unknown>[] = [];
    const t0 = performance.now();
    for (let i = 0; i < POLLS; i++) {
      const s = shapes[i % USERS];
      if (!s) continue;
      const url = `${server.url}/v1/shape?table=activities&live=true&cursor=&handle=${s.handle}&offset=${s.offset}`;
      polls.push(
        get(url, s.token).then(
          (r) => {
            answered++;
            return r;
          },
          () => answered++,
        ),
      );
      if (i % 500 === 499) await sleep(50); // ramp up instead of a SYN flood
    }
    const openMs = performance.now() - t0;
    // Let the server finish accepting them (every request is parsed and authorised first).
    await sleep(Number(process.env.BENCH_SETTLE_MS ?? 8000));
    const heldMb = server.rssMb();
    console.log(
      `${POLLS - answered} of ${POLLS} live long-polls held (${bdb.kind}), opened in ${fmt(openMs / 1000, 1)} s`,
    );
    console.log(
      `server RSS: idle ${fmt(idleMb)} MB, holding them ${fmt(heldMb)} MB ` +
        `(+${fmt(((heldMb - idleMb) * 1024) / Math.max(1, POLLS - answered), 1)} KB per poll)`,
    );

    // One write wakes exactly the polls of its user.
    const target = shapes[0];
    if (target) {
      const before = answered;
      const w0 = performance.now();
      const res = await fetch(`${server.url}/api/v1/sync/mutations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` },
        body: JSON.stringify([
          {
            mutation_id: randomUUID(),
            table: 'activities',
            op: 'insert',
            row: {
              activity_id: randomUUID(),
              activity_type: 'Transportation',
              amount: 1,
              unit: 'km',
            },
          },
        ]),
      });
      await res.arrayBuffer();
      const perUser = Math.ceil(POLLS / USERS);
      while (answered - before < perUser && performance.now() - w0 < 20_000) await sleep(2);
      console.log(
        `one write answered ${answered - before} polls of its user in ${fmt(performance.now() - w0)} ms`,
      );
    }
    const s0 = performance.now();
    await server.stop('SIGTERM');
    await Promise.allSettled(polls);
    console.log(`SIGTERM answered every held poll and exited in ${fmt(performance.now() - s0)} ms`);
  } finally {
    await server.stop('SIGKILL');
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
