/**
 * Activities and their emissions: the domain logic shared by the REST API and the sync write path
 * (POST /api/v1/sync/mutations). Every function takes the caller's transaction handle first; the
 * activity row and its emission are written on it together, so a refusal leaves nothing behind
 * and the change-log triggers see both rows in one transaction.
 *
 * Rules:
 *   - personal activities (org_id null) are read and written by their owner only;
 *   - organisation activities are read by every member and written by members and up (viewers
 *     read only); invisible activities answer 404, visible but not writable 403;
 *   - create is idempotent on activity_id: the same owner sending the same content again gets
 *     the stored activity back; other content (or another owner) is a 409;
 *   - the GWP set is the activity's own, else the organisation's (org activities) or the user's;
 *   - activities.factor_key records the factor actually used, so the device can recalculate
 *     from the row alone; an update changing activity_type, fuel_type or region (or sending
 *     factor_key: null) chooses the default factor again, other updates keep factor and edition.
 */
import { ActivityCreateRequestSchema, ActivityUpdateRequestSchema } from '@eco-track/shared-schema';
import type { z } from 'zod';
import type { Queryable } from '../db/types.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { computeEmission, writeEmission } from './activity-emission.ts';
import { orgGwpSet, prepareCreate, userPrefs } from './activity-create.ts';
import { lockActivity, readActivity, type ActivityWithEmission } from './activity-rows.ts';
import { canWriteOrgData, orgRole, requireOrgWriter, type Actor } from './authorization.ts';
import { uuidv7 } from './ids.ts';
import { parseOr422 as parse } from './validate.ts';

export type { ActivityWithEmission } from './activity-rows.ts';

export type { Actor } from './authorization.ts';

/** REST field names (snake_case). Validated again here, so any caller gets the same 422s. */
export type ActivityWrite = z.input<typeof ActivityCreateRequestSchema>;
/** An update's fields; `factor_key: null` asks for the default factor again. */
export type ActivityChanges = Partial<ActivityWrite> | z.input<typeof ActivityUpdateRequestSchema>;

async function mustRead(tx: Queryable, actor: Actor, id: string): Promise<ActivityWithEmission> {
  const a = await readActivity(tx, actor.userId, id);
  if (!a) throw new NotFoundError('Activity not found');
  return a;
}

const sameText = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? null) === (b ?? null);

export async function createActivity(
  tx: Queryable,
  actor: Actor,
  input: ActivityWrite,
): Promise<ActivityWithEmission> {
  const a = parse(ActivityCreateRequestSchema, input);
  const prefs = await userPrefs(tx, actor.userId);
  const orgId = a.org_id ?? null;
  if (orgId) await requireOrgWriter(tx, actor.userId, orgId);
  const gwpSet = a.gwp_set ?? (orgId ? await orgGwpSet(tx, orgId) : prefs.gwpSet);
  const { row: r, computed } = prepareCreate(actor.userId, a, gwpSet, prefs.defaultRegion);

  const inserted = await tx.query<{ activity_id: string; timestamp: string }>(
    `INSERT INTO activities (activity_id, user_id, org_id, activity_type, category, description,
        amount, unit, factor_key, fuel_type, region, location, gwp_set, data_quality, "timestamp")
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7::numeric, $8, $9, $10, $11, $12, $13, $14,
        COALESCE($15::timestamptz, now()))
     ON CONFLICT (activity_id) DO NOTHING
     RETURNING activity_id, "timestamp"`,
    [
      r.activity_id,
      r.user_id,
      r.org_id,
      r.activity_type,
      r.category,
      r.description,
      r.amount,
      r.unit,
      r.factor_key,
      r.fuel_type,
      r.region,
      r.location,
      r.gwp_set,
      r.data_quality,
      r.timestamp,
    ],
  );
  const row = inserted[0];
  if (!row) return replayCreate(tx, actor, a, r.activity_id);
  await writeEmission(
    tx,
    { activity_id: r.activity_id, user_id: actor.userId, org_id: orgId, timestamp: row.timestamp },
    computed,
    uuidv7(),
  );
  return mustRead(tx, actor, r.activity_id);
}

/** A create whose activity_id exists: the stored activity when it is the same one, else 409. */
async function replayCreate(
  tx: Queryable,
  actor: Actor,
  a: z.output<typeof ActivityCreateRequestSchema>,
  activityId: string,
): Promise<ActivityWithEmission> {
  const stored = await lockActivity(tx, activityId);
  const clash = new ConflictError(
    'An activity with this activity_id already exists with different content; use PUT to change it',
  );
  if (!stored || stored.user_id !== actor.userId) {
    throw new ConflictError('activity_id is already taken; generate a new UUID');
  }
  const same =
    (a.activity_type === undefined || a.activity_type === stored.activity_type) &&
    a.amount === stored.amount &&
    a.unit === stored.unit &&
    (a.factor_key === undefined || a.factor_key === stored.factor_key) &&
    (a.timestamp === undefined || a.timestamp === stored.timestamp) &&
    (a.description === undefined || sameText(a.description, stored.description)) &&
    (a.location === undefined || sameText(a.location, stored.location)) &&
    (a.fuel_type === undefined || sameText(a.fuel_type, stored.fuel_type)) &&
    (a.region === undefined || sameText(a.region, stored.region)) &&
    (a.org_id === undefined || sameText(a.org_id, stored.org_id)) &&
    (a.gwp_set === undefined || sameText(a.gwp_set, stored.gwp_set)) &&
    (a.data_quality === undefined || a.data_quality === stored.data_quality);
  if (!same) throw clash;
  return mustRead(tx, actor, activityId);
}

/** Partial update; recalculates the emission. */
export async function updateActivity(
  tx: Queryable,
  actor: Actor,
  activityId: string,
  changes: ActivityChanges,
): Promise<ActivityWithEmission> {
  const ch = parse(ActivityUpdateRequestSchema, changes);
  await mustRead(tx, actor, activityId); // 404 unless visible
  const cur = await lockActivity(tx, activityId);
  if (!cur) throw new NotFoundError('Activity not found');
  await requireWrite(tx, actor, cur);

  const orgChanged = ch.org_id !== undefined && (ch.org_id ?? null) !== cur.org_id;
  const orgId = orgChanged ? (ch.org_id ?? null) : cur.org_id;
  if (orgChanged) {
    if (orgId) await requireOrgWriter(tx, actor.userId, orgId);
    else if (cur.user_id !== actor.userId) {
      throw new ForbiddenError("Only the activity's creator may move it out of the organisation");
    }
  }
  const prefs = await userPrefs(tx, cur.user_id);
  const preferred = orgId ? await orgGwpSet(tx, orgId) : prefs.gwpSet;
  const ownGwp = ch.gwp_set !== undefined ? (ch.gwp_set ?? null) : cur.gwp_set;
  const gwpSet =
    ownGwp ??
    (ch.gwp_set !== undefined || orgChanged ? preferred : (cur.emission_gwp_set ?? preferred));

  const next = {
    activity_type: ch.activity_type ?? cur.activity_type,
    description: ch.description !== undefined ? ch.description : cur.description,
    amount: ch.amount ?? cur.amount,
    unit: ch.unit ?? cur.unit,
    timestamp: ch.timestamp ?? cur.timestamp,
    location: ch.location !== undefined ? ch.location : cur.location,
    fuel_type: ch.fuel_type !== undefined ? ch.fuel_type : cur.fuel_type,
    region: ch.region !== undefined ? ch.region : cur.region,
    data_quality: ch.data_quality ?? cur.data_quality,
  };
  const reselect =
    ch.factor_key === null ||
    (ch.factor_key === undefined &&
      (next.activity_type !== cur.activity_type ||
        !sameText(next.fuel_type, cur.fuel_type) ||
        !sameText(next.region, cur.region)));
  const pinned = ch.factor_key ?? (reselect ? null : cur.factor_key);
  if (ch.factor_year != null && pinned === null) {
    throw new ValidationError('factor_year: needs factor_key');
  }
  const keepEdition = pinned !== null && pinned === cur.emission_factor_key;
  const factorYear =
    ch.factor_year !== undefined
      ? (ch.factor_year ?? undefined)
      : keepEdition
        ? (cur.emission_factor_year ?? undefined)
        : undefined;
  const computed = computeEmission({
    activityType: next.activity_type,
    amount: next.amount,
    unit: next.unit,
    factorKey: pinned,
    factorYear,
    fuelType: next.fuel_type,
    region: next.region,
    gwpSet,
    defaultRegion: prefs.defaultRegion,
  });
  const factor = computed.result.factor;
  const [row] = await tx.query<{ timestamp: string }>(
    `UPDATE activities SET org_id = $2::uuid, activity_type = $3, category = $4, description = $5,
        amount = $6::numeric, unit = $7, factor_key = $8, fuel_type = $9, region = $10,
        location = $11, gwp_set = $12, data_quality = $13, "timestamp" = $14::timestamptz
      WHERE activity_id = $1::uuid RETURNING "timestamp"`,
    [
      activityId,
      orgId,
      next.activity_type,
      factor.category,
      next.description,
      String(next.amount),
      next.unit,
      factor.key,
      next.fuel_type,
      next.region,
      next.location,
      ownGwp,
      next.data_quality,
      next.timestamp,
    ],
  );
  await writeEmission(
    tx,
    {
      activity_id: activityId,
      user_id: cur.user_id,
      org_id: orgId,
      timestamp: row?.timestamp ?? next.timestamp,
    },
    computed,
    uuidv7(),
  );
  return mustRead(tx, actor, activityId);
}

async function requireWrite(
  tx: Queryable,
  actor: Actor,
  a: { user_id: string; org_id: string | null },
): Promise<void> {
  if (a.org_id) {
    if (canWriteOrgData(await orgRole(tx, actor.userId, a.org_id))) return;
    throw new ForbiddenError('Only organisation members (not viewers) may change its activities');
  }
  if (a.user_id !== actor.userId) throw new NotFoundError('Activity not found');
}

export async function deleteActivity(
  tx: Queryable,
  actor: Actor,
  activityId: string,
): Promise<void> {
  await mustRead(tx, actor, activityId);
  const cur = await lockActivity(tx, activityId);
  if (!cur) throw new NotFoundError('Activity not found');
  await requireWrite(tx, actor, cur);
  await tx.query('DELETE FROM activities WHERE activity_id = $1::uuid', [activityId]);
}
