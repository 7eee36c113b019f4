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
import { activityFigures, type ActivityFigures, type StatsNeeds } from './achievement-stats.ts';
import { refreshUserChallenges } from './challenges.ts';
import { refreshUserGoals, type Actor, type Clock } from './goals.ts';

/**
 * The figures the criteria were checked against. Figures that no pending achievement needs are
 * null (not computed), and activity_count is counted only up to the highest pending threshold.
 */
export interface AchievementStats extends ActivityFigures {
  goals_completed: number;
  challenges_completed: number;
  total_reduction_kg: number;
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

const atLeast = (figure: number | null, threshold: number): boolean =>
  figure !== null && figure >= threshold;

/** Whether `stats` meet `c` (a figure that was not computed never meets anything). */
export function criterionMet(c: AchievementCriteria, stats: AchievementStats): boolean {
  switch (c.type) {
    case 'activity_count':
      return atLeast(stats.activity_count, c.count);
    case 'streak_days':
      return atLeast(stats.streak_days, c.days);
    case 'categories_logged':
      return atLeast(stats.categories_logged, c.count);
    case 'goals_completed':
      return atLeast(stats.goals_completed, c.count);
    case 'challenges_completed':
      return atLeast(stats.challenges_completed, c.count);
    case 'total_reduction_kg':
      return atLeast(stats.total_reduction_kg, c.kg);
    case 'recommendations_acted_on':
      return atLeast(stats.recommendations_acted_on, c.count);
  }
}

/** What the pending criteria need computed. */
function needsOf(pending: readonly Achievement[]): StatsNeeds {
  const needs: StatsNeeds = {};
  for (const { criteria: c } of pending) {
    if (c.type === 'activity_count') {
      needs.activityCountUpTo = Math.max(needs.activityCountUpTo ?? 0, c.count);
    } else if (c.type === 'streak_days') needs.streak = true;
    else if (c.type === 'categories_logged') needs.categories = true;
    else if (c.type === 'recommendations_acted_on') needs.actedOn = true;
  }
  return needs;
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
  const pendingRows = await tx.query<AchievementRow>(
    `SELECT a.achievement_id, a.achievement_name, a.description, a.points, a.criteria
       FROM achievements a
      WHERE NOT EXISTS (SELECT 1 FROM user_achievements ua
                         WHERE ua.achievement_id = a.achievement_id AND ua.user_id = $1::uuid)
      ORDER BY a.achievement_id`,
    [userId],
  );
  const pending = pendingRows.map(toAchievement);
  const stats: AchievementStats = {
    ...(await activityFigures(tx, userId, needsOf(pending))),
    goals_completed: goals.filter((g) => g.status === 'completed').length,
    challenges_completed: challenges.filter((c) => c.status === 'completed').length,
    total_reduction_kg: reductionFromGoals(goals),
  };
  const awarded: UserAchievement[] = [];
  for (const achievement of pending) {
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
