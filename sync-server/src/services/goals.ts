/**
 * Goals: CRUD plus progress measured from stored emissions.
 *
 * THE RULE (dates are UTC days; see periods.ts). Let the goal period P be [start_date, end_date],
 * L its length in days, and O the part of P that has elapsed at `now` (empty before start_date,
 * all of P after end_date). The subject is the goal's user, or its organisation for an org goal.
 *
 *  - unit "%" (percent_reduction): the baseline B is the subject's kg CO2e in O shifted back by
 *    L days, i.e. the matching part of the same-length period just before start_date (while a
 *    goal runs, day 1..k of the goal is compared with day 1..k of the baseline period, so a bill
 *    logged on the 1st of each month compares like with like). A is the kg CO2e in O.
 *    current_value = (B - A) / B x 100, rounded to 2 decimals (negative when emissions rose);
 *    null when nothing can be compared yet: O is empty (the goal is in the future) or B = 0
 *    (no baseline emissions; a reduction from nothing cannot be measured).
 *  - unit "kg CO2e" / "kg" (absolute_budget): current_value = A, the kg CO2e emitted so far.
 *
 *  status: 'active' until end_date has passed (now < end_date + 1 day 00:00Z); then
 *    percent: 'completed' when the reduction over the whole period reaches target_value,
 *             'failed' otherwise, including when there was no baseline to compare with;
 *    budget:  'completed' when A <= target_value, 'failed' otherwise.
 *
 * current_value and status are recomputed whenever a goal is read or written and stored back on
 * the row (only when they changed), so the synced copy on devices stays current.
 *
 * Access: a personal goal is its user's alone. An organisation goal is read by every member
 * (viewers too) and written by owners and admins, or by the member who created it.
 */
import {
  goalProblems,
  goalRuleForUnit,
  type Goal,
  type GoalCreateRequest,
  type GoalListQuery,
  type GoalStatus,
  type GoalUpdateRequest,
} from '@eco-track/shared-schema';
import type { Queryable } from '../db/types.ts';
import { uuidv7 } from './ids.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { sumEmissions, type Subject } from './footprint.ts';
import { orgRole } from './authorization.ts';
import { requireMember, requireWriter } from './org-access.ts';
import { daysInclusive, elapsedPart, isEmpty, periodWindow, round, shiftDays } from './periods.ts';

export interface Actor {
  userId: string;
}
export interface Clock {
  /** The instant progress is measured at; defaults to the current time. */
  now?: Date;
}

interface GoalRow {
  goal_id: string;
  user_id: string;
  org_id: string | null;
  goal_type: string;
  description: string | null;
  target_value: number;
  unit: string;
  start_date: string;
  end_date: string;
  current_value: number | null;
  status: GoalStatus;
  created_at: string;
  updated_at: string;
  [k: string]: unknown;
}

export interface GoalProgress {
  current_value: number | null;
  status: GoalStatus;
  baseline_value: number | null;
  period_emissions: number;
}

const COLUMNS = `goal_id, user_id, org_id, goal_type, description, target_value, unit, start_date,
  end_date, current_value, status, created_at, updated_at`;

/** Measures a goal at `now` (see THE RULE above). */
export async function measureGoal(
  tx: Queryable,
  goal: Pick<GoalRow, 'user_id' | 'org_id' | 'unit' | 'target_value' | 'start_date' | 'end_date'>,
  now: Date,
): Promise<GoalProgress> {
  const subject: Subject = goal.org_id ? { orgId: goal.org_id } : { userId: goal.user_id };
  const period = periodWindow(goal.start_date, goal.end_date);
  const seen = elapsedPart(period, now);
  const ended = now.getTime() >= period.to.getTime();
  const actual = await sumEmissions(tx, subject, seen);
  if (goalRuleForUnit(goal.unit) === 'absolute_budget') {
    return {
      current_value: actual,
      status: ended ? (actual <= goal.target_value ? 'completed' : 'failed') : 'active',
      baseline_value: null,
      period_emissions: actual,
    };
  }
  const length = daysInclusive(goal.start_date, goal.end_date);
  const baseline = isEmpty(seen) ? null : await sumEmissions(tx, subject, shiftDays(seen, -length));
  const reduction =
    baseline !== null && baseline > 0 ? ((baseline - actual) / baseline) * 100 : null;
  let status: GoalStatus = 'active';
  if (ended) status = reduction !== null && reduction >= goal.target_value ? 'completed' : 'failed';
  return {
    current_value: reduction === null ? null : round(reduction, 2),
    status,
    baseline_value: baseline,
    period_emissions: actual,
  };
}

/** Measures the goal and stores current_value/status back when they changed. */
async function refresh(tx: Queryable, row: GoalRow, now: Date): Promise<Goal> {
  const p = await measureGoal(tx, row, now);
  let current = row;
  if (p.current_value !== row.current_value || p.status !== row.status) {
    const [updated] = await tx.query<GoalRow>(
      `UPDATE goals SET current_value = $2::numeric, status = $3 WHERE goal_id = $1::uuid
       RETURNING ${COLUMNS}`,
      [row.goal_id, p.current_value, p.status],
    );
    if (updated) current = updated;
  }
  return {
    goal_id: current.goal_id,
    user_id: current.user_id,
    org_id: current.org_id,
    goal_type: current.goal_type,
    description: current.description,
    target_value: current.target_value,
    unit: current.unit,
    start_date: current.start_date,
    end_date: current.end_date,
    current_value: p.current_value,
    status: p.status,
    baseline_value: p.baseline_value,
    period_emissions: p.period_emissions,
    created_at: current.created_at,
    updated_at: current.updated_at,
  };
}

async function loadGoal(
  tx: Queryable,
  goalId: string,
  forUpdate = false,
): Promise<GoalRow | undefined> {
  const [row] = await tx.query<GoalRow>(
    `SELECT ${COLUMNS} FROM goals WHERE goal_id = $1::uuid${forUpdate ? ' FOR UPDATE' : ''}`,
    [goalId],
  );
  return row;
}

/** The goal if the actor may read it; otherwise 404 (its existence is not revealed). */
async function readable(tx: Queryable, actor: Actor, goalId: string, forUpdate = false) {
  const row = await loadGoal(tx, goalId, forUpdate);
  if (!row) throw new NotFoundError('Goal not found');
  if (row.org_id === null) {
    if (row.user_id !== actor.userId) throw new NotFoundError('Goal not found');
  } else if (!(await orgRole(tx, actor.userId, row.org_id))) {
    throw new NotFoundError('Goal not found');
  }
  return row;
}

/** The goal if the actor may change it: 404 when they cannot see it, 403 when they only read. */
async function writable(tx: Queryable, actor: Actor, goalId: string): Promise<GoalRow> {
  const row = await readable(tx, actor, goalId, true);
  if (row.org_id !== null) {
    const role = await requireWriter(
      tx,
      actor.userId,
      row.org_id,
      "change the organisation's goals",
    );
    if (role === 'member' && row.user_id !== actor.userId) {
      throw new ForbiddenError(
        "Only the goal's creator, an owner or an admin can change this goal",
      );
    }
  }
  return row;
}

function sameContent(row: GoalRow, input: GoalCreateRequest): boolean {
  return (
    row.goal_type === input.goal_type &&
    (row.description ?? null) === (input.description ?? null) &&
    row.target_value === input.target_value &&
    row.unit === input.unit &&
    row.start_date === input.start_date &&
    row.end_date === input.end_date &&
    row.org_id === (input.org_id ?? null)
  );
}

/**
 * Creates a goal. With a client goal_id that already exists: the same owner and content returns
 * the existing goal (a retried create); anything else is a 409.
 */
export async function createGoal(
  tx: Queryable,
  actor: Actor,
  input: GoalCreateRequest,
  clock: Clock = {},
): Promise<{ goal: Goal; created: boolean }> {
  const now = clock.now ?? new Date();
  const orgId = input.org_id ?? null;
  if (orgId) await requireWriter(tx, actor.userId, orgId, 'create organisation goals');
  const goalId = input.goal_id ?? uuidv7();
  if (input.goal_id) {
    const existing = await loadGoal(tx, input.goal_id);
    if (existing) {
      if (existing.user_id === actor.userId && sameContent(existing, input)) {
        return { goal: await refresh(tx, existing, now), created: false };
      }
      throw new ConflictError('A goal with this goal_id already exists');
    }
  }
  const [row] = await tx.query<GoalRow>(
    `INSERT INTO goals (goal_id, user_id, org_id, goal_type, description, target_value, unit,
                        start_date, end_date)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6::numeric, $7, $8::date, $9::date)
     RETURNING ${COLUMNS}`,
    [
      goalId,
      actor.userId,
      orgId,
      input.goal_type,
      input.description ?? null,
      input.target_value,
      input.unit,
      input.start_date,
      input.end_date,
    ],
  );
  if (!row) throw new Error('goal insert returned no row');
  return { goal: await refresh(tx, row, now), created: true };
}

export async function getGoal(
  tx: Queryable,
  actor: Actor,
  goalId: string,
  clock: Clock = {},
): Promise<Goal> {
  return refresh(tx, await readable(tx, actor, goalId), clock.now ?? new Date());
}

/**
 * The actor's personal goals, or with org_id the organisation's goals (any member), newest
 * period first. Status is computed, so every goal in scope is measured before filtering and
 * paging (people and organisations hold tens of goals, not thousands).
 */
export async function listGoals(
  tx: Queryable,
  actor: Actor,
  query: GoalListQuery,
  clock: Clock = {},
): Promise<Goal[]> {
  const now = clock.now ?? new Date();
  if (query.org_id) await requireMember(tx, actor.userId, query.org_id);
  const where = query.org_id ? 'org_id = $1::uuid' : 'user_id = $1::uuid AND org_id IS NULL';
  const rows = await tx.query<GoalRow>(
    `SELECT ${COLUMNS} FROM goals WHERE ${where}
     ORDER BY start_date DESC, created_at DESC, goal_id`,
    [query.org_id ?? actor.userId],
  );
  const goals: Goal[] = [];
  for (const row of rows) goals.push(await refresh(tx, row, now));
  const offset = (query.page - 1) * query.page_size;
  return goals
    .filter((g) => !query.status || g.status === query.status)
    .slice(offset, offset + query.page_size);
}

export async function updateGoal(
  tx: Queryable,
  actor: Actor,
  goalId: string,
  changes: GoalUpdateRequest,
  clock: Clock = {},
): Promise<Goal> {
  const row = await writable(tx, actor, goalId);
  const next = {
    goal_type: changes.goal_type ?? row.goal_type,
    description: changes.description === undefined ? row.description : changes.description,
    target_value: changes.target_value ?? row.target_value,
    unit: changes.unit ?? row.unit,
    start_date: changes.start_date ?? row.start_date,
    end_date: changes.end_date ?? row.end_date,
  };
  const problems = goalProblems(next);
  if (problems.length) {
    throw new ValidationError(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  }
  const [updated] = await tx.query<GoalRow>(
    `UPDATE goals SET goal_type = $2, description = $3, target_value = $4::numeric, unit = $5,
            start_date = $6::date, end_date = $7::date
      WHERE goal_id = $1::uuid RETURNING ${COLUMNS}`,
    [
      goalId,
      next.goal_type,
      next.description,
      next.target_value,
      next.unit,
      next.start_date,
      next.end_date,
    ],
  );
  if (!updated) throw new NotFoundError('Goal not found');
  return refresh(tx, updated, clock.now ?? new Date());
}

export async function deleteGoal(tx: Queryable, actor: Actor, goalId: string): Promise<void> {
  await writable(tx, actor, goalId);
  await tx.query('DELETE FROM goals WHERE goal_id = $1::uuid', [goalId]);
}

/**
 * Re-measures every personal goal of a user (after their activities changed) and returns them.
 * Used by the achievements evaluation (goals completed, kg reduced).
 */
export async function refreshUserGoals(tx: Queryable, userId: string, now: Date): Promise<Goal[]> {
  const rows = await tx.query<GoalRow>(
    `SELECT ${COLUMNS} FROM goals WHERE user_id = $1::uuid AND org_id IS NULL ORDER BY goal_id`,
    [userId],
  );
  const out: Goal[] = [];
  for (const row of rows) out.push(await refresh(tx, row, now));
  return out;
}
