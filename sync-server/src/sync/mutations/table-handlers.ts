/**
 * One handler per writable table: validate the row or changes with the table's shared schema,
 * then apply it through the domain services (which authorise, and for activities recalculate the
 * emission with the shared engine). Handlers throw the named AppErrors for refusals.
 */
import { MUTATION_TABLE_RULES, type Mutation, type WritableTable } from '@eco-track/shared-schema';
import type { Queryable } from '../../db/types.ts';
import { ForbiddenError, NotFoundError } from '../../errors.ts';
import { createActivity, deleteActivity, updateActivity } from '../../services/activities.ts';
import { createGoal, deleteGoal, updateGoal } from '../../services/goals.ts';
import { markRecommendation } from '../../services/recommendations.ts';
import { updateMe } from '../../services/users.ts';
import { parseOr422 } from '../../services/validate.ts';

export interface Actor {
  userId: string;
}

type Handler = (tx: Queryable, actor: Actor, m: Mutation, id: string) => Promise<void>;

const rules = MUTATION_TABLE_RULES;

const activities: Handler = async (tx, actor, m, id) => {
  if (m.op === 'insert') {
    await createActivity(tx, actor, parseOr422(rules.activities.insert, m.row));
  } else if (m.op === 'update') {
    await updateActivity(tx, actor, id, parseOr422(rules.activities.update, m.changes));
  } else {
    await deleteActivity(tx, actor, id);
  }
};

const goals: Handler = async (tx, actor, m, id) => {
  if (m.op === 'insert') {
    await createGoal(tx, actor, parseOr422(rules.goals.insert, m.row));
  } else if (m.op === 'update') {
    await updateGoal(tx, actor, id, parseOr422(rules.goals.update, m.changes));
  } else {
    await deleteGoal(tx, actor, id);
  }
};

const users: Handler = async (tx, actor, m, id) => {
  if (m.op !== 'update') throw new ForbiddenError('users rows can only be updated');
  if (id !== actor.userId) throw new ForbiddenError('You can only change your own user row');
  await updateMe(tx, actor.userId, parseOr422(rules.users.update, m.changes));
};

const userRecommendations: Handler = async (tx, actor, m, id) => {
  if (m.op === 'insert') {
    const row = parseOr422(rules.user_recommendations.insert, m.row);
    // Keep the device's id when the row is new; an existing row for the same recommendation
    // (marked on another device) simply receives the marks.
    await tx.query(
      `INSERT INTO user_recommendations (user_recommendation_id, user_id, recommendation_id)
       SELECT $1::uuid, $2::uuid, $3::uuid
       WHERE EXISTS (SELECT 1 FROM recommendations WHERE recommendation_id = $3::uuid)
       ON CONFLICT DO NOTHING`,
      [row.user_recommendation_id, actor.userId, row.recommendation_id],
    );
    if (row.acted_on) await markRecommendation(tx, actor, row.recommendation_id, 'acted_on');
    else if (row.seen) await markRecommendation(tx, actor, row.recommendation_id, 'seen');
    else {
      const [exists] = await tx.query(
        'SELECT 1 FROM recommendations WHERE recommendation_id = $1::uuid',
        [row.recommendation_id],
      );
      if (!exists) throw new NotFoundError('Recommendation not found');
    }
    return;
  }
  if (m.op === 'delete') throw new ForbiddenError('user_recommendations rows cannot be deleted');
  const changes = parseOr422(rules.user_recommendations.update, m.changes);
  const [row] = await tx.query<{ recommendation_id: string }>(
    `SELECT recommendation_id FROM user_recommendations
     WHERE user_recommendation_id = $1::uuid AND user_id = $2::uuid`,
    [id, actor.userId],
  );
  if (!row) throw new NotFoundError('User recommendation not found');
  await markRecommendation(
    tx,
    actor,
    row.recommendation_id,
    changes.acted_on ? 'acted_on' : 'seen',
  );
};

export const TABLE_HANDLERS: Readonly<Record<WritableTable, Handler>> = {
  activities,
  goals,
  users,
  user_recommendations: userRecommendations,
};
