/**
 * Challenges: list, join, and the user's progress measured from their own activities over the
 * challenge's dates W = [start_date, end_date] (UTC days; O = the part of W elapsed at now).
 * Activities count by their timestamp inside W, whenever the user joined.
 *
 *   reduce_category_pct / reduce_total_pct (target pct):
 *     B = kg CO2e (of the category) in O shifted back by |W| days, A = kg CO2e in O;
 *     reduction = (B - A) / B x 100 (null when B = 0); progress = reduction / pct x 100, in 0..100.
 *     completed after end_date when reduction >= pct, else failed (no baseline: failed).
 *   log_days (target N):  D = distinct UTC days in O with an activity; progress = D / N x 100;
 *     completed as soon as D >= N; failed after end_date otherwise.
 *   max_kg (target kg, optional category): A = kg CO2e in O; failed as soon as A > kg;
 *     completed after end_date otherwise; progress = the share of W survived under the cap.
 *
 * 'completed' and 'failed' are final: points_awarded (the challenge's reward_points, on
 * completion) and end_date (when it finished) are set once and never revoked, so leaderboards do
 * not flicker when old activities are edited. Progress is recomputed on every read and after
 * activity writes (evaluateAchievements), and stored on user_challenges (the synced copy).
 */
import {
  ChallengeCriteriaSchema,
  type Challenge,
  type ChallengeCriteria,
  type ChallengeListQuery,
  type UserChallenge,
} from '@eco-track/shared-schema';
import type { Queryable } from '../db/types.ts';
import { uuidv7 } from './ids.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { sumEmissions } from './footprint.ts';
import type { Actor, Clock } from './goals.ts';
import {
  daysInclusive,
  elapsedPart,
  isEmpty,
  periodWindow,
  round,
  shiftDays,
  todayUtc,
  type Window,
} from './periods.ts';

type Status = UserChallenge['status'];

interface ChallengeRow {
  challenge_id: string;
  challenge_name: string;
  description: string | null;
  start_date: string;
  end_date: string;
  reward_points: number;
  criteria: unknown;
  [k: string]: unknown;
}

interface UserChallengeRow extends ChallengeRow {
  user_challenge_id: string;
  user_id: string;
  progress: number;
  status: Status;
  points_awarded: number;
  joined_at: string;
  finished_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ChallengeMeasure {
  progress: number;
  /** What the data says now; a stored final status overrides it. */
  status: Status;
  current_value: number | null;
  target_value: number;
  unit: string;
}

/** The criteria of a catalogue row; a malformed row is a server bug, not bad input. */
function criteriaOf(row: ChallengeRow): ChallengeCriteria {
  const parsed = ChallengeCriteriaSchema.safeParse(row.criteria);
  if (!parsed.success) {
    throw new Error(
      `challenge ${row.challenge_id} has malformed criteria: ${parsed.error.message}`,
    );
  }
  return parsed.data;
}

const clamp100 = (x: number): number => round(Math.min(100, Math.max(0, x)), 2);

async function loggedDays(tx: Queryable, userId: string, w: Window): Promise<number> {
  if (isEmpty(w)) return 0;
  const [row] = await tx.query<{ days: number }>(
    `SELECT count(DISTINCT ("timestamp" AT TIME ZONE 'UTC')::date)::int8 AS days FROM activities
      WHERE user_id = $1::uuid AND "timestamp" >= $2::timestamptz AND "timestamp" < $3::timestamptz`,
    [userId, w.from.toISOString(), w.to.toISOString()],
  );
  return Number(row?.days ?? 0);
}

/** Measures one user's standing in one challenge at `now` (see the module comment). */
export async function measureChallenge(
  tx: Queryable,
  userId: string,
  challenge: ChallengeRow,
  now: Date,
): Promise<ChallengeMeasure> {
  const c = criteriaOf(challenge);
  const whole = periodWindow(challenge.start_date, challenge.end_date);
  const seen = elapsedPart(whole, now);
  const ended = now.getTime() >= whole.to.getTime();
  const subject = { userId };
  switch (c.type) {
    case 'reduce_category_pct':
    case 'reduce_total_pct': {
      const category = c.type === 'reduce_category_pct' ? c.category : undefined;
      const days = daysInclusive(challenge.start_date, challenge.end_date);
      const actual = await sumEmissions(tx, subject, seen, category);
      const baseline = isEmpty(seen)
        ? 0
        : await sumEmissions(tx, subject, shiftDays(seen, -days), category);
      const reduction = baseline > 0 ? ((baseline - actual) / baseline) * 100 : null;
      let status: Status = 'active';
      if (ended) status = reduction !== null && reduction >= c.pct ? 'completed' : 'failed';
      return {
        progress: reduction === null ? 0 : clamp100((reduction / c.pct) * 100),
        status,
        current_value: reduction === null ? null : round(reduction, 2),
        target_value: c.pct,
        unit: '%',
      };
    }
    case 'log_days': {
      const days = await loggedDays(tx, userId, seen);
      let status: Status = 'active';
      if (days >= c.days) status = 'completed';
      else if (ended) status = 'failed';
      return {
        progress: clamp100((days / c.days) * 100),
        status,
        current_value: days,
        target_value: c.days,
        unit: 'days',
      };
    }
    case 'max_kg': {
      const actual = await sumEmissions(tx, subject, seen, c.category);
      const over = actual > c.kg;
      const span = whole.to.getTime() - whole.from.getTime();
      const survived = (seen.to.getTime() - seen.from.getTime()) / span;
      let status: Status = 'active';
      if (over) status = 'failed';
      else if (ended) status = 'completed';
      return {
        progress: over ? 0 : clamp100(survived * 100),
        status,
        current_value: actual,
        target_value: c.kg,
        unit: 'kg CO2e',
      };
    }
  }
}

const CHALLENGE_COLUMNS = `c.challenge_id, c.challenge_name, c.description, c.start_date, c.end_date,
  c.reward_points, c.criteria`;
const USER_CHALLENGE_COLUMNS = `uc.user_challenge_id, uc.user_id, uc.progress, uc.status,
  uc.points_awarded, uc.start_date AS joined_at, uc.end_date AS finished_at, uc.created_at,
  uc.updated_at, ${CHALLENGE_COLUMNS}`;

const toChallenge = (r: ChallengeRow): Omit<Challenge, 'joined'> => ({
  challenge_id: r.challenge_id,
  challenge_name: r.challenge_name,
  description: r.description,
  start_date: r.start_date,
  end_date: r.end_date,
  reward_points: r.reward_points,
  criteria: criteriaOf(r),
});

/** Re-measures one joined challenge, stores the result when it changed, and shapes the answer. */
async function refresh(tx: Queryable, row: UserChallengeRow, now: Date): Promise<UserChallenge> {
  const m = await measureChallenge(tx, row.user_id, row, now);
  let current = row;
  if (row.status === 'active') {
    const finishing = m.status !== 'active';
    const points = m.status === 'completed' ? row.reward_points : 0;
    if (m.progress !== row.progress || finishing) {
      const [updated] = await tx.query<{
        progress: number;
        status: Status;
        points_awarded: number;
        finished_at: string | null;
        updated_at: string;
      }>(
        `UPDATE user_challenges
            SET progress = $2::numeric, status = $3::text, points_awarded = $4::int,
                end_date = CASE WHEN $3::text = 'active' THEN NULL ELSE $5::timestamptz END
          WHERE user_challenge_id = $1::uuid AND status = 'active'
          RETURNING progress, status, points_awarded, end_date AS finished_at, updated_at`,
        [row.user_challenge_id, m.progress, m.status, points, now.toISOString()],
      );
      if (updated) current = { ...row, ...updated };
    }
  }
  return {
    user_challenge_id: current.user_challenge_id,
    user_id: current.user_id,
    challenge_id: current.challenge_id,
    progress: current.progress,
    status: current.status,
    points_awarded: current.points_awarded,
    current_value: m.current_value,
    target_value: m.target_value,
    unit: m.unit,
    start_date: current.joined_at,
    end_date: current.finished_at,
    created_at: current.created_at,
    updated_at: current.updated_at,
    challenge: toChallenge(current),
  };
}

/** Challenges running today (default), upcoming ones, or all, with whether the actor joined. */
export async function listChallenges(
  tx: Queryable,
  actor: Actor,
  query: ChallengeListQuery,
  clock: Clock = {},
): Promise<Challenge[]> {
  const today = todayUtc(clock.now ?? new Date());
  const when = {
    active: 'c.start_date <= $2::date AND c.end_date >= $2::date',
    upcoming: 'c.start_date > $2::date',
    all: '$2::date IS NOT NULL',
  }[query.when];
  const rows = await tx.query<ChallengeRow & { joined: boolean }>(
    `SELECT ${CHALLENGE_COLUMNS},
            EXISTS (SELECT 1 FROM user_challenges uc
                     WHERE uc.challenge_id = c.challenge_id AND uc.user_id = $1::uuid) AS joined
       FROM challenges c WHERE ${when}
      ORDER BY c.start_date, c.end_date, c.challenge_name, c.challenge_id`,
    [actor.userId, today],
  );
  return rows.map((r) => ({ ...toChallenge(r), joined: r.joined }));
}

async function loadUserChallenges(
  tx: Queryable,
  userId: string,
  challengeId?: string,
): Promise<UserChallengeRow[]> {
  return tx.query<UserChallengeRow>(
    `SELECT ${USER_CHALLENGE_COLUMNS}
       FROM user_challenges uc JOIN challenges c ON c.challenge_id = uc.challenge_id
      WHERE uc.user_id = $1::uuid AND ($2::uuid IS NULL OR uc.challenge_id = $2::uuid)
      ORDER BY c.end_date, c.challenge_name, uc.user_challenge_id`,
    [userId, challengeId ?? null],
  );
}

/**
 * Joins a challenge that has not ended (running or upcoming). Joining again returns the existing
 * participation (created: false).
 */
export async function joinChallenge(
  tx: Queryable,
  actor: Actor,
  challengeId: string,
  clock: Clock = {},
): Promise<{ userChallenge: UserChallenge; created: boolean }> {
  const now = clock.now ?? new Date();
  const [challenge] = await tx.query<ChallengeRow>(
    `SELECT ${CHALLENGE_COLUMNS} FROM challenges c WHERE c.challenge_id = $1::uuid`,
    [challengeId],
  );
  if (!challenge) throw new NotFoundError('Challenge not found');
  const [existing] = await loadUserChallenges(tx, actor.userId, challengeId);
  if (existing) return { userChallenge: await refresh(tx, existing, now), created: false };
  if (challenge.end_date < todayUtc(now)) {
    throw new ConflictError(`This challenge ended on ${challenge.end_date}; join a running one`);
  }
  await tx.query(
    `INSERT INTO user_challenges (user_challenge_id, user_id, challenge_id, start_date)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::timestamptz)
     ON CONFLICT (user_id, challenge_id) DO NOTHING`,
    [uuidv7(), actor.userId, challengeId, now.toISOString()],
  );
  const [joined] = await loadUserChallenges(tx, actor.userId, challengeId);
  if (!joined) throw new Error('user_challenges insert was not visible');
  return { userChallenge: await refresh(tx, joined, now), created: true };
}

/** Every challenge the user joined, re-measured now. */
export async function refreshUserChallenges(
  tx: Queryable,
  userId: string,
  now: Date,
): Promise<UserChallenge[]> {
  const out: UserChallenge[] = [];
  for (const row of await loadUserChallenges(tx, userId)) out.push(await refresh(tx, row, now));
  return out;
}

export async function listUserChallenges(
  tx: Queryable,
  actor: Actor,
  clock: Clock = {},
): Promise<UserChallenge[]> {
  return refreshUserChallenges(tx, actor.userId, clock.now ?? new Date());
}
