/** Accounts: registration, the login lookup, the user's own profile, memberships and preferences. */
import type {
  MeResponse,
  MembershipSummary,
  RegisterRequest,
  UpdateMeRequest,
} from '@eco-track/shared-schema';
import { constraintName, sqlState } from './db-errors.ts';
import type { Queryable } from '../db/types.ts';
import { ConflictError, NotFoundError } from '../errors.ts';

const EMAIL_TAKEN = 'Email already registered';
const USERNAME_TAKEN = 'Username already registered';

/** Creates the account; 409 with the seed's message when the email or username is taken. */
export async function registerUser(
  q: Queryable,
  input: RegisterRequest,
  passwordHash: string,
): Promise<string> {
  const taken = await q.query<{ email_taken: boolean; username_taken: boolean }>(
    `SELECT bool_or(lower(email) = lower($1)) AS email_taken,
            bool_or(lower(username) = lower($2)) AS username_taken
       FROM users WHERE lower(email) = lower($1) OR lower(username) = lower($2)`,
    [input.email, input.username],
  );
  if (taken[0]?.email_taken) throw new ConflictError(EMAIL_TAKEN);
  if (taken[0]?.username_taken) throw new ConflictError(USERNAME_TAKEN);
  try {
    const [row] = await q.query<{ user_id: string }>(
      `INSERT INTO users (username, email, password_hash, first_name, last_name, company_name, user_type)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING user_id`,
      [
        input.username,
        input.email,
        passwordHash,
        input.first_name ?? null,
        input.last_name ?? null,
        input.company_name ?? null,
        input.user_type,
      ],
    );
    if (!row) throw new Error('INSERT … RETURNING gave no row');
    return row.user_id;
  } catch (err) {
    // Two registrations racing past the check above: the unique index decides.
    if (sqlState(err) === '23505') {
      throw new ConflictError(
        constraintName(err) === 'users_email_key' ? EMAIL_TAKEN : USERNAME_TAKEN,
      );
    }
    throw err;
  }
}

export interface LoginCandidate extends Record<string, unknown> {
  user_id: string;
  username: string;
  password_hash: string;
}

/** The account a login names, by username or by email (usernames cannot contain '@'). */
export async function findLoginCandidate(
  q: Queryable,
  usernameOrEmail: string,
): Promise<LoginCandidate | undefined> {
  const byEmail = usernameOrEmail.includes('@');
  const [row] = await q.query<LoginCandidate>(
    `SELECT user_id, username, password_hash FROM users
      WHERE ${byEmail ? 'lower(email)' : 'lower(username)'} = lower($1)`,
    [usernameOrEmail],
  );
  return row;
}

export async function updatePasswordHash(
  q: Queryable,
  userId: string,
  hash: string,
): Promise<void> {
  await q.query('UPDATE users SET password_hash = $2 WHERE user_id = $1::uuid', [userId, hash]);
}

interface UserRow extends Record<string, unknown> {
  user_id: string;
  username: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  company_name: string | null;
  user_type: 'individual' | 'business';
  created_at: string;
  unit_system: 'metric' | 'imperial';
  default_region: string;
  gwp_set: 'AR4' | 'AR5' | 'AR6';
  display_name: string | null;
  leaderboard_opt_in: boolean;
}

/** GET /auth/me: the seed's fields, preferences and organisation memberships. */
export async function getMe(q: Queryable, userId: string): Promise<MeResponse> {
  const [u] = await q.query<UserRow>(
    `SELECT user_id, username, email, first_name, last_name, company_name, user_type, created_at,
            unit_system, default_region, gwp_set, display_name, leaderboard_opt_in
       FROM users WHERE user_id = $1::uuid`,
    [userId],
  );
  if (!u) throw new NotFoundError('User not found');
  const memberships = await q.query<MembershipSummary & Record<string, unknown>>(
    `SELECT o.org_id, o.name, m.role FROM memberships m JOIN organizations o USING (org_id)
      WHERE m.user_id = $1::uuid ORDER BY o.name, o.org_id`,
    [userId],
  );
  return {
    user_id: u.user_id,
    username: u.username,
    email: u.email,
    first_name: u.first_name,
    last_name: u.last_name,
    company_name: u.company_name,
    user_type: u.user_type,
    created_at: u.created_at,
    preferences: {
      unit_system: u.unit_system,
      default_region: u.default_region,
      gwp_set: u.gwp_set,
      display_name: u.display_name,
      leaderboard_opt_in: u.leaderboard_opt_in,
    },
    memberships: memberships.map((m) => ({ org_id: m.org_id, name: m.name, role: m.role })),
  };
}

const UPDATABLE = [
  'first_name',
  'last_name',
  'company_name',
  'user_type',
  'display_name',
  'unit_system',
  'default_region',
  'gwp_set',
  'leaderboard_opt_in',
] as const satisfies readonly (keyof UpdateMeRequest)[];

/** PATCH /auth/me: applies the given fields (validated already) and answers the new profile. */
export async function updateMe(
  q: Queryable,
  userId: string,
  changes: UpdateMeRequest,
): Promise<MeResponse> {
  const sets: string[] = [];
  const params: unknown[] = [userId];
  for (const field of UPDATABLE) {
    const value = changes[field];
    if (value === undefined) continue;
    params.push(value);
    sets.push(`${field} = $${params.length}`);
  }
  if (sets.length) {
    await q.query(`UPDATE users SET ${sets.join(', ')} WHERE user_id = $1::uuid`, params);
  }
  return getMe(q, userId);
}
