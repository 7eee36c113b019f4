/**
 * Achievements: catalogue rows with JSON criteria, awarded automatically and for good.
 *
 * evaluateAchievements(tx, userId) is the one entry point. It re-measures the user's joined
 * challenges and personal goals (their stored progress is part of what criteria look at), gathers
 * the user's statistics, and inserts a user_achievements row for every criterion now met that was
 * not met before. Awards are never revoked. Call it, on the same transaction, after writing a
 * user's activities (once per user per batch is enough), and before showing achievements.
 *
 *   activity_count            activities logged
 *   streak_days               longest run of consecutive UTC days with at least one activity
 *   categories_logged         distinct categories among the user's emissions
 *   goals_completed           personal goals with status completed
 *   challenges_completed      challenges with status completed
 *   total_reduction_kg        sum over finished personal percentage goals of
 *                             max(0, baseline kg - period kg)
 *   recommendations_acted_on  recommendations marked acted on
 */
import {
  AchievementCriteriaSchema,
  goalRuleForUnit,
  type Achievement,
  type AchievementCriteria,
  type Goal,
  type UserAchievement,
  type UserChallenge,
} from '@eco-track/shared-schema';
import type { Queryable } from '../db/types.ts';
import { uuidv7 } from './ids.ts';
import { refreshUserChallenges } from './challenges.ts';
import { refreshUserGoals, type Actor, type Clock } from './goals.ts';

export interface AchievementStats {
  activity_count: number;
  streak_days: number;
  categories_logged: number;
  goals_completed: number;
  challenges_completed: number;
  total_reduction_kg: number;
  recommendations_acted_on: number;
}

export interface Evaluation {
  /** Achievements awarded by this evaluation (not those held before). */
  awarded: UserAchievement[];
  stats: AchievementStats;
  challenges: UserChallenge[];
  goals: Goal[];
}

interface AchievementRow {
  achievement_id: string;
  achievement_name: string;
  description: string | null;
  points: number;
  criteria: unknown;
  [k: string]: unknown;
}

function toAchievement(r: AchievementRow): Achievement {
  const parsed = AchievementCriteriaSchema.safeParse(r.criteria);
  if (!parsed.success) {
    throw new Error(
      `achievement ${r.achievement_id} has malformed criteria: ${parsed.error.message}`,
    );
  }
  return {
    achievement_id: r.achievement_id,
    achievement_name: r.achievement_name,
    description: r.description,
    points: r.points,
    criteria: parsed.data,
  };
}

/** Whether `stats` meet `c`. */
export function criterionMet(c: AchievementCriteria, stats: AchievementStats): boolean {
  switch (c.type) {
    case 'activity_count':
      return stats.activity_count >= c.count;
    case 'streak_days':
      return stats.streak_days >= c.days;
    case 'categories_logged':
      return stats.categories_logged >= c.count;
    case 'goals_completed':
      return stats.goals_completed >= c.count;
    case 'challenges_completed':
      return stats.challenges_completed >= c.count;
    case 'total_reduction_kg':
      return stats.total_reduction_kg >= c.kg;
    case 'recommendations_acted_on':
      return stats.recommendations_acted_on >= c.count;
  }
}

async function activityStats(
  tx: Queryable,
  userId: string,
): Promise<
  Pick<
    AchievementStats,
    'activity_count' | 'streak_days' | 'categories_logged' | 'recommendations_acted_on'
  >
> {
  // The streak is the longest island of consecutive days: day minus its row number is constant
  // along a run of consecutive days.
  const [row] = await tx.query<{
    activity_count: number;
    streak_days: number;
    categories_logged: number;
    acted_on: number;
  }>(
    `WITH days AS (
       SELECT DISTINCT ("timestamp" AT TIME ZONE 'UTC')::date AS day
         FROM activities WHERE user_id = $1::uuid),
     runs AS (
       SELECT count(*) AS len FROM (
         SELECT day - (row_number() OVER (ORDER BY day))::int AS island FROM days) d
        GROUP BY island)
     SELECT (SELECT count(*) FROM activities WHERE user_id = $1::uuid)::int8 AS activity_count,
            (SELECT COALESCE(max(len), 0) FROM runs)::int8 AS streak_days,
            (SELECT count(DISTINCT category) FROM emissions WHERE user_id = $1::uuid)::int8
              AS categories_logged,
            (SELECT count(*) FROM user_recommendations WHERE user_id = $1::uuid AND acted_on)::int8
              AS acted_on`,
    [userId],
  );
  return {
    activity_count: Number(row?.activity_count ?? 0),
    streak_days: Number(row?.streak_days ?? 0),
    categories_logged: Number(row?.categories_logged ?? 0),
    recommendations_acted_on: Number(row?.acted_on ?? 0),
  };
}

/** kg CO2e cut across finished personal percentage goals (see the module comment). */
export function reductionFromGoals(goals: readonly Goal[]): number {
  let kg = 0;
  for (const g of goals) {
    if (g.status === 'active' || goalRuleForUnit(g.unit) !== 'percent_reduction') continue;
    if (g.baseline_value !== null) kg += Math.max(0, g.baseline_value - g.period_emissions);
  }
  return kg;
}

/** Re-measures the user's challenges and goals and awards every achievement now met. */
export async function evaluateAchievements(
  tx: Queryable,
  userId: string,
  clock: Clock = {},
): Promise<Evaluation> {
  const now = clock.now ?? new Date();
  const challenges = await refreshUserChallenges(tx, userId, now);
  const goals = await refreshUserGoals(tx, userId, now);
  const stats: AchievementStats = {
    ...(await activityStats(tx, userId)),
    goals_completed: goals.filter((g) => g.status === 'completed').length,
    challenges_completed: challenges.filter((c) => c.status === 'completed').length,
    total_reduction_kg: reductionFromGoals(goals),
  };
  const pending = await tx.query<AchievementRow>(
    `SELECT a.achievement_id, a.achievement_name, a.description, a.points, a.criteria
       FROM achievements a
      WHERE NOT EXISTS (SELECT 1 FROM user_achievements ua
                         WHERE ua.achievement_id = a.achievement_id AND ua.user_id = $1::uuid)
      ORDER BY a.achievement_id`,
    [userId],
  );
  const awarded: UserAchievement[] = [];
  for (const row of pending) {
    const achievement = toAchievement(row);
    if (!criterionMet(achievement.criteria, stats)) continue;
    const [ins] = await tx.query<{ user_achievement_id: string; timestamp: string }>(
      `INSERT INTO user_achievements (user_achievement_id, user_id, achievement_id, "timestamp")
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4::timestamptz)
       ON CONFLICT (user_id, achievement_id) DO NOTHING
       RETURNING user_achievement_id, "timestamp"`,
      [uuidv7(), userId, achievement.achievement_id, now.toISOString()],
    );
    if (ins) {
      awarded.push({
        user_achievement_id: ins.user_achievement_id,
        user_id: userId,
        achievement_id: achievement.achievement_id,
        timestamp: ins.timestamp,
        achievement,
      });
    }
  }
  return { awarded, stats, challenges, goals };
}

/** The whole catalogue, cheapest first. */
export async function listAchievements(tx: Queryable): Promise<Achievement[]> {
  const rows = await tx.query<AchievementRow>(
    `SELECT achievement_id, achievement_name, description, points, criteria FROM achievements
      ORDER BY points, achievement_name, achievement_id`,
  );
  return rows.map(toAchievement);
}

/** The actor's achievements, newest first, after awarding any now met. */
export async function listUserAchievements(
  tx: Queryable,
  actor: Actor,
  clock: Clock = {},
): Promise<UserAchievement[]> {
  await evaluateAchievements(tx, actor.userId, clock);
  const rows = await tx.query<AchievementRow & { user_achievement_id: string; timestamp: string }>(
    `SELECT ua.user_achievement_id, ua."timestamp", a.achievement_id, a.achievement_name,
            a.description, a.points, a.criteria
       FROM user_achievements ua JOIN achievements a ON a.achievement_id = ua.achievement_id
      WHERE ua.user_id = $1::uuid
      ORDER BY ua."timestamp" DESC, a.points DESC, ua.user_achievement_id`,
    [actor.userId],
  );
  return rows.map((r) => ({
    user_achievement_id: r.user_achievement_id,
    user_id: actor.userId,
    achievement_id: r.achievement_id,
    timestamp: r.timestamp,
    achievement: toAchievement(r),
  }));
}
