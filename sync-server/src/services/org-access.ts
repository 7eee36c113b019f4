/**
 * Who may read and write organisation-scoped goals and reports: every member (viewers included)
 * reads; owners, admins and members write; viewers only read. Personal rows belong to their user.
 */
import type { Queryable } from '../db/types.ts';
import { ForbiddenError } from '../errors.ts';

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

/** The caller's role, or 403 when they do not belong to the organisation. */
export async function requireMember(
  tx: Queryable,
  userId: string,
  orgId: string,
): Promise<OrgRole> {
  const role = await memberRole(tx, userId, orgId);
  if (!role) throw new ForbiddenError('You are not a member of this organisation');
  return role;
}

/** 403 unless the caller may write the organisation's data (owner, admin or member). */
export async function requireWriter(
  tx: Queryable,
  userId: string,
  orgId: string,
  what: string,
): Promise<OrgRole> {
  const role = await requireMember(tx, userId, orgId);
  if (!WRITER_ROLES.includes(role)) {
    throw new ForbiddenError(`Viewers cannot ${what}; ask an owner or admin for the member role`);
  }
  return role;
}
