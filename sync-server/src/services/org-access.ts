/**
 * Who may read and write organisation-scoped goals and reports, on top of authorization.ts:
 * every member (viewers included) reads; owners, admins and members write; viewers only read.
 * Personal rows belong to their user.
 */
import type { Queryable } from '../db/types.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { canWriteOrgData, orgRole, type OrgRole } from './authorization.ts';

/**
 * The caller's role in an organisation named in a path or query: 404 when they do not belong to it
 * (an organisation is invisible to outsiders, as for activities).
 */
export async function requireMember(
  tx: Queryable,
  userId: string,
  orgId: string,
): Promise<OrgRole> {
  const role = await orgRole(tx, userId, orgId);
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
  const role = await orgRole(tx, userId, orgId);
  if (!role) throw new ForbiddenError('You are not a member of this organisation');
  if (!canWriteOrgData(role)) {
    throw new ForbiddenError(`Viewers cannot ${what}; ask an owner or admin for the member role`);
  }
  return role;
}
