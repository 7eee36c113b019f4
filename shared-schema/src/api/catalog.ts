/**
 * Payloads of the public catalogues and the user's engagement with them:
 * /api/v1/recommendations, /api/v1/challenges, /api/v1/achievements.
 * Criteria are JSON in the database; these schemas are their single definition.
 */
import { z } from 'zod';
import { FACTOR_CATEGORIES } from '../factors/types.ts';
import { UuidSchema } from './common.ts';

export const CategorySchema = z.enum(FACTOR_CATEGORIES, {
  error: `must be one of ${FACTOR_CATEGORIES.join(', ')}`,
});

// ---- recommendations -------------------------------------------------------------------------

export const ESTIMATE_BASES = [
  'source',
  'derived_from_cited_factors',
  'eco_track_assumption',
] as const;

export const RecommendationSchema = z
  .object({
    recommendation_id: UuidSchema,
    activity_type: z.string(),
    description: z.string(),
    impact_description: z.string().nullable(),
    category: z.string(),
    source: z.string(),
    source_url: z.string().nullable(),
    estimated_reduction_pct: z.number().nullable().meta({
      description:
        "Typical % reduction of the category's emissions; data.estimate.basis says where it comes from",
    }),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'Recommendation' });
export type Recommendation = z.infer<typeof RecommendationSchema>;

export const RankedRecommendationSchema = RecommendationSchema.extend({
  rank: z.number().int().meta({ description: '1 = most kg CO2e saved for this user' }),
  category_share_pct: z.number().nullable().meta({
    description: "The category's share of the user's emissions over the last 12 months",
  }),
  category_annual_kg: z.number().meta({
    description: "The user's kg CO2e in this category over the last 12 months",
  }),
  estimated_kg_co2e_saved_per_year: z.number(),
  reason: z.string(),
  seen: z.boolean(),
  acted_on: z.boolean(),
}).meta({ id: 'RankedRecommendation' });
export type RankedRecommendation = z.infer<typeof RankedRecommendationSchema>;

export const RecommendationListQuerySchema = z.object({
  category: CategorySchema.optional(),
  limit: z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(200, { error: 'must be at most 200' })
    .optional(),
});
export type RecommendationListQuery = z.infer<typeof RecommendationListQuerySchema>;

export const UserRecommendationSchema = z
  .object({
    message: z.string(),
    user_recommendation_id: UuidSchema,
    recommendation_id: UuidSchema,
    user_id: UuidSchema,
    seen: z.boolean(),
    acted_on: z.boolean(),
    timestamp: z.string(),
  })
  .meta({ id: 'UserRecommendation' });
export type UserRecommendation = z.infer<typeof UserRecommendationSchema>;

export const RecommendationIdParamSchema = z.object({ recommendation_id: UuidSchema });

// ---- challenges --------------------------------------------------------------------------------

const Pct = z.number().positive().max(100);
export const ChallengeCriteriaSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('reduce_category_pct'), category: CategorySchema, pct: Pct }),
    z.object({ type: z.literal('reduce_total_pct'), pct: Pct }),
    z.object({ type: z.literal('log_days'), days: z.number().int().positive() }),
    z.object({
      type: z.literal('max_kg'),
      kg: z.number().nonnegative(),
      category: CategorySchema.optional(),
    }),
  ])
  .meta({ id: 'ChallengeCriteria' });
export type ChallengeCriteria = z.infer<typeof ChallengeCriteriaSchema>;

export const CHALLENGE_STATUSES = ['active', 'completed', 'failed'] as const;

export const ChallengeSchema = z
  .object({
    challenge_id: UuidSchema,
    challenge_name: z.string(),
    description: z.string().nullable(),
    start_date: z.string(),
    end_date: z.string(),
    reward_points: z.number().int(),
    criteria: ChallengeCriteriaSchema,
    joined: z.boolean().meta({ description: 'Whether the caller has joined it' }),
  })
  .meta({ id: 'Challenge' });
export type Challenge = z.infer<typeof ChallengeSchema>;

export const CHALLENGE_LIST_WHEN = ['active', 'upcoming', 'all'] as const;
export const ChallengeListQuerySchema = z.object({
  when: z
    .enum(CHALLENGE_LIST_WHEN, { error: 'must be one of active, upcoming, all' })
    .default('active')
    .meta({ description: 'active (default): running today; upcoming: not started; all' }),
});
export type ChallengeListQuery = z.infer<typeof ChallengeListQuerySchema>;

export const UserChallengeSchema = z
  .object({
    user_challenge_id: UuidSchema,
    user_id: UuidSchema,
    challenge_id: UuidSchema,
    progress: z.number().meta({ description: '0-100 (%)' }),
    status: z.enum(CHALLENGE_STATUSES),
    points_awarded: z.number().int(),
    current_value: z.number().nullable().meta({
      description: 'reduce_*: reduction so far in %; log_days: days logged; max_kg: kg CO2e so far',
    }),
    target_value: z.number(),
    unit: z.string(),
    start_date: z.string().meta({ description: 'When the user joined' }),
    end_date: z.string().nullable().meta({ description: 'When it was completed or failed' }),
    created_at: z.string(),
    updated_at: z.string(),
    challenge: ChallengeSchema.omit({ joined: true }),
  })
  .meta({ id: 'UserChallenge' });
export type UserChallenge = z.infer<typeof UserChallengeSchema>;

export const ChallengeIdParamSchema = z.object({ challenge_id: UuidSchema });

// ---- achievements ------------------------------------------------------------------------------

const Count = z.number().int().positive();
export const AchievementCriteriaSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('activity_count'), count: Count }),
    z.object({ type: z.literal('streak_days'), days: Count }),
    z.object({ type: z.literal('categories_logged'), count: Count }),
    z.object({ type: z.literal('goals_completed'), count: Count }),
    z.object({ type: z.literal('challenges_completed'), count: Count }),
    z.object({ type: z.literal('total_reduction_kg'), kg: z.number().positive() }),
    z.object({ type: z.literal('recommendations_acted_on'), count: Count }),
  ])
  .meta({ id: 'AchievementCriteria' });
export type AchievementCriteria = z.infer<typeof AchievementCriteriaSchema>;

export const AchievementSchema = z
  .object({
    achievement_id: UuidSchema,
    achievement_name: z.string(),
    description: z.string().nullable(),
    points: z.number().int(),
    criteria: AchievementCriteriaSchema,
  })
  .meta({ id: 'Achievement' });
export type Achievement = z.infer<typeof AchievementSchema>;

export const UserAchievementSchema = z
  .object({
    user_achievement_id: UuidSchema,
    user_id: UuidSchema,
    achievement_id: UuidSchema,
    timestamp: z.string().meta({ description: 'When it was awarded' }),
    achievement: AchievementSchema,
  })
  .meta({ id: 'UserAchievement' });
export type UserAchievement = z.infer<typeof UserAchievementSchema>;
