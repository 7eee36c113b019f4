/**
 * Organisation roles and what they allow. Every organisation-scoped check goes through here so the
 * REST routes and the sync write path enforce the same rules:
 *
 *   role     read org data   write org activities   manage members, join code, profile
 *   owner    yes             yes                    yes (only owners grant or revoke owner)
 *   admin    yes             yes                    yes, except owners
 *   member   yes             yes                    no
 *   viewer   yes             no                     no
 *
 * An organisation a user does not belong to is invisible to them: 404, not 403.
 */
import type { OrgRole } from '@eco-track/shared-schema';
import type { Queryable } from '../db/types.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';

export type { OrgRole };

/** Who is acting: the authenticated user. */
export interface Actor {
  userId: string;
}

const RANK: Record<OrgRole, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

/** The user's role in the organisation, or null when not a member (or no such organisation). */
export async function orgRole(
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

/** True when `role` is `min` or above. */
export function roleAtLeast(role: OrgRole | null, min: OrgRole): boolean {
  return role !== null && RANK[role] >= RANK[min];
}

export const canWriteOrgData = (role: OrgRole | null): boolean => roleAtLeast(role, 'member');
export const canManageOrg = (role: OrgRole | null): boolean => roleAtLeast(role, 'admin');

/**
 * The caller's role in an organisation named in the request path: 404 when they are not a member,
 * 403 when their role is below `min`.
 */
export async function requireOrgRole(
  tx: Queryable,
  userId: string,
  orgId: string,
  min: OrgRole,
  action = 'do this',
): Promise<OrgRole> {
  const role = await orgRole(tx, userId, orgId);
  if (!role) throw new NotFoundError('Organisation not found');
  if (!roleAtLeast(role, min)) {
    throw new ForbiddenError(`Only an organisation ${min} or above may ${action}; you are ${role}`);
  }
  return role;
}

/**
 * For an organisation named in a request body (e.g. an activity's org_id): 403 unless the caller
 * may write its data.
 */
export async function requireOrgWriter(
  tx: Queryable,
  userId: string,
  orgId: string,
): Promise<OrgRole> {
  return assertOrgWriter(await orgRole(tx, userId, orgId));
}

/** requireOrgWriter's rule on a role already read (bulk writes read every role at once). */
export function assertOrgWriter(role: OrgRole | null): OrgRole {
  if (!role) throw new ForbiddenError('You are not a member of this organisation');
  if (!canWriteOrgData(role)) {
    throw new ForbiddenError('Viewers cannot add or change organisation activities');
  }
  return role;
}
