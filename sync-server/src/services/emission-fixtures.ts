/**
 * Test fixtures for the footprint services: users, organisations and activity+emission pairs
 * written straight into the tables, so goals, reports, recommendations, challenges and
 * achievements can be tested on exact, hand-chosen numbers. Used by tests only.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Queryable } from '../db/types.ts';

let seq = 0;

export async function insertUser(db: Queryable, prefix = 'u'): Promise<string> {
  seq += 1;
  const name = `${prefix}${seq}_${randomUUID().slice(0, 8)}`;
  const [row] = await db.query<{ user_id: string }>(
    `INSERT INTO users (username, email, password_hash, user_type)
     VALUES ($1, $2, 'x', 'individual') RETURNING user_id`,
    [name, `${name}@example.com`],
  );
  if (!row) throw new Error('user insert failed');
  return row.user_id;
}

export async function insertOrg(db: Queryable, ownerId: string): Promise<string> {
  const orgId = randomUUID();
  await db.query(
    `INSERT INTO organizations (org_id, name, join_code, created_by) VALUES ($1, $2, $3, $4)`,
    [orgId, `Org ${orgId.slice(0, 6)}`, randomUUID().slice(0, 12), ownerId],
  );
  await addMember(db, orgId, ownerId, 'owner');
  return orgId;
}

export async function addMember(
  db: Queryable,
  orgId: string,
  userId: string,
  role: 'owner' | 'admin' | 'member' | 'viewer',
): Promise<void> {
  await db.query(`INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, $3)`, [
    orgId,
    userId,
    role,
  ]);
}

export interface EmissionFixture {
  userId: string;
  kg: number;
  /** ISO instant. */
  at: string;
  orgId?: string | null;
  category?: string;
  activityType?: string;
  scope?: string;
  factorKey?: string;
}

/** One activity and its emission of exactly `kg` kg CO2e at `at`. Returns the activity id. */
export async function insertEmission(db: Queryable, f: EmissionFixture): Promise<string> {
  const activityId = randomUUID();
  const category = f.category ?? 'transportation';
  await db.query(
    `INSERT INTO activities (activity_id, user_id, org_id, activity_type, category, amount, unit, "timestamp")
     VALUES ($1, $2, $3, $4, $5, 1, 'kg', $6::timestamptz)`,
    [activityId, f.userId, f.orgId ?? null, f.activityType ?? 'Transportation', category, f.at],
  );
  await db.query(
    `INSERT INTO emissions (emission_id, activity_id, user_id, org_id, co2_equivalent, co2_kg, ch4_kg,
       n2o_kg, co2e_basis, factor_key, factor_year, factor_source, gwp_set, scope, category,
       converted_amount, factor_unit, derivation, "timestamp")
     VALUES ($1, $2, $3, $4, $5::numeric, $5::numeric, 0, 0, 'source_co2e', $9, 2024,
       'test', 'AR5', $6, $7, 1, 'kg', 'fixture', $8::timestamptz)`,
    [
      randomUUID(),
      activityId,
      f.userId,
      f.orgId ?? null,
      f.kg,
      f.scope ?? '1',
      category,
      f.at,
      f.factorKey ?? 'test.factor',
    ],
  );
  return activityId;
}

/**
 * The catalogue id migrations give a slug (eco_catalog_uuid in 0015): an RFC 9562 version-8 UUID
 * from SHA-256 of 'eco-track:<kind>:<slug>'. Recomputed here to prove the ids are deterministic.
 */
export function catalogUuid(
  kind: 'recommendation' | 'challenge' | 'achievement',
  slug: string,
): string {
  const h = createHash('sha256').update(`eco-track:${kind}:${slug}`, 'utf8').digest('hex');
  const variant = '89ab'[parseInt(h.charAt(16), 16) & 3] ?? '8';
  const s = `${h.slice(0, 12)}8${h.slice(13, 16)}${variant}${h.slice(17, 32)}`;
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** A challenge row with explicit dates and criteria (tests need dates they control). */
export async function insertChallenge(
  db: Queryable,
  c: { start: string; end: string; criteria: object; points?: number; name?: string },
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO challenges (challenge_id, challenge_name, start_date, end_date, reward_points, criteria)
     VALUES ($1, $2, $3::date, $4::date, $5, $6::text::jsonb)`,
    [
      id,
      c.name ?? `Test ${id.slice(0, 6)}`,
      c.start,
      c.end,
      c.points ?? 10,
      JSON.stringify(c.criteria),
    ],
  );
  return id;
}
