/**
 * Test data for ESG and leaderboard tests, written with SQL straight into the tables (the REST
 * write path belongs to another module): users, organisations, memberships, and activities with
 * their emissions in one statement per batch.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/types.ts';

export async function insertUser(
  db: Queryable,
  opts: { username?: string; displayName?: string | null; optIn?: boolean } = {},
): Promise<string> {
  const id = randomUUID();
  const username = opts.username ?? `u_${id.slice(0, 8)}`;
  await db.query(
    `INSERT INTO users (user_id, username, email, password_hash, user_type, display_name, leaderboard_opt_in)
     VALUES ($1::uuid, $2, $3, 'x', 'business', $4, $5::boolean)`,
    [id, username, `${username}@example.test`, opts.displayName ?? null, opts.optIn ?? false],
  );
  return id;
}

export async function insertOrg(
  db: Queryable,
  opts: {
    name?: string;
    employees?: number | null;
    revenue?: number | null;
    baseYear?: number | null;
    industry?: string | null;
  } = {},
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO organizations (org_id, name, join_code, employees, revenue, base_year, industry)
     VALUES ($1::uuid, $2, $3, $4::int, $5::numeric, $6::int, $7)`,
    [
      id,
      opts.name ?? 'Acme Ltd',
      id.slice(0, 12),
      opts.employees ?? null,
      opts.revenue ?? null,
      opts.baseYear ?? null,
      opts.industry ?? null,
    ],
  );
  return id;
}

export async function addMember(
  db: Queryable,
  orgId: string,
  userId: string,
  role: 'owner' | 'admin' | 'member' | 'viewer',
): Promise<void> {
  await db.query(
    'INSERT INTO memberships (org_id, user_id, role) VALUES ($1::uuid, $2::uuid, $3)',
    [orgId, userId, role],
  );
}

export interface EmissionSpec {
  userId: string;
  orgId?: string | null;
  timestamp: string;
  scope: '1' | '2' | '3' | '2+3';
  scope3Category?: number | null;
  factorKey?: string;
  factorYear?: number;
  factorSource?: string;
  gwpSet?: 'AR4' | 'AR5' | 'AR6';
  /** decimal strings keep the numbers exact end to end */
  co2e: string;
  co2?: string;
  ch4?: string;
  n2o?: string;
  biogenic?: string;
  convertedAmount?: string;
  factorUnit?: string;
  dataQuality?: 'measured' | 'estimated';
  category?: string;
}

/** Inserts activities and their emissions; returns the activity ids in order. */
export async function insertEmissions(
  db: Queryable,
  specs: readonly EmissionSpec[],
): Promise<string[]> {
  const rows = specs.map((s) => ({
    activity_id: randomUUID(),
    emission_id: randomUUID(),
    user_id: s.userId,
    org_id: s.orgId ?? null,
    ts: s.timestamp,
    scope: s.scope,
    cat: s.scope3Category ?? null,
    key: s.factorKey ?? `test.factor.${s.scope.replace('+', '_')}.unit.global`,
    year: s.factorYear ?? 2024,
    source: s.factorSource ?? 'Test source 2024',
    gwp: s.gwpSet ?? 'AR5',
    co2e: s.co2e,
    co2: s.co2 ?? '0',
    ch4: s.ch4 ?? '0',
    n2o: s.n2o ?? '0',
    bio: s.biogenic ?? '0',
    amount: s.convertedAmount ?? '1',
    unit: s.factorUnit ?? 'kg',
    dq: s.dataQuality ?? 'measured',
    category: s.category ?? 'other',
  }));
  if (rows.length === 0) return [];
  await db.query(
    `WITH r AS (SELECT * FROM jsonb_to_recordset($1::text::jsonb) AS x(activity_id uuid, emission_id uuid,
        user_id uuid, org_id uuid, ts timestamptz, scope text, cat smallint, key text, year int,
        source text, gwp text, co2e numeric, co2 numeric, ch4 numeric, n2o numeric, bio numeric,
        amount numeric, unit text, dq text, category text)),
     a AS (INSERT INTO activities (activity_id, user_id, org_id, activity_type, category, amount,
             unit, factor_key, data_quality, "timestamp")
           SELECT activity_id, user_id, org_id, 'Test', category, amount, unit, key, dq, ts FROM r
           RETURNING 1)
     SELECT count(*) FROM a`,
    [JSON.stringify(rows)],
  );
  await db.query(
    `INSERT INTO emissions (emission_id, activity_id, user_id, org_id, co2_equivalent, co2_kg, ch4_kg,
       n2o_kg, biogenic_co2_kg, co2e_basis, factor_key, factor_year, factor_source, gwp_set, scope,
       scope3_category, category, converted_amount, factor_unit, derivation, "timestamp")
     SELECT emission_id, activity_id, user_id, org_id, co2e, co2, ch4, n2o, bio, 'per_gas', key, year,
       source, gwp, scope, cat, category, amount, unit, 'test', ts
     FROM jsonb_to_recordset($1::text::jsonb) AS x(activity_id uuid, emission_id uuid, user_id uuid,
       org_id uuid, ts timestamptz, scope text, cat smallint, key text, year int, source text,
       gwp text, co2e numeric, co2 numeric, ch4 numeric, n2o numeric, bio numeric, amount numeric,
       unit text, dq text, category text)`,
    [JSON.stringify(rows)],
  );
  return rows.map((r) => r.activity_id);
}

/** The two UK grid part factors the '2+3' split needs (no-op when the factor seed has them). */
export async function ensureUkGridSplitFactors(db: Queryable): Promise<void> {
  const parts: [string, string, number, number | null][] = [
    ['electricity.uk_grid.generation.kwh.gb', '2', 0.20705, null],
    ['electricity.uk_grid.td_losses.kwh.gb', '3', 0.0183, 3],
    ['electricity.uk_grid.incl_td.kwh.gb', '2+3', 0.22535, 3],
  ];
  for (const [key, scope, co2e, cat] of parts) {
    await db.query(
      `INSERT INTO emission_factors (emission_factor_id, key, year, category, activity_type, region,
         unit, co2e_kg, co2e_gwp_set, scope, scope3_category, source)
       VALUES (gen_random_uuid(), $1, 2024, 'energy', 'UK electricity', 'GB', 'kWh', $2::float8,
         'AR5', $3, $4::smallint, 'UK DESNZ/Defra 2024')
       ON CONFLICT (key, year) DO NOTHING`,
      [key, co2e, scope, cat],
    );
  }
}

/** Exact decimal arithmetic for expected values: amounts as integer micro-units. */
export const micro = (s: string): bigint => {
  const [i = '0', f = ''] = s.split('.');
  const neg = i.startsWith('-');
  const v = BigInt(i.replace('-', '')) * 1_000_000n + BigInt((f + '000000').slice(0, 6));
  return neg ? -v : v;
};
export const fromMicro = (v: bigint): number => {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const s = `${a / 1_000_000n}.${(a % 1_000_000n).toString().padStart(6, '0')}`;
  return Number(neg ? `-${s}` : s);
};
