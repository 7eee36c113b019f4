/**
 * `npm run bench -w client`: the PWA's budgets, printed (not asserted).
 *
 *   1. initial JavaScript: the entry script and its modulepreloads from dist/index.html, gzipped
 *      (wasm, workers and lazily loaded pages excluded; budget 200 KB);
 *   2. offline cold start to an interactive dashboard with 100k local activities: the browser is
 *      relaunched offline on the same profile, and the time from navigation start to the
 *      dashboard's first real numbers is read from the `eco:dashboard-interactive` mark
 *      (budget 1 s);
 *   3. dashboard queries over those 100k activities, as the UI sees them (worker round trip
 *      included), from the `local:*` performance measures the app records (budget 30 ms).
 *
 * The 100k activities are written into the server's database with SQL (emissions from the shared
 * engine, which is linear in the amount), then reach the device through the real initial sync.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { calculateEmission, FACTORS } from '@eco-track/shared-schema';
import { createLogger, loadConfig, startServer, type RunningServer } from '@eco-track/sync-server';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const COLD_STARTS = 3;
const client = fileURLToPath(new URL('..', import.meta.url));
// CLIENT_DIST (also read by the server) benches a build elsewhere, e.g. to compare two builds.
const dist = process.env.CLIENT_DIST ?? join(client, 'dist');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((n) => newest(join(path, n))));
}

function buildIfNeeded(): void {
  const index = join(dist, 'index.html');
  const sources = [join(client, 'src'), join(client, 'index.html'), join(client, '../sw/src')];
  if (existsSync(index) && statSync(index).mtimeMs > Math.max(...sources.map(newest))) return;
  console.log('building the client…');
  const res = spawnSync('npm', ['run', 'build', '--', '--outDir', dist, '--emptyOutDir'], {
    cwd: client,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (res.status !== 0) throw new Error(`build failed:\n${res.stdout}\n${res.stderr}`);
}

function initialJs(): { files: { file: string; gzip: number }[]; total: number } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const urls = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1] ?? '');
  const files = urls.map((u) => ({
    file: u,
    gzip: gzipSync(readFileSync(join(dist, u.replace(/^\//, '')))).length,
  }));
  return { files, total: files.reduce((s, f) => s + f.gzip, 0) };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(1)} ms`;
function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return `min ${ms(s[0] ?? NaN)}  median ${ms(at(0.5))}  p95 ${ms(at(0.95))}  max ${ms(s[s.length - 1] ?? NaN)}  (n=${s.length})`;
}

async function seedActivities(server: RunningServer, userId: string, n: number): Promise<void> {
  const picks = ['kWh', 'km', 'kg', 'mile']
    .map((unit) => FACTORS.find((f) => f.unit === unit && (f.co2Kg !== null || f.co2eKg !== null)))
    .filter((f) => f !== undefined);
  const templates = picks.map((f) => {
    const r = calculateEmission({ factorKey: f.key, amount: 1, unit: f.unit, gwpSet: 'AR5' });
    return { f, r };
  });
  const values = templates
    .map(
      ({ f, r }, i) =>
        `(${i}, '${f.key}', '${f.unit}', '${f.category}', ${r.co2eKg}, ${r.co2Kg}, ${r.ch4Kg}, ${r.n2oKg}, ${r.factor.year}, '${r.factor.scope}', '${f.source.replace(/'/g, "''")}', '${r.co2eBasis}')`,
    )
    .join(',');
  const t0 = performance.now();
  await server.db.exec(`
    CREATE TEMP TABLE bench_t (i int, factor_key text, unit text, category text, co2e float8, co2 float8, ch4 float8, n2o float8, year int, scope text, source text, basis text);
    INSERT INTO bench_t VALUES ${values};
    CREATE TEMP TABLE bench_rows AS
      SELECT g, gen_random_uuid() AS activity_id, gen_random_uuid() AS emission_id,
             (1 + g % 50)::numeric AS amount, now() - (g * interval '5 minutes') AS ts,
             (SELECT t FROM bench_t t WHERE t.i = g % ${templates.length}) AS t
      FROM generate_series(1, ${n}) AS g;
    INSERT INTO activities (activity_id, user_id, activity_type, category, description, amount, unit, factor_key, "timestamp")
      SELECT activity_id, '${userId}', 'Bench', (t).category, 'Bench activity ' || g, amount, (t).unit, (t).factor_key, ts FROM bench_rows;
    INSERT INTO emissions (emission_id, activity_id, user_id, co2_equivalent, co2_kg, ch4_kg, n2o_kg, co2e_basis,
                           factor_key, factor_year, factor_source, gwp_set, scope, category, converted_amount, factor_unit, derivation, "timestamp")
      SELECT emission_id, activity_id, '${userId}', amount * (t).co2e, amount * (t).co2, amount * (t).ch4, amount * (t).n2o, (t).basis,
             (t).factor_key, (t).year, (t).source, 'AR5', (t).scope, (t).category, amount, (t).unit, 'bench: amount x factor', ts
      FROM bench_rows;
    DROP TABLE bench_rows; DROP TABLE bench_t;`);
  console.log(`seeded ${n} activities on the server in ${ms(performance.now() - t0)}`);
}

function launch(profile: string, offline: boolean): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    offline,
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** The cold start's steps in order: [mark or measure, label]; `db:*` come from the DB worker. */
const BOOT_STEPS: [string, string][] = [
  ['eco:worker-created', 'DB worker created'],
  ['eco:main-start', 'app script running'],
  ['db:worker-start', 'worker script running'],
  ['db:lock-granted', 'leader lock granted'],
  ['db:wasm-ready', 'wa-sqlite wasm ready'],
  ['db:vfs-ready', 'OPFS access handles ready'],
  ['db:opened', 'database open'],
  ['db:replica-checked', 'replica schema checked'],
  ['db:leader-ready', 'leader ready'],
  ['eco:db-ready', 'page sees the worker ready'],
  ['db:set-session', 'session set (end)'],
  ['db:dashboard', 'dashboard query (start)'],
  ['db:dashboard:end', 'dashboard query (end)'],
  ['eco:dashboard-interactive', 'numbers on screen'],
  ['eco:dashboard-fresh', 'fresh numbers on screen'],
];

/** The page's marks, and the start of its first dashboard query round trip. */
const pageMarks = (page: Page) =>
  page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const e of performance.getEntriesByType('mark')) out[e.name] ??= e.startTime;
    return out;
  });

/** The DB worker's boot marks and measures (their end as `<name>:end`) on the page's clock. */
async function workerMarks(page: Page): Promise<Record<string, number>> {
  const worker = page.workers().find((w) => w.url().includes('db.worker'));
  if (!worker) return {};
  const pageOrigin = await page.evaluate(() => performance.timeOrigin);
  const entries = await worker.evaluate(() =>
    performance
      .getEntries()
      .filter((e) => e.name.startsWith('db:'))
      .map((e) => ({
        name: e.name,
        at: performance.timeOrigin + e.startTime,
        end: performance.timeOrigin + e.startTime + e.duration,
        measure: e.entryType === 'measure',
      })),
  );
  const out: Record<string, number> = {};
  for (const e of entries) {
    out[e.name] ??= e.at - pageOrigin;
    if (e.measure) out[`${e.name}:end`] ??= e.end - pageOrigin;
  }
  return out;
}

/** BENCH_LOAF=1: the page's long animation frames until `until`, with their longest scripts. */
const busyMainThread = (page: Page, until: number) =>
  page.evaluate(
    (end) =>
      new Promise<string>((resolve) => {
        new PerformanceObserver((list) => {
          const frames = list.getEntries() as (PerformanceEntry & {
            scripts: {
              duration: number;
              sourceURL: string;
              sourceFunctionName: string;
              invoker: string;
            }[];
          })[];
          resolve(
            frames
              .filter((f) => f.startTime < end)
              .map(
                (f) =>
                  `    frame ${f.startTime.toFixed(0)}+${f.duration.toFixed(0)} ms: ` +
                  f.scripts
                    .map(
                      (x) =>
                        `${x.invoker} ${x.sourceURL.split('/').pop()}:${x.sourceFunctionName} ${x.duration.toFixed(0)}`,
                    )
                    .join('; '),
              )
              .join('\n'),
          );
        }).observe({ type: 'long-animation-frame', buffered: true });
      }),
    until,
  );

const measures = (page: Page, name: string) =>
  page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((e) => e.duration), name);

async function main(): Promise<void> {
  buildIfNeeded();
  const js = initialJs();
  console.log('\n== Initial JavaScript (gzip) ==');
  for (const f of js.files) console.log(`  ${f.file}  ${kb(f.gzip)}`);
  console.log(
    `  total initial JS: ${kb(js.total)}  (budget 200 KB: ${js.total <= 200 * 1024 ? 'within' : 'OVER'})`,
  );

  const server = await startServer(
    loadConfig({
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'eco-bench-')),
      LOG_LEVEL: 'silent',
    }),
    { logger: createLogger('silent') },
  );
  const profile = mkdtempSync(join(tmpdir(), 'eco-bench-profile-'));
  try {
    const username = `bench${Date.now().toString(36)}`;
    const password = 'bench password 1';
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await post('/api/v1/auth/register', { username, email: `${username}@example.com`, password });
    const tokens = (await (await post('/api/v1/auth/login', { username, password })).json()) as {
      access_token: string;
    };
    const me = (await (
      await fetch(`${server.url}/api/v1/auth/me`, {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      })
    ).json()) as { user_id: string };
    await seedActivities(server, me.user_id, ROWS);

    console.log('\n== First visit: log in and sync 100k activities ==');
    let ctx = await launch(profile, false);
    let page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Username or email', { exact: true }).fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('[data-initial-sync="done"]').waitFor({ timeout: 600_000 });
    console.log(`  login to initial sync done: ${ms(Date.now() - t0)}`);
    await page.goto(`${server.url}/activities`);
    await page
      .getByText(`${ROWS.toLocaleString('en-US')} activities`)
      .waitFor({ timeout: 120_000 });
    await ctx.close();

    console.log('\n== Offline cold start to an interactive dashboard ==');
    const runs: Record<string, number>[] = [];
    for (let i = 0; i < COLD_STARTS; i++) {
      ctx = await launch(profile, true);
      page = ctx.pages()[0] ?? (await ctx.newPage());
      await page.goto(`${server.url}/dashboard`);
      await page.getByTestId('period-total').waitFor({ timeout: 60_000 });
      // Fresh numbers need the dashboard query to finish; wait for them too.
      await page.waitForFunction(
        () => performance.getEntriesByName('eco:dashboard-fresh').length > 0,
        undefined,
        { timeout: 300_000 },
      );
      const run = { ...(await pageMarks(page)), ...(await workerMarks(page)) };
      runs.push(run);
      if (process.env.BENCH_LOAF)
        console.log(await busyMainThread(page, run['eco:dashboard-fresh'] ?? 0));
      console.log(
        `  run ${i + 1}: ${BOOT_STEPS.map(([k, label]) => `${label} ${ms(run[k] ?? NaN)}`).join(', ')}`,
      );
      if (i < COLD_STARTS - 1) await ctx.close();
    }
    console.log('  medians, ms after navigation start (worker marks on the page clock):');
    for (const [k, label] of BOOT_STEPS) {
      const xs = runs.map((r) => r[k] ?? NaN).filter((x) => !Number.isNaN(x));
      console.log(`    ${label.padEnd(34)} ${xs.length ? ms(median(xs)) : '-'}`);
    }
    const col = (k: string) => runs.map((r) => r[k] ?? NaN);
    console.log(
      `  snapshot to screen (eco:dashboard-interactive):            ${stats(col('eco:dashboard-interactive'))}  (budget 1000 ms)`,
    );
    console.log(
      `  fresh from the database to screen (eco:dashboard-fresh): ${stats(col('eco:dashboard-fresh'))}  (budget 1000 ms)`,
    );

    console.log('\n== Dashboard queries over 100k local activities ==');
    // Each period is a new query; cached ones are not re-run, so every round starts from a reload
    // (which has just queried "This month"). Only the queries the clicks start are counted: the
    // reload's first one also waits for the database to open (the cold start, measured above).
    const presets = ['This year', 'Last 12 months', 'All time', 'Last month', 'Last 30 days'];
    const dash: number[] = [];
    for (let round = 0; round < 4; round++) {
      if (round > 0) {
        await page.reload();
        // Numbers from the database (not the snapshot): the database is open before any click.
        await page.waitForFunction(
          () => performance.getEntriesByName('eco:dashboard-fresh').length > 0,
          undefined,
          { timeout: 300_000 },
        );
      }
      for (const preset of presets) {
        const before = (await measures(page, 'local:dashboard')).length;
        await page.getByLabel('Period', { exact: true }).click();
        await page.getByRole('option', { name: preset, exact: true }).click();
        // Wait for this period's query to finish before the next one, so none queue up.
        await page.waitForFunction(
          (n) => performance.getEntriesByName('local:dashboard', 'measure').length > n,
          before,
          { timeout: 120_000 },
        );
        dash.push(...(await measures(page, 'local:dashboard')).slice(before, before + 1));
      }
    }
    console.log(
      `  dashboard (totals, month comparison, categories, scopes, 12-month trend, recent): ${stats(dash)}  (budget 30 ms)`,
    );
    await page.goto(`${server.url}/activities`);
    await page.getByText(`${ROWS.toLocaleString('en-US')} activities`).waitFor({ timeout: 60_000 });
    await page.getByRole('article').first().waitFor({ timeout: 60_000 });
    console.log(`  activity count: ${stats(await measures(page, 'local:activities-count'))}`);
    console.log(
      `  activity list page (100 rows): ${stats(await measures(page, 'local:activities-page'))}`,
    );
    await ctx.close();
  } finally {
    await server.close();
  }
}

await main();
