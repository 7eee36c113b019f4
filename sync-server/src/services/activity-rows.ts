/** Reading activities and emissions as the REST objects, with the visibility rule in SQL. */
import type { Activity, Emission } from '@eco-track/shared-schema';
import type { Queryable } from '../db/types.ts';

/** The REST activity object: the seed's fields plus emission_id, co2e_kg, factor_key, org_id… */
export type ActivityWithEmission = Activity;

export const ACTIVITY_COLUMNS = `
  a.activity_id, a.user_id, a.org_id, a.activity_type, a.category, a.description, a.amount,
  a.unit, a."timestamp", a.location, a.factor_key, a.fuel_type, a.region, a.gwp_set,
  a.data_quality, e.emission_id, e.co2_equivalent AS co2e_kg, e.scope, a.created_at, a.updated_at`;

export const ACTIVITY_FROM = 'activities a LEFT JOIN emissions e ON e.activity_id = a.activity_id';

/** SQL condition: activity `a` is visible to user `$n` (own, or of an organisation they belong to). */
export const visibleTo = (
  param: string,
) => `(a.user_id = ${param} OR (a.org_id IS NOT NULL AND EXISTS (
  SELECT 1 FROM memberships m WHERE m.org_id = a.org_id AND m.user_id = ${param})))`;

type ActivityRow = Activity & Record<string, unknown>;

export async function readActivity(
  q: Queryable,
  userId: string,
  activityId: string,
): Promise<ActivityWithEmission | undefined> {
  const [row] = await q.query<ActivityRow>(
    `SELECT ${ACTIVITY_COLUMNS} FROM ${ACTIVITY_FROM}
      WHERE a.activity_id = $1::uuid AND ${visibleTo('$2::uuid')}`,
    [activityId, userId],
  );
  return row;
}

/** The activity by id regardless of visibility (for authorisation decisions), locked for update. */
export async function lockActivity(
  q: Queryable,
  activityId: string,
): Promise<
  | {
      activity_id: string;
      user_id: string;
      org_id: string | null;
      activity_type: string;
      description: string | null;
      amount: number;
      unit: string;
      timestamp: string;
      location: string | null;
      factor_key: string | null;
      fuel_type: string | null;
      region: string | null;
      gwp_set: 'AR4' | 'AR5' | 'AR6' | null;
      data_quality: 'measured' | 'estimated';
      emission_factor_key: string | null;
      emission_factor_year: number | null;
      emission_gwp_set: 'AR4' | 'AR5' | 'AR6' | null;
    }
  | undefined
> {
  const [row] = await q.query<Record<string, unknown>>(
    `SELECT a.activity_id, a.user_id, a.org_id, a.activity_type, a.description, a.amount, a.unit,
            a."timestamp", a.location, a.factor_key, a.fuel_type, a.region, a.gwp_set, a.data_quality,
            e.factor_key AS emission_factor_key, e.factor_year AS emission_factor_year,
            e.gwp_set AS emission_gwp_set
       FROM activities a LEFT JOIN emissions e ON e.activity_id = a.activity_id
      WHERE a.activity_id = $1::uuid
      FOR UPDATE OF a`,
    [activityId],
  );
  return row as never;
}

type EmissionRow = Emission & Record<string, unknown>;

export async function readEmission(
  q: Queryable,
  userId: string,
  activityId: string,
): Promise<Emission | undefined> {
  const [row] = await q.query<EmissionRow>(
    `SELECT e.emission_id, e.activity_id, e.user_id, e.org_id, e.co2_equivalent, e.co2_kg, e.ch4_kg,
            e.n2o_kg, e.biogenic_co2_kg, e.co2e_basis, e.factor_key, e.factor_year, e.factor_source,
            e.gwp_set, e.scope, e.scope3_category, e.category, e.converted_amount, e.factor_unit,
            e."timestamp", e.derivation, e.created_at, e.updated_at
       FROM emissions e JOIN activities a ON a.activity_id = e.activity_id
      WHERE e.activity_id = $1::uuid AND ${visibleTo('$2::uuid')}`,
    [activityId, userId],
  );
  return row;
}
