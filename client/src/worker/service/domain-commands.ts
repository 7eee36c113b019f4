/** The worker API's write commands per domain (activities, goals, preferences, recommendations). */
import type {
  Activity,
  ActivityDetail,
  ActivityInput,
  EmissionPreviewInput,
  EmissionResult,
  Goal,
  GoalInput,
  Preferences,
  Recommendation,
  WriteResult,
} from '../api.ts';
import { loadEngine } from '../domain/engine.ts';
import { uuidv7 } from '../domain/uuidv7.ts';
import { getActivity } from '../queries/activity-queries.ts';
import { getGoal, getPreferences, getRecommendation } from '../queries/catalog-queries.ts';
import { EmissionError, type GwpSet } from '@eco-track/shared-schema';
import { RULES, emissionFailure, fail, runWrite, validate, type CommandDeps } from './commands.ts';

const compact = (o: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export async function previewEmission(
  deps: CommandDeps,
  input: EmissionPreviewInput,
): Promise<WriteResult<EmissionResult>> {
  const u = deps.ctx.userId
    ? await deps.db.get<{ gwp_set: GwpSet; default_region: string }>(
        'SELECT gwp_set, default_region FROM users WHERE user_id = ?',
        [deps.ctx.userId],
      )
    : undefined;
  if (!Number.isFinite(input.amount))
    return fail('invalid_amount', 'amount: must be a number', 'amount');
  const { activityEmission } = await loadEngine();
  try {
    const c = activityEmission({
      activityType: input.activity_type ?? null,
      amount: input.amount,
      unit: input.unit,
      factorKey: input.factor_key ?? null,
      fuelType: null,
      region: input.region ?? null,
      gwpSet: input.gwp_set ?? u?.gwp_set ?? 'AR5',
      defaultRegion: u?.default_region ?? 'GLOBAL',
    });
    return { ok: true, value: { ...c.result, derivation: c.derivation } };
  } catch (err) {
    if (err instanceof EmissionError) return emissionFailure(err);
    throw err;
  }
}

export async function logActivity(
  deps: CommandDeps,
  input: ActivityInput & { activity_id?: string },
): Promise<WriteResult<ActivityDetail>> {
  const activityId = input.activity_id ?? uuidv7(deps.now());
  // The same insert again (a tab resending an unanswered call) answers the row as it is.
  const existing = input.activity_id ? await getActivity(deps.db, activityId) : null;
  if (existing) return { ok: true, value: existing };
  const v = validate(RULES.activities.insert, compact({ ...input, activity_id: activityId }));
  if (!v.ok) return v;
  const w = await runWrite(deps, 'activities', 'insert', activityId, compact(v.value));
  if (!w.ok) return w;
  const detail = await getActivity(deps.db, activityId);
  return detail ? { ok: true, value: detail } : fail('not_found', 'Activity not found');
}

export async function updateActivity(
  deps: CommandDeps,
  activityId: string,
  changes: Partial<ActivityInput>,
): Promise<WriteResult<ActivityDetail>> {
  const v = validate(RULES.activities.update, changes);
  if (!v.ok) return v;
  const w = await runWrite(deps, 'activities', 'update', activityId, {
    ...compact(v.value),
    activity_id: activityId,
  });
  if (!w.ok) return w;
  const detail = await getActivity(deps.db, activityId);
  return detail ? { ok: true, value: detail } : fail('not_found', 'Activity not found');
}

export async function deleteActivity(
  deps: CommandDeps,
  activityId: string,
): Promise<WriteResult<Activity>> {
  const current = await getActivity(deps.db, activityId);
  if (!current) return fail('not_found', 'Activity not found');
  const w = await runWrite(deps, 'activities', 'delete', activityId, { activity_id: activityId });
  if (!w.ok) return w;
  const { emission: _e, pending: _p, ...activity } = current;
  return { ok: true, value: activity };
}

export async function restoreActivity(
  deps: CommandDeps,
  a: Activity,
): Promise<WriteResult<ActivityDetail>> {
  return logActivity(deps, {
    activity_id: a.activity_id,
    activity_type: a.activity_type,
    ...(a.factor_key ? { factor_key: a.factor_key } : {}),
    amount: a.amount,
    unit: a.unit,
    timestamp: a.timestamp,
    description: a.description,
    fuel_type: a.fuel_type,
    region: a.region,
    location: a.location,
    gwp_set: a.gwp_set,
    data_quality: a.data_quality,
    org_id: a.org_id,
  });
}

export async function createGoal(
  deps: CommandDeps,
  input: GoalInput & { goal_id?: string },
): Promise<WriteResult<Goal>> {
  const goalId = input.goal_id ?? uuidv7(deps.now());
  const existing = input.goal_id ? await getGoal(deps.db, goalId) : null;
  if (existing) return { ok: true, value: existing };
  const v = validate(RULES.goals.insert, compact({ ...input, goal_id: goalId }));
  if (!v.ok) return v;
  const w = await runWrite(deps, 'goals', 'insert', goalId, {
    status: 'active',
    current_value: null,
    ...compact(v.value),
  });
  if (!w.ok) return w;
  const goal = await getGoal(deps.db, goalId);
  return goal ? { ok: true, value: goal } : fail('not_found', 'Goal not found');
}

export async function updateGoal(
  deps: CommandDeps,
  goalId: string,
  changes: Partial<GoalInput>,
): Promise<WriteResult<Goal>> {
  if (!(await getGoal(deps.db, goalId))) return fail('not_found', 'Goal not found');
  const v = validate(RULES.goals.update, changes);
  if (!v.ok) return v;
  const w = await runWrite(deps, 'goals', 'update', goalId, {
    ...compact(v.value),
    goal_id: goalId,
  });
  if (!w.ok) return w;
  const goal = await getGoal(deps.db, goalId);
  return goal ? { ok: true, value: goal } : fail('not_found', 'Goal not found');
}

export async function deleteGoal(
  deps: CommandDeps,
  goalId: string,
): Promise<WriteResult<{ goal_id: string }>> {
  if (!(await getGoal(deps.db, goalId))) return fail('not_found', 'Goal not found');
  const w = await runWrite(deps, 'goals', 'delete', goalId, { goal_id: goalId });
  return w.ok ? { ok: true, value: { goal_id: goalId } } : w;
}

export async function updatePreferences(
  deps: CommandDeps,
  changes: Partial<Preferences>,
): Promise<WriteResult<Preferences>> {
  const userId = deps.ctx.userId;
  if (!userId) return fail('not_signed_in', 'log in to change your preferences');
  const v = validate(RULES.users.update, changes);
  if (!v.ok) return v;
  const w = await runWrite(deps, 'users', 'update', userId, {
    ...compact(v.value),
    user_id: userId,
  });
  if (!w.ok) return w;
  const prefs = await getPreferences(deps.db, userId);
  return prefs ? { ok: true, value: prefs } : fail('not_found', 'your profile has not synced yet');
}

export async function markRecommendation(
  deps: CommandDeps,
  recommendationId: string,
  flags: { seen?: boolean; acted_on?: boolean },
): Promise<WriteResult<Recommendation>> {
  const marks = compact({ seen: flags.seen || undefined, acted_on: flags.acted_on || undefined });
  if (Object.keys(marks).length === 0) {
    return fail('validation', 'give seen and/or acted_on as true (marks cannot be taken back)');
  }
  const current = await getRecommendation(deps.db, deps.ctx.userId, recommendationId);
  if (!current) return fail('not_found', 'Recommendation not found');
  const existing = await deps.db.get<{ id: string }>(
    'SELECT user_recommendation_id AS id FROM user_recommendations WHERE user_id = ? AND recommendation_id = ?',
    [deps.ctx.userId, recommendationId],
  );
  const w = existing
    ? await runWrite(deps, 'user_recommendations', 'update', existing.id, {
        ...marks,
        user_recommendation_id: existing.id,
      })
    : await (async () => {
        const id = uuidv7(deps.now());
        return runWrite(deps, 'user_recommendations', 'insert', id, {
          user_recommendation_id: id,
          recommendation_id: recommendationId,
          seen: false,
          acted_on: false,
          ...marks,
        });
      })();
  if (!w.ok) return w;
  const after = await getRecommendation(deps.db, deps.ctx.userId, recommendationId);
  return after ? { ok: true, value: after } : fail('not_found', 'Recommendation not found');
}
