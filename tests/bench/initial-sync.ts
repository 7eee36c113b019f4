/**
 * Benchmark: initial sync of 100,000 activities into a fresh client in Chromium.
 *
 * One user gets N activities written straight into the server's database. A fresh browser
 * profile opens the DB worker harness, signs in, and the clock runs from setSession until the
 * replica reports the user's rows synced (every shape but the public catalogues, which a first
 * sync fetches next: the 100k activities, stored and indexed, dominating); the time until every
 * shape is synced, catalogues included (~5 MB of emission factors), is printed too, and the time
 * until the app can read its first activities (the server answers a small first chunk). In the same
 * run, the same rows (downloaded and parsed beforehand, untimed) are bulk-loaded into the same
 * storage and the same table in one transaction, one prepared statement into the bare table and
 * then its indexes and dashboard totals built (the sync's end state, reached the way its bulk
 * mode does): the raw ceiling. It prints rows/s of both and their ratio, for the OPFS store (the
 * app's) and in-memory, then again for OPFS with the server's responses replayed from memory
 * (replay-server.ts: the server's rendering off this machine's two cores, as when it runs
 * elsewhere), then raw loads on each storage candidate (OPFS AccessHandlePool, IndexedDB, memory).
 * A second user's N activities carry their emissions, as every activity the app logs does (the
 * template of one logged through the REST API, scaled to each amount): that user's first sync
 * downloads both large tables, and its line counts both tables' rows.
 * Activity ids are UUIDv7, as every id the app mints (BENCH_KEYS=v4 seeds random v4 ids). Where
 * the time goes: the server's share (the same shape downloaded by Node alone, with the time per
 * response; Node's fetch accepts gzip, so the server's compression and Node's inflating count) and the device's fetch+parse share (the real ShapeStream with the app's parser,
 * storing nothing; the raw insert is the storage share). The seeded rows are published to the
 * change log before anything is timed. Numbers only; nothing is asserted.
 *
 *   npm run bench -w tests  |  npx tsx tests/bench/initial-sync.ts [rows=100000]
 *   BENCH_KEYS=v4 (random activity ids instead of UUIDv7)
 *   (DATABASE_URL selects a real Postgres, fresh database)
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { publish, type Queryable, type RunningServer } from '@eco-track/sync-server';
import {
  launchSyncDevice,
  newUser,
  openHarness,
  signIn,
  startHarnessServer,
  waitInPage,
  type TestSession,
} from '../e2e/sync-harness.ts';
import { startReplayServer } from './replay-server.ts';
import { percentile } from './sync-bench-kit.ts';

const ROWS = Number(process.argv[2] ?? 100_000);
const FACTOR = 'fuel.natural_gas.kwh.gb';
const RANDOM_KEYS = process.env.BENCH_KEYS === 'v4';
/** A UUIDv7 for the activity's time (48-bit milliseconds, version 7, random rest), in SQL. */
const V7_FROM_TIME = (t: string) =>
  `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(` +
  `(extract(epoch FROM ${t}) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid`;

/** A device's time to store one 10k-row response (docs/decisions.md). */
const PAUSE_MS = 300;
const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000));

type Kind = 'opfs' | 'memory' | 'idb';

interface Recorded {
  /** Request offset → the server's answer (body and protocol headers). */
  byOffset: Map<string, { body: string; headers: Record<string, string> }>;
  /** Milliseconds per response, request to last byte, in order. */
  responseMs: number[];
  /** Milliseconds per response, request to its headers (the server's read and render). */
  headersMs: number[];
}

async function fetchRetrying(url: URL, token: string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/** Change messages in a recorded download (counted untimed: Node's parse is no server work). */
const changeCount = (r: Recorded) =>
  [...r.byOffset.values()]
    .map(({ body }) => (JSON.parse(body) as { key?: string }[]).filter((m) => m.key !== undefined))
    .reduce((n, msgs) => n + msgs.length, 0);

/**
 * Downloads a shape once, keeping each response as the server sent it; `pauseMs` between
 * responses stands for a device storing each before it asks for the next.
 */
async function recordShape(
  baseUrl: string,
  token: string,
  table: string,
  pauseMs = 0,
): Promise<Recorded> {
  const byOffset: Recorded['byOffset'] = new Map();
  let offset = '-1';
  let handle = '';
  const responseMs: number[] = [];
  const headersMs: number[] = [];
  for (;;) {
    const url = new URL('/v1/shape', baseUrl);
    url.searchParams.set('table', table);
    url.searchParams.set('offset', offset);
    if (handle) url.searchParams.set('handle', handle);
    if (pauseMs > 0 && responseMs.length > 0) await new Promise((r) => setTimeout(r, pauseMs));
    const sent = performance.now();
    const res = await fetchRetrying(url, token);
    headersMs.push(performance.now() - sent);
    const body = await res.text();
    responseMs.push(performance.now() - sent);
    const headers = Object.fromEntries(
      [...res.headers.entries()].filter(([k]) => k.startsWith('electric-') || k === 'content-type'),
    );
    byOffset.set(offset, { body, headers });
    offset = res.headers.get('electric-offset') ?? offset;
    handle = res.headers.get('electric-handle') ?? handle;
    if (res.headers.has('electric-up-to-date')) return { byOffset, responseMs, headersMs };
  }
}

type Raw = { rows: number; ms: number; downloadMs: number };

/** The raw bulk load of each table's rows (downloaded beforehand, untimed), summed. */
async function baseline(
  page: Page,
  kind: Kind,
  token: string,
  tables: readonly string[],
  indexes: boolean,
): Promise<Raw & { byTable: Raw[] }> {
  const byTable: Raw[] = [];
  for (const table of tables) {
    byTable.push(
      await page.evaluate(([k, t, tbl, i]) => eco.baseline(k, t, tbl, { indexes: i }), [
        kind,
        token,
        table,
        indexes,
      ] as [Kind, string, string, boolean]),
    );
  }
  const sum = (f: keyof Raw) => byTable.reduce((n, r) => n + r[f], 0);
  return { rows: sum('rows'), ms: sum('ms'), downloadMs: sum('downloadMs'), byTable };
}

/**
 * A fresh device signs in at `baseUrl` and syncs; then, in the same page, the raw bulk load of
 * the same rows (with and without the secondary indexes). `tables` are the user's large tables:
 * activities, and emissions when the user's activities have theirs. Answers the printed line.
 */
async function deviceRun(
  baseUrl: string,
  user: TestSession,
  storage: 'opfs' | 'memory',
  label: string,
  tables: readonly ('activities' | 'emissions')[] = ['activities'],
): Promise<string> {
  const device = await launchSyncDevice();
  try {
    const query = storage === 'opfs' ? '' : `?storage=${storage}`;
    const page = await openHarness(device, baseUrl, query, false);
    const started = Date.now();
    const msUntil = async (flag: 'ownDataSynced' | 'initialSyncDone') => {
      await waitInPage(page, async (f) => (await eco.api!.getSyncStatus())[f], flag, 600_000);
      return Date.now() - started;
    };
    await signIn(page, user);
    // The first activities the app can show (the count runs between the sync's transactions).
    await waitInPage(page, async () => (await eco.api!.countActivities()) > 0, null, 600_000);
    const firstRowsMs = Date.now() - started;
    const syncMs = await msUntil('ownDataSynced');
    const allMs = await msUntil('initialSyncDone');
    const activities = await page.evaluate(() => eco.api!.countActivities());
    const raw = await baseline(page, storage, user.accessToken, tables, true);
    const bare = await baseline(page, storage, user.accessToken, tables, false);
    // Rows beyond the activities: as many as the server holds (own data synced means every one).
    const others = raw.byTable.slice(1).reduce((n, r) => n + r.rows, 0);
    const count = activities + others;
    const what =
      others > 0
        ? `${activities} activities + ${others} emissions = ${count} rows`
        : `${count} activities`;
    const syncRate = rate(count, syncMs);
    return (
      `${label} initial sync: ${what} in ${syncMs} ms = ${syncRate} rows/s ` +
      `(first activities readable after ${firstRowsMs} ms; every table with the catalogues: ${allMs} ms) | ` +
      `raw bulk load of the same rows into the same tables, indexes and totals: ${raw.rows} in ${Math.round(raw.ms)} ms = ` +
      `${rate(raw.rows, raw.ms)} rows/s, ratio sync/raw ${(syncRate / rate(raw.rows, raw.ms)).toFixed(2)} | ` +
      `without secondary indexes: ${rate(bare.rows, bare.ms)} rows/s | ` +
      `device fetch+parse alone (ShapeStream, no storage): ${rate(raw.rows, raw.downloadMs)} rows/s`
    );
  } finally {
    await device.close();
  }
}

const median = (xs: number[]) =>
  Math.round(
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    ),
  );

/** Downloads the user's shape of `table` from Node and prints the server's time; answers it. */
async function serverAlone(
  baseUrl: string,
  user: TestSession,
  table: 'activities' | 'emissions',
): Promise<Recorded> {
  const dl = performance.now();
  const recorded = await recordShape(baseUrl, user.accessToken, table);
  const dlMs = performance.now() - dl;
  const downloaded = changeCount(recorded);
  const bytes = [...recorded.byOffset.values()].reduce((n, r) => n + Buffer.byteLength(r.body), 0);
  const ms = [...recorded.responseMs].sort((a, b) => a - b).map(Math.round);
  console.log(
    `server alone: the ${table} shape (${downloaded} rows, ${Math.round(bytes / downloaded)} bytes ` +
      `a row, ${recorded.byOffset.size} responses) downloaded in ${Math.round(dlMs)} ms = ` +
      `${rate(downloaded, dlMs)} rows/s | per response min ${ms[0]} / median ${median(ms)} / ` +
      `max ${ms.at(-1)} ms, to its headers median ${median(recorded.headersMs)} ms`,
  );
  return recorded;
}

/** ROWS activities for `userId`, straight into the server's database. */
async function seedActivities(db: Queryable, userId: string): Promise<void> {
  // Batches keep each statement's parameter list and transaction modest on PGlite.
  for (let done = 0; done < ROWS; done += 10_000) {
    const n = Math.min(10_000, ROWS - done);
    await db.query(
      `INSERT INTO activities (activity_id, user_id, activity_type, category, description, amount,
          unit, factor_key, data_quality, "timestamp")
       SELECT ${RANDOM_KEYS ? 'gen_random_uuid()' : V7_FROM_TIME('at')}, $1::uuid,
          'Energy Consumption', 'energy', 'meter reading ' || g, (g % 500) + 0.25, 'kWh', $2,
          'measured', at
       FROM generate_series($3::int, $4::int) AS g,
         LATERAL (SELECT timestamptz '2025-01-01 00:00:00+00' + (g * interval '7 minutes') AS at) t`,
      [userId, FACTOR, done + 1, done + n],
    );
  }
}

/**
 * An emission for each of the user's activities, shaped as the server's engine writes them: one
 * activity is logged through the REST API and its emission is the template, scaled to each
 * activity's amount at the engine's precision.
 */
async function seedEmissions(server: RunningServer, user: TestSession): Promise<void> {
  const res = await fetch(new URL('/api/v1/activities', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${user.accessToken}` },
    body: JSON.stringify({ factor_key: FACTOR, amount: 100, unit: 'kWh' }),
  });
  if (res.status !== 201) throw new Error(`template activity: ${res.status} ${await res.text()}`);
  const { activity_id: templateId } = (await res.json()) as { activity_id: string };
  const scaled = (c: string) => `round(a.amount * t.${c} / t.converted_amount, scale(t.${c}))`;
  for (let done = 0; done < ROWS; done += 10_000) {
    await server.db.query(
      `INSERT INTO emissions (emission_id, activity_id, user_id, co2_equivalent, co2_kg, ch4_kg,
          n2o_kg, biogenic_co2_kg, co2e_basis, factor_key, factor_year, factor_source, gwp_set,
          scope, scope3_category, category, converted_amount, factor_unit, derivation, "timestamp")
       SELECT ${RANDOM_KEYS ? 'gen_random_uuid()' : V7_FROM_TIME('a."timestamp"')}, a.activity_id,
          a.user_id, ${['co2_equivalent', 'co2_kg', 'ch4_kg', 'n2o_kg', 'biogenic_co2_kg'].map(scaled).join(', ')},
          t.co2e_basis, t.factor_key, t.factor_year, t.factor_source, t.gwp_set, t.scope,
          t.scope3_category, t.category, a.amount, t.factor_unit,
          replace(t.derivation, '100 kWh', a.amount || ' kWh'), a."timestamp"
       FROM (SELECT * FROM activities WHERE user_id = $1::uuid AND activity_id <> $2::uuid
              ORDER BY activity_id OFFSET $3::int LIMIT 10000) a,
         (SELECT * FROM emissions WHERE activity_id = $2::uuid) t`,
      [user.userId, templateId, done],
    );
  }
}

async function main(): Promise<void> {
  const server = await startHarnessServer();
  try {
    const user = await newUser(server.url, 'bench');
    const seedStart = performance.now();
    await seedActivities(server.db, user.userId);
    // A second user whose activities carry their emissions, as every activity the app logs does.
    const userE = await newUser(server.url, 'benche');
    await seedActivities(server.db, userE.userId);
    await seedEmissions(server, userE);
    // Published as writes are in a running system, so no timed request pays for numbering them.
    await publish(server.db);
    console.log(
      `seeded ${ROWS} activities (${RANDOM_KEYS ? 'random v4' : 'UUIDv7'} ids) for one user, and ` +
        `${ROWS} with their emissions for another, in ${Math.round(performance.now() - seedStart)} ms`,
    );

    // The server's share: the same shape downloaded and parsed by Node, no client work.
    const recorded = await serverAlone(server.url, user, 'activities');
    await serverAlone(server.url, userE, 'emissions');
    // The same download by a client that takes a while with each response, as a device does: the
    // server reads the next chunk meanwhile (snapshot read-ahead), so its answer comes sooner.
    const paused = await recordShape(server.url, user.accessToken, 'activities', PAUSE_MS);
    console.log(
      `server, client pausing ${PAUSE_MS} ms between responses: after the first, to its headers ` +
        `median ${median(paused.headersMs.slice(1))} ms (no pause: ` +
        `${median(recorded.headersMs.slice(1))} ms; the difference is the server's read, done ahead), ` +
        `to the last byte median ${median(paused.responseMs.slice(1))} ms`,
    );
    for (const storage of ['opfs', 'memory'] as const) {
      console.log(await deviceRun(server.url, user, storage, storage.padEnd(6)));
    }
    console.log(
      await deviceRun(server.url, userE, 'opfs', 'opfs, with emissions', [
        'activities',
        'emissions',
      ]),
    );
    const replay = await startReplayServer(server.url, 'activities', recorded.byOffset);
    try {
      const line = await deviceRun(replay.url, user, 'opfs', 'opfs, server replayed');
      console.log(`${line} | ${replay.replayed()} responses replayed`);
    } finally {
      await replay.close();
    }
    // The storage candidates side by side (the choice in docs/decisions.md): raw bulk loads only.
    const device = await launchSyncDevice();
    try {
      const page = await openHarness(device, server.url, '?noworker', false);
      for (const kind of ['opfs', 'idb', 'memory'] as const) {
        const raw = await baseline(page, kind, user.accessToken, ['activities'], true);
        console.log(
          `store ${kind.padEnd(6)} raw bulk load: ${raw.rows} rows in ${Math.round(raw.ms)} ms = ${rate(raw.rows, raw.ms)} rows/s`,
        );
      }
    } finally {
      await device.close();
    }
  } finally {
    await server.close();
  }
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) await main();
else console.log(`initial-sync benchmark skipped: no Chromium at ${chromium} (set CHROMIUM_PATH)`);
