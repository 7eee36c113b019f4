/**
 * Organisations, the shared workspace: creating one (the creator becomes its owner), joining by
 * code, members and roles, the profile ESG reporting reads (industry, employees, revenue, GWP
 * set, base year). Role rules live in authorization.ts; the ones specific to membership changes:
 * only owners grant or revoke "owner", admins manage everyone else, anyone may leave, and an
 * organisation always keeps at least one owner.
 */
import { randomInt } from 'node:crypto';
import type {
  JoinCodeResponse,
  Org,
  OrgCreateRequest,
  OrgMember,
  OrgRole,
  OrgUpdateRequest,
} from '@eco-track/shared-schema';
import type { Queryable } from '../db/types.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import { canManageOrg, requireOrgRole, type Actor } from './authorization.ts';
import { uuidv7 } from './ids.ts';

// Crockford base32 without I, L, O, U: easy to read aloud and to type. 12 characters ≈ 60 bits.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh join code such as 'K7QX-4M2P-9TZB'. */
export function newJoinCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** Join codes compare without dashes or case. */
const canonicalCode = (code: string) => code.replace(/-/g, '').toUpperCase();

const ORG_COLUMNS = `o.org_id, o.name, o.join_code, o.industry, o.employees, o.revenue,
  o.revenue_currency, o.gwp_set, o.consolidation_approach, o.base_year, o.created_at, o.updated_at`;

type OrgRow = Omit<Org, 'role'> & { role: OrgRole } & Record<string, unknown>;

const present = (row: OrgRow): Org => ({
  ...row,
  join_code: canManageOrg(row.role) ? row.join_code : null,
});

async function readOrg(q: Queryable, userId: string, orgId: string): Promise<Org> {
  const [row] = await q.query<OrgRow>(
    `SELECT ${ORG_COLUMNS}, m.role FROM organizations o
       JOIN memberships m ON m.org_id = o.org_id AND m.user_id = $2::uuid
      WHERE o.org_id = $1::uuid`,
    [orgId, userId],
  );
  if (!row) throw new NotFoundError('Organisation not found');
  return present(row);
}

/** Tries fresh codes until one is free (a clash is astronomically rare, but cheap to handle). */
async function freeJoinCode(tx: Queryable): Promise<string> {
  for (;;) {
    const code = newJoinCode();
    const taken = await tx.query('SELECT 1 FROM organizations WHERE join_code = $1', [code]);
    if (taken.length === 0) return code;
  }
}

export async function createOrg(
  tx: Queryable,
  actor: Actor,
  input: OrgCreateRequest,
): Promise<Org> {
  const orgId = uuidv7();
  await tx.query(
    `INSERT INTO organizations (org_id, name, join_code, industry, employees, revenue,
        revenue_currency, gwp_set, consolidation_approach, base_year, created_by)
     VALUES ($1::uuid, $2, $3, $4, $5::int, $6::numeric, COALESCE($7, 'USD'), COALESCE($8, 'AR5'),
        COALESCE($9, 'operational_control'), $10::int, $11::uuid)`,
    [
      orgId,
      input.name,
      await freeJoinCode(tx),
      input.industry ?? null,
      input.employees ?? null,
      input.revenue === undefined || input.revenue === null ? null : String(input.revenue),
      input.revenue_currency ?? null,
      input.gwp_set ?? null,
      input.consolidation_approach ?? null,
      input.base_year ?? null,
      actor.userId,
    ],
  );
  await tx.query(
    `INSERT INTO memberships (membership_id, org_id, user_id, role) VALUES ($1::uuid, $2::uuid, $3::uuid, 'owner')`,
    [uuidv7(), orgId, actor.userId],
  );
  return readOrg(tx, actor.userId, orgId);
}

export async function listMyOrgs(q: Queryable, actor: Actor): Promise<Org[]> {
  const rows = await q.query<OrgRow>(
    `SELECT ${ORG_COLUMNS}, m.role FROM organizations o
       JOIN memberships m ON m.org_id = o.org_id AND m.user_id = $1::uuid
      ORDER BY o.name, o.org_id`,
    [actor.userId],
  );
  return rows.map(present);
}

export const getOrg = (q: Queryable, actor: Actor, orgId: string): Promise<Org> =>
  readOrg(q, actor.userId, orgId);

const PROFILE_FIELDS = [
  'name',
  'industry',
  'employees',
  'revenue',
  'revenue_currency',
  'gwp_set',
  'consolidation_approach',
  'base_year',
] as const satisfies readonly (keyof OrgUpdateRequest)[];

/** Owners and admins update the profile (the fields ESG reporting reads). */
export async function updateOrg(
  tx: Queryable,
  actor: Actor,
  orgId: string,
  changes: OrgUpdateRequest,
): Promise<Org> {
  await requireOrgRole(tx, actor.userId, orgId, 'admin', "change the organisation's profile");
  const sets: string[] = [];
  const params: unknown[] = [orgId];
  for (const field of PROFILE_FIELDS) {
    const value = changes[field];
    if (value === undefined) continue;
    params.push(field === 'revenue' && value !== null ? String(value) : value);
    const cast =
      field === 'revenue'
        ? '::numeric'
        : field === 'employees' || field === 'base_year'
          ? '::int'
          : '';
    sets.push(`${field} = $${params.length}${cast}`);
  }
  if (sets.length) {
    await tx.query(`UPDATE organizations SET ${sets.join(', ')} WHERE org_id = $1::uuid`, params);
  }
  return readOrg(tx, actor.userId, orgId);
}

type MemberRow = Omit<OrgMember, 'email'> & { email: string } & Record<string, unknown>;

export async function listMembers(q: Queryable, actor: Actor, orgId: string): Promise<OrgMember[]> {
  const role = await requireOrgRole(q, actor.userId, orgId, 'viewer');
  const rows = await q.query<MemberRow>(
    `SELECT u.user_id, u.username, u.display_name, u.email, m.role, m.created_at AS joined_at
       FROM memberships m JOIN users u ON u.user_id = m.user_id
      WHERE m.org_id = $1::uuid
      ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 WHEN 'member' THEN 2 ELSE 3 END,
               u.username`,
    [orgId],
  );
  return rows.map((r) => ({ ...r, email: canManageOrg(role) ? r.email : null }));
}

/** Joins with a code as a member; joining an organisation you already belong to changes nothing. */
export async function joinOrg(tx: Queryable, actor: Actor, joinCode: string): Promise<Org> {
  const [org] = await tx.query<{ org_id: string }>(
    `SELECT org_id FROM organizations WHERE replace(join_code, '-', '') = $1`,
    [canonicalCode(joinCode)],
  );
  if (!org) throw new NotFoundError('No organisation has this join code');
  await tx.query(
    `INSERT INTO memberships (membership_id, org_id, user_id, role)
     VALUES ($1::uuid, $2::uuid, $3::uuid, 'member') ON CONFLICT (org_id, user_id) DO NOTHING`,
    [uuidv7(), org.org_id, actor.userId],
  );
  return readOrg(tx, actor.userId, org.org_id);
}

export async function rotateJoinCode(
  tx: Queryable,
  actor: Actor,
  orgId: string,
): Promise<JoinCodeResponse> {
  await requireOrgRole(tx, actor.userId, orgId, 'admin', 'rotate the join code');
  const code = await freeJoinCode(tx);
  await tx.query('UPDATE organizations SET join_code = $2 WHERE org_id = $1::uuid', [orgId, code]);
  return { org_id: orgId, join_code: code };
}

async function lockMembers(tx: Queryable, orgId: string): Promise<Map<string, OrgRole>> {
  // Locking every membership row of the org serialises concurrent role changes, so two owners
  // demoting each other at once cannot leave the organisation without one.
  const rows = await tx.query<{ user_id: string; role: OrgRole }>(
    'SELECT user_id, role FROM memberships WHERE org_id = $1::uuid FOR UPDATE',
    [orgId],
  );
  return new Map(rows.map((r) => [r.user_id, r.role]));
}

function ownersLeft(members: Map<string, OrgRole>, without: string): number {
  let n = 0;
  for (const [id, role] of members) if (role === 'owner' && id !== without) n += 1;
  return n;
}

const LAST_OWNER = 'An organisation needs at least one owner; make another member owner first';

export async function changeRole(
  tx: Queryable,
  actor: Actor,
  orgId: string,
  userId: string,
  role: OrgRole,
): Promise<OrgMember> {
  const mine = await requireOrgRole(tx, actor.userId, orgId, 'admin', 'change roles');
  const members = await lockMembers(tx, orgId);
  const current = members.get(userId);
  if (!current) throw new NotFoundError('Member not found');
  if ((current === 'owner' || role === 'owner') && mine !== 'owner') {
    throw new ForbiddenError('Only an owner may grant or revoke the owner role');
  }
  if (current === 'owner' && role !== 'owner' && ownersLeft(members, userId) === 0) {
    throw new ConflictError(LAST_OWNER);
  }
  if (current !== role) {
    await tx.query(
      'UPDATE memberships SET role = $3 WHERE org_id = $1::uuid AND user_id = $2::uuid',
      [orgId, userId, role],
    );
  }
  const list = await listMembers(tx, actor, orgId);
  const member = list.find((m) => m.user_id === userId);
  if (!member) throw new NotFoundError('Member not found');
  return member;
}

/** Removes a member (owners and admins), or leaves (anyone, for themselves). */
export async function removeMember(
  tx: Queryable,
  actor: Actor,
  orgId: string,
  userId: string,
): Promise<void> {
  const self = userId === actor.userId;
  const mine = await requireOrgRole(
    tx,
    actor.userId,
    orgId,
    self ? 'viewer' : 'admin',
    'remove members',
  );
  const members = await lockMembers(tx, orgId);
  const current = members.get(userId);
  if (!current) throw new NotFoundError('Member not found');
  if (!self && current === 'owner' && mine !== 'owner') {
    throw new ForbiddenError('Only an owner may remove an owner');
  }
  if (current === 'owner' && ownersLeft(members, userId) === 0) throw new ConflictError(LAST_OWNER);
  await tx.query('DELETE FROM memberships WHERE org_id = $1::uuid AND user_id = $2::uuid', [
    orgId,
    userId,
  ]);
}
