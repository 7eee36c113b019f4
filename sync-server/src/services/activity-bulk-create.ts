/**
 * Creates many activities of one user at once: the sync write path's common case (a device
 * flushing a run of offline inserts). The rules are createActivity's (activities.ts), applied to
 * every input in order, with the database work batched:
 *
 *   every input: validate (zod) ─► user's preferences (1 query) ─► org roles and GWP sets
 *     (1 query, only when some input names an organisation) ─► emission by the shared engine
 *   then ONE statement inserts every new activity and its emission (unnest arrays), so the
 *   statement-level triggers (change capture, ESG and leaderboard rollups) run once per run.
 *
 * Outcome per input, in order:
 *   created   the activity and its emission were inserted;
 *   refused   refused before anything was written (the error createActivity would have thrown);
 *   exists    its activity_id already exists (stored before, or earlier in this run): nothing was
 *             written, and the caller answers it through createActivity, whose replay rules
 *             (same content: the stored activity; else 409) then apply.
 * Errors from the statement itself (e.g. a constraint) are thrown: the caller decides.
 */
import {
  ActivityCreateRequestSchema,
  DEFAULT_GWP_SET,
  type GwpSet,
  type OrgRole,
} from '@eco-track/shared-schema';
import type { Queryable } from '../db/types.ts';
import { emissionFigures } from './activity-emission.ts';
import {
  prepareCreate,
  userPrefs,
  type ActivityInsertRow,
  type CreateInput,
  type PreparedCreate,
} from './activity-create.ts';
import { assertOrgWriter, type Actor } from './authorization.ts';
import { uuidv7 } from './ids.ts';
import { parseOr422 } from './validate.ts';

export type BulkCreateOutcome =
  { kind: 'created' } | { kind: 'refused'; error: unknown } | { kind: 'exists' };

/** Column and SQL array type of every inserted activities value. */
const ACTIVITY_COLUMNS: readonly [keyof ActivityInsertRow, string][] = [
  ['activity_id', 'uuid'],
  ['org_id', 'uuid'],
  ['activity_type', 'text'],
  ['category', 'text'],
  ['description', 'text'],
  ['amount', 'numeric'],
  ['unit', 'text'],
  ['factor_key', 'text'],
  ['fuel_type', 'text'],
  ['region', 'text'],
  ['location', 'text'],
  ['gwp_set', 'text'],
  ['data_quality', 'text'],
  ['timestamp', 'timestamptz'],
];

type Figures = ReturnType<typeof emissionFigures>;
const EMISSION_COLUMNS: readonly [keyof Figures, string][] = [
  ['co2_equivalent', 'numeric'],
  ['co2_kg', 'numeric'],
  ['ch4_kg', 'numeric'],
  ['n2o_kg', 'numeric'],
  ['biogenic_co2_kg', 'numeric'],
  ['co2e_basis', 'text'],
  ['factor_key', 'text'],
  ['factor_year', 'int'],
  ['factor_source', 'text'],
  ['gwp_set', 'text'],
  ['scope', 'text'],
  ['scope3_category', 'smallint'],
  ['category', 'text'],
  ['converted_amount', 'numeric'],
  ['factor_unit', 'text'],
  ['derivation', 'text'],
];

const q = (c: string) => `"${c}"`;
const aCols = ACTIVITY_COLUMNS.map(([c]) => c);
const eCols = EMISSION_COLUMNS.map(([c]) => c);
// $1 user; $2.. the activity arrays; then the emission ids and figure arrays.
const eBase = 2 + ACTIVITY_COLUMNS.length;
const INSERT_SQL = `
  WITH v AS (
    SELECT * FROM unnest(${ACTIVITY_COLUMNS.map(([, t], i) => `$${i + 2}::${t}[]`).join(', ')})
      WITH ORDINALITY AS v(${aCols.map(q).join(', ')}, ord)
  ), ins AS (
    INSERT INTO activities (user_id, ${aCols.map(q).join(', ')})
    SELECT $1::uuid, ${aCols.map((c) => (c === 'timestamp' ? 'COALESCE(v."timestamp", now())' : `v.${q(c)}`)).join(', ')}
    FROM v ORDER BY v.ord
    ON CONFLICT (activity_id) DO NOTHING
    RETURNING activity_id, user_id, org_id, "timestamp"
  )
  INSERT INTO emissions (emission_id, activity_id, user_id, org_id, ${eCols.map(q).join(', ')}, "timestamp")
  SELECT e.emission_id, ins.activity_id, ins.user_id, ins.org_id, ${eCols.map((c) => `e.${q(c)}`).join(', ')},
    ins."timestamp"
  FROM ins JOIN unnest($${eBase}::uuid[], $${eBase + 1}::uuid[], ${EMISSION_COLUMNS.map(([, t], i) => `$${eBase + 2 + i}::${t}[]`).join(', ')})
    AS e(activity_id, emission_id, ${eCols.map(q).join(', ')}) ON e.activity_id = ins.activity_id
  RETURNING activity_id`;

interface OrgFacts {
  role: OrgRole | null;
  gwpSet: GwpSet;
}

async function orgFacts(
  tx: Queryable,
  userId: string,
  orgIds: readonly string[],
): Promise<Map<string, OrgFacts>> {
  const rows = await tx.query<{ org_id: string; role: OrgRole | null; gwp_set: GwpSet | null }>(
    `SELECT id::text AS org_id, m.role, o.gwp_set
       FROM unnest($1::uuid[]) AS id
       LEFT JOIN organizations o ON o.org_id = id
       LEFT JOIN memberships m ON m.org_id = id AND m.user_id = $2::uuid`,
    [orgIds, userId],
  );
  return new Map(
    rows.map((r) => [r.org_id, { role: r.role, gwpSet: r.gwp_set ?? DEFAULT_GWP_SET }]),
  );
}

export async function createActivitiesInBulk(
  tx: Queryable,
  actor: Actor,
  /** Rows as received (REST field names): each is validated here, as createActivity does. */
  inputs: readonly unknown[],
): Promise<BulkCreateOutcome[]> {
  const out: BulkCreateOutcome[] = [];
  const valid = new Map<number, CreateInput>();
  inputs.forEach((input, i) => {
    try {
      valid.set(i, parseOr422(ActivityCreateRequestSchema, input));
      out.push({ kind: 'created' });
    } catch (error) {
      out.push({ kind: 'refused', error });
    }
  });
  if (valid.size === 0) return out;

  let prefs: Awaited<ReturnType<typeof userPrefs>>;
  try {
    prefs = await userPrefs(tx, actor.userId);
  } catch (error) {
    for (const i of valid.keys()) out[i] = { kind: 'refused', error };
    return out;
  }
  const orgIds = [
    ...new Set([...valid.values()].flatMap((a) => (a.org_id ? [a.org_id.toLowerCase()] : []))),
  ];
  const orgs = orgIds.length
    ? await orgFacts(tx, actor.userId, orgIds)
    : new Map<string, OrgFacts>();

  const fresh: PreparedCreate[] = [];
  const freshAt = new Map<number, string>();
  const taken = new Set<string>();
  for (const [i, a] of valid) {
    try {
      const orgId = a.org_id?.toLowerCase() ?? null;
      const org = orgId ? orgs.get(orgId) : undefined;
      if (orgId) assertOrgWriter(org?.role ?? null);
      const gwpSet = a.gwp_set ?? (orgId ? (org?.gwpSet ?? DEFAULT_GWP_SET) : prefs.gwpSet);
      const p = prepareCreate(actor.userId, a, gwpSet, prefs.defaultRegion);
      const id = p.row.activity_id.toLowerCase();
      if (taken.has(id)) {
        out[i] = { kind: 'exists' };
        continue;
      }
      taken.add(id);
      freshAt.set(i, id);
      fresh.push(p);
    } catch (error) {
      out[i] = { kind: 'refused', error };
    }
  }
  if (fresh.length === 0) return out;

  const figures = fresh.map((p) => emissionFigures(p.computed));
  const inserted = await tx.query<{ activity_id: string }>(INSERT_SQL, [
    actor.userId,
    ...ACTIVITY_COLUMNS.map(([c]) => fresh.map((p) => p.row[c])),
    fresh.map((p) => p.row.activity_id),
    fresh.map(() => uuidv7()),
    ...EMISSION_COLUMNS.map(([c]) => figures.map((f) => f[c])),
  ]);
  const created = new Set(inserted.map((r) => r.activity_id.toLowerCase()));
  for (const [i, id] of freshAt) if (!created.has(id)) out[i] = { kind: 'exists' };
  return out;
}
