/**
 * Who may read and write organisation-scoped goals and reports: every member (viewers included)
 * reads; owners, admins and members write; viewers only read. Personal rows belong to their user.
 */
import type { Queryable } from '../db/types.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';

export type OrgRole = 'owner' | 'admin' | 'member' | 'viewer';
export const WRITER_ROLES: readonly OrgRole[] = ['owner', 'admin', 'member'];

export async function memberRole(
  tx: Queryable,
  userId: string,
  orgId: string,
): Promise<OrgRole | null> {
  const [row] = await tx.query<{ role: OrgRole }>(
    'SELECT role FROM memberships WHERE org_id = $1::uuid AND user_id = $2::uuid',
    [orgId, userId],
  );
  return row?.role ?? null;
}

/**
 * The caller's role in an organisation named in a path or query: 404 when they do not belong to it
 * (an organisation is invisible to outsiders, as for activities).
 */
export async function requireMember(
  tx: Queryable,
  userId: string,
  orgId: string,
): Promise<OrgRole> {
  const role = await memberRole(tx, userId, orgId);
  if (!role) throw new NotFoundError('Organisation not found');
  return role;
}

/**
 * For an organisation named in a request body: 403 unless the caller may write its data (owner,
 * admin or member).
 */
export async function requireWriter(
  tx: Queryable,
  userId: string,
  orgId: string,
  what: string,
): Promise<OrgRole> {
  const role = await memberRole(tx, userId, orgId);
  if (!role) throw new ForbiddenError('You are not a member of this organisation');
  if (!WRITER_ROLES.includes(role)) {
    throw new ForbiddenError(`Viewers cannot ${what}; ask an owner or admin for the member role`);
  }
  return role;
}
