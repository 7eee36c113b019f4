/**
 * What both ways of creating activities share: createActivity (activities.ts, one row, REST and
 * the sync path's savepoint retry) and createActivitiesInBulk (activity-bulk-create.ts, a sync
 * batch's run of inserts). The preference lookups, and the row to insert with its emission
 * calculated by the shared engine, so both write exactly the same values.
 */
import type { ActivityCreateRequestSchema } from '@eco-track/shared-schema';
import {
  ACTIVITY_TYPE_BY_CATEGORY,
  DEFAULT_GWP_SET,
  type ActivityEmission,
  type GwpSet,
} from '@eco-track/shared-schema';
import type { z } from 'zod';
import type { Queryable } from '../db/types.ts';
import { UnauthorizedError } from '../errors.ts';
import { computeEmission } from './activity-emission.ts';
import { uuidv7 } from './ids.ts';

export type CreateInput = z.output<typeof ActivityCreateRequestSchema>;

export interface Prefs {
  defaultRegion: string;
  gwpSet: GwpSet;
}

export async function userPrefs(tx: Queryable, userId: string): Promise<Prefs> {
  const [u] = await tx.query<{ default_region: string; gwp_set: GwpSet }>(
    'SELECT default_region, gwp_set FROM users WHERE user_id = $1::uuid',
    [userId],
  );
  if (!u) throw new UnauthorizedError('User no longer exists');
  return { defaultRegion: u.default_region, gwpSet: u.gwp_set };
}

export async function orgGwpSet(tx: Queryable, orgId: string): Promise<GwpSet> {
  const [o] = await tx.query<{ gwp_set: GwpSet }>(
    'SELECT gwp_set FROM organizations WHERE org_id = $1::uuid',
    [orgId],
  );
  return o?.gwp_set ?? DEFAULT_GWP_SET;
}

/**
 * An activities row as inserted (amount as its JS string form). A missing timestamp is taken here,
 * to the millisecond, so the activity and its emission carry exactly the same instant.
 */
export interface ActivityInsertRow {
  activity_id: string;
  user_id: string;
  org_id: string | null;
  activity_type: string;
  category: string;
  description: string | null;
  amount: string;
  unit: string;
  factor_key: string;
  fuel_type: string | null;
  region: string | null;
  location: string | null;
  gwp_set: GwpSet | null;
  data_quality: 'measured' | 'estimated';
  timestamp: string;
}

export interface PreparedCreate {
  row: ActivityInsertRow;
  computed: ActivityEmission;
}

/**
 * The row a validated create inserts and its emission. `gwpSet` is the activity's own, else the
 * organisation's (org activities) or the user's. Throws the engine's refusals as 422.
 */
export function prepareCreate(
  userId: string,
  a: CreateInput,
  gwpSet: GwpSet,
  defaultRegion: string,
): PreparedCreate {
  const computed = computeEmission({
    activityType: a.activity_type ?? null,
    amount: a.amount,
    unit: a.unit,
    factorKey: a.factor_key ?? null,
    factorYear: a.factor_year,
    fuelType: a.fuel_type ?? null,
    region: a.region ?? null,
    gwpSet,
    defaultRegion,
  });
  const factor = computed.result.factor;
  return {
    computed,
    row: {
      activity_id: a.activity_id ?? uuidv7(),
      user_id: userId,
      org_id: a.org_id ?? null,
      activity_type:
        a.activity_type ??
        ACTIVITY_TYPE_BY_CATEGORY[factor.category] ??
        factor.category.slice(0, 50),
      category: factor.category,
      description: a.description ?? null,
      amount: String(a.amount),
      unit: a.unit,
      factor_key: factor.key,
      fuel_type: a.fuel_type ?? null,
      region: a.region ?? null,
      location: a.location ?? null,
      gwp_set: a.gwp_set ?? null,
      data_quality: a.data_quality ?? 'measured',
      timestamp: a.timestamp ?? new Date().toISOString(),
    },
  };
}
