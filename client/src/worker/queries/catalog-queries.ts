/** Reads of goals, preferences, reports, the catalogues with the user's marks, and organisations. */
import type {
  Achievement,
  Challenge,
  Goal,
  GoalStatus,
  GoalWithProgress,
  Membership,
  Organisation,
  Preferences,
  Recommendation,
  Report,
} from '../api.ts';
import type { SqlRunner, SqlValue } from '../db/sql-db.ts';
import { decodeRow, decodeRows } from './decode.ts';

const strip = <T extends { _pending?: number }>(row: T): Omit<T, '_pending'> => {
  delete row._pending;
  return row;
};

export async function listGoals(
  db: SqlRunner,
  userId: string | null,
  nowIso: string,
  filter: { status?: GoalStatus; org_id?: string | null } = {},
): Promise<GoalWithProgress[]> {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  if (filter.org_id === undefined) {
    parts.push('g.user_id = ?');
    params.push(userId);
  } else if (filter.org_id === null) {
    parts.push('g.user_id = ? AND g.org_id IS NULL');
    params.push(userId);
  } else {
    parts.push('g.org_id = ?');
    params.push(filter.org_id);
  }
  if (filter.status) {
    parts.push('g.status = ?');
    params.push(filter.status);
  }
  // Emitted within the goal's dates, for the goal's scope: its organisation, or the user's own rows.
  const rows = await db.all(
    `SELECT g.*, g._pending AS pending,
       (SELECT COALESCE(SUM(e.co2_equivalent), 0) FROM emissions e
         WHERE (CASE WHEN g.org_id IS NULL THEN e.user_id = g.user_id ELSE e.org_id = g.org_id END)
           AND e.timestamp >= g.start_date || 'T00:00:00.000Z'
           AND e.timestamp < date(g.end_date, '+1 day') || 'T00:00:00.000Z') AS emitted_kg
     FROM goals g WHERE ${parts.join(' AND ')} ORDER BY g.end_date, g.goal_id`,
    params,
  );
  const now = Date.parse(nowIso);
  return rows.map((r) => {
    const g = strip(decodeRow<GoalWithProgress & { _pending?: number }>('goals', r));
    const start = Date.parse(`${String(g.start_date)}T00:00:00Z`);
    const end = Date.parse(`${String(g.end_date)}T00:00:00Z`) + 86_400_000;
    g.elapsed_fraction = Math.min(1, Math.max(0, (now - start) / (end - start)));
    g.pending = r.pending === 1;
    return g;
  });
}

export async function getGoal(db: SqlRunner, goalId: string): Promise<Goal | null> {
  const row = await db.get('SELECT * FROM goals WHERE goal_id = ?', [goalId]);
  return row ? strip(decodeRow<Goal & { _pending?: number }>('goals', row)) : null;
}

export async function getPreferences(
  db: SqlRunner,
  userId: string | null,
): Promise<Preferences | null> {
  const row = await db.get(
    'SELECT display_name, unit_system, default_region, gwp_set, leaderboard_opt_in FROM users WHERE user_id = ?',
    [userId],
  );
  return row ? decodeRow<Preferences>('users', row) : null;
}

export async function listReports(
  db: SqlRunner,
  userId: string | null,
  filter: { org_id?: string | null } = {},
): Promise<Report[]> {
  const rows =
    filter.org_id === undefined
      ? await db.all('SELECT * FROM reports ORDER BY created_at DESC')
      : filter.org_id === null
        ? await db.all(
            'SELECT * FROM reports WHERE user_id = ? AND org_id IS NULL ORDER BY created_at DESC',
            [userId],
          )
        : await db.all('SELECT * FROM reports WHERE org_id = ? ORDER BY created_at DESC', [
            filter.org_id,
          ]);
  return decodeRows<Report & { _pending?: number }>('reports', rows).map(strip);
}

export async function getReport(db: SqlRunner, reportId: string): Promise<Report | null> {
  const row = await db.get('SELECT * FROM reports WHERE report_id = ?', [reportId]);
  return row ? strip(decodeRow<Report & { _pending?: number }>('reports', row)) : null;
}

export async function listRecommendations(
  db: SqlRunner,
  userId: string | null,
  filter: { category?: string; unseenOnly?: boolean } = {},
): Promise<Recommendation[]> {
  const parts = ['1 = 1'];
  const params: SqlValue[] = [userId];
  if (filter.category) {
    parts.push('r.category = ?');
    params.push(filter.category);
  }
  if (filter.unseenOnly) parts.push('COALESCE(ur.seen, 0) = 0');
  const rows = await db.all(
    `SELECT r.recommendation_id, r.activity_type, r.category, r.description, r.impact_description,
            r.estimated_reduction_pct, r.source, r.source_url,
            COALESCE(ur.seen, 0) AS seen, COALESCE(ur.acted_on, 0) AS acted_on
     FROM recommendations r
     LEFT JOIN user_recommendations ur ON ur.recommendation_id = r.recommendation_id AND ur.user_id = ?
     WHERE ${parts.join(' AND ')} ORDER BY r.category, r.recommendation_id`,
    params,
  );
  return rows.map((r) => ({
    ...decodeRow<Recommendation>('recommendations', r),
    seen: r.seen === 1,
    acted_on: r.acted_on === 1,
  }));
}

export async function getRecommendation(
  db: SqlRunner,
  userId: string | null,
  id: string,
): Promise<Recommendation | null> {
  return (await listRecommendations(db, userId)).find((r) => r.recommendation_id === id) ?? null;
}

export async function listChallenges(db: SqlRunner, userId: string | null): Promise<Challenge[]> {
  const rows = await db.all(
    `SELECT c.challenge_id, c.challenge_name, c.description, c.start_date, c.end_date, c.reward_points,
            c.criteria, uc.progress, uc.status, uc.points_awarded, uc.start_date AS joined_at,
            uc.end_date AS finished_at, uc.user_challenge_id
     FROM challenges c
     LEFT JOIN user_challenges uc ON uc.challenge_id = c.challenge_id AND uc.user_id = ?
     ORDER BY c.start_date DESC, c.challenge_id`,
    [userId],
  );
  return rows.map((r) => {
    const c = decodeRow<Record<string, unknown>>('challenges', r);
    return {
      challenge_id: c.challenge_id as string,
      challenge_name: c.challenge_name as string,
      description: (c.description as string | null) ?? null,
      start_date: c.start_date as string,
      end_date: c.end_date as string,
      reward_points: c.reward_points as number,
      criteria: c.criteria,
      participation:
        r.user_challenge_id === null
          ? null
          : {
              progress: r.progress as number,
              status: r.status as GoalStatus,
              points_awarded: r.points_awarded as number,
              start_date: r.joined_at as string,
              end_date: (r.finished_at as string | null) ?? null,
            },
    };
  });
}

export async function listAchievements(
  db: SqlRunner,
  userId: string | null,
): Promise<Achievement[]> {
  const rows = await db.all(
    `SELECT a.achievement_id, a.achievement_name, a.description, a.points, a.criteria, ua.timestamp AS earned_at
     FROM achievements a
     LEFT JOIN user_achievements ua ON ua.achievement_id = a.achievement_id AND ua.user_id = ?
     ORDER BY a.points, a.achievement_id`,
    [userId],
  );
  return rows.map((r) => ({
    ...decodeRow<Achievement>('achievements', r),
    earned_at: (r.earned_at as string | null) ?? null,
  }));
}

export async function listOrganisations(
  db: SqlRunner,
  userId: string | null,
): Promise<Organisation[]> {
  const rows = await db.all(
    `SELECT o.org_id, o.name, o.join_code, o.industry, o.employees, o.revenue, o.revenue_currency,
            o.gwp_set, o.base_year, m.role
     FROM organizations o JOIN memberships m ON m.org_id = o.org_id AND m.user_id = ?
     ORDER BY o.name`,
    [userId],
  );
  return decodeRows<Organisation>('organizations', rows);
}

export async function listMembers(db: SqlRunner, orgId: string): Promise<Membership[]> {
  const rows = await db.all(
    'SELECT membership_id, org_id, user_id, role, created_at FROM memberships WHERE org_id = ? ORDER BY created_at',
    [orgId],
  );
  return decodeRows<Membership>('memberships', rows);
}
