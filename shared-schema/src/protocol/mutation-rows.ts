/**
 * What each writable table accepts on the sync write path: its primary-key field and, per
 * operation, the zod schema of the row (insert) or of the changes (update). They are the REST
 * API's own schemas, so a row written offline is held to exactly the rules of the API; the only
 * addition is that an insert must name its row (the device generates the UUID).
 */
import { z } from 'zod';
import { ActivityCreateRequestSchema, ActivityUpdateRequestSchema } from '../api/activities.ts';
import { UpdateMeRequestSchema } from '../api/auth.ts';
import { UuidSchema } from '../api/common.ts';
import { GoalCreateRequestSchema, GoalUpdateRequestSchema } from '../api/goals.ts';
import type { MutationOp, WritableTable } from './mutations.ts';

export const UserRecommendationInsertSchema = z.object({
  user_recommendation_id: UuidSchema,
  recommendation_id: UuidSchema,
  seen: z.boolean({ error: 'must be true or false' }).optional(),
  acted_on: z.boolean({ error: 'must be true or false' }).optional(),
});

/** Marks only: a recommendation once seen or acted on stays so (false is refused). */
export const UserRecommendationUpdateSchema = z
  .object({
    seen: z.literal(true, { error: 'can only be set to true' }).optional(),
    acted_on: z.literal(true, { error: 'can only be set to true' }).optional(),
  })
  .refine((c) => c.seen !== undefined || c.acted_on !== undefined, {
    error: 'give seen and/or acted_on',
  });

export interface MutationTableRules {
  /** The REST field holding the row's primary key; required in every mutation's row/changes. */
  readonly pk: string;
  readonly insert?: z.ZodType;
  readonly update?: z.ZodType;
  readonly delete?: true;
}

export const MUTATION_TABLE_RULES = {
  activities: {
    pk: 'activity_id',
    insert: ActivityCreateRequestSchema,
    update: ActivityUpdateRequestSchema,
    delete: true,
  },
  goals: {
    pk: 'goal_id',
    insert: GoalCreateRequestSchema,
    update: GoalUpdateRequestSchema,
    delete: true,
  },
  // Preferences and profile of the user's own row.
  users: { pk: 'user_id', update: UpdateMeRequestSchema },
  user_recommendations: {
    pk: 'user_recommendation_id',
    insert: UserRecommendationInsertSchema,
    update: UserRecommendationUpdateSchema,
  },
} as const satisfies Readonly<Record<WritableTable, MutationTableRules>>;

export const opAllowed = (rules: MutationTableRules, op: MutationOp): boolean =>
  op === 'delete' ? rules.delete === true : rules[op] !== undefined;
