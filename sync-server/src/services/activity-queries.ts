/** Reads: one activity, a page of activities (newest first), an activity's emission. */
import {
  ActivityListQuerySchema,
  type Activity,
  type ActivityListQuery,
  type Emission,
} from '@eco-track/shared-schema';
import type { z } from 'zod';
import type { Queryable } from '../db/types.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import {
  ACTIVITY_COLUMNS,
  ACTIVITY_FROM,
  readActivity,
  readEmission,
  visibleTo,
} from './activity-rows.ts';
import { requireOrgRole, type Actor } from './authorization.ts';
import { parseOr422 } from './validate.ts';

export async function getActivity(
  q: Queryable,
  actor: Actor,
  activityId: string,
): Promise<Activity> {
  const a = await readActivity(q, actor.userId, activityId);
  if (!a) throw new NotFoundError('Activity not found');
  return a;
}

export async function getEmission(
  q: Queryable,
  actor: Actor,
  activityId: string,
): Promise<Emission> {
  const e = await readEmission(q, actor.userId, activityId);
  if (!e) throw new NotFoundError('Emission not found for this activity');
  return e;
}

/** The instant just after `end`: the next midnight for a date, else the instant itself. */
function endBound(end: string): { op: '<' | '<='; value: string } {
  if (/^\d{4}-\d{2}-\d{2}$/.test(end)) {
    const next = new Date(`${end}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return { op: '<', value: next.toISOString() };
  }
  const hasZone = /[zZ]$|[+-]\d{2}:?\d{2}$/.test(end);
  return { op: '<=', value: new Date(hasZone ? end : `${end}Z`).toISOString() };
}

export interface ActivityPage {
  items: Activity[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * The caller's own activities (or, with org_id, that organisation's, for any member), filtered by
 * date range, activity_type and category, newest first.
 */
export async function listActivities(
  q: Queryable,
  actor: Actor,
  query: z.input<typeof ActivityListQuerySchema> | ActivityListQuery,
): Promise<ActivityPage> {
  const f = parseOr422(ActivityListQuerySchema, query);
  const where: string[] = [];
  const params: unknown[] = [actor.userId];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.org_id) {
    await requireOrgRole(q, actor.userId, f.org_id, 'viewer');
    add((p) => `a.org_id = ${p}::uuid`, f.org_id);
    where.push(visibleTo('$1::uuid'));
  } else {
    where.push('a.user_id = $1::uuid');
  }
  if (f.start_date) add((p) => `a."timestamp" >= ${p}::timestamptz`, f.start_date);
  if (f.end_date) {
    const end = endBound(f.end_date);
    if (f.start_date && end.value < f.start_date) {
      throw new ValidationError('end_date: must not be before start_date');
    }
    add((p) => `a."timestamp" ${end.op} ${p}::timestamptz`, end.value);
  }
  if (f.activity_type) add((p) => `lower(a.activity_type) = lower(${p})`, f.activity_type);
  if (f.category) add((p) => `a.category = lower(${p})`, f.category);
  const filter = where.join(' AND ');

  const [count] = await q.query<{ n: number }>(
    `SELECT count(*)::int8 AS n FROM activities a WHERE ${filter}`,
    params,
  );
  const offset = (f.page - 1) * f.page_size;
  const items = await q.query<Activity & Record<string, unknown>>(
    `SELECT ${ACTIVITY_COLUMNS} FROM ${ACTIVITY_FROM} WHERE ${filter}
      ORDER BY a."timestamp" DESC, a.activity_id DESC
      LIMIT ${f.page_size} OFFSET ${offset}`,
    params,
  );
  return { items, total: count?.n ?? 0, page: f.page, pageSize: f.page_size };
}
