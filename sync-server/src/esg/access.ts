/**
 * Who may see what (issue 7): owners, admins and members read an organisation's inventory;
 * viewers read its reports but not the inventory; owners and admins record instruments and
 * templates. Not a member → 404 (the organisation is invisible), role too low → 403, as in
 * services/authorization.ts.
 */
import type { Queryable } from '../db/types.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { orgRole, type OrgRole } from '../services/authorization.ts';

export async function requireInventoryReader(
  tx: Queryable,
  userId: string,
  orgId: string,
): Promise<OrgRole> {
  const role = await orgRole(tx, userId, orgId);
  if (!role) throw new NotFoundError('Organisation not found');
  if (role === 'viewer')
    throw new ForbiddenError(
      "Viewers read an organisation's reports, not its inventory; ask an owner or admin for the member role",
    );
  return role;
}

export async function requireEsgManager(
  tx: Queryable,
  userId: string,
  orgId: string,
): Promise<OrgRole> {
  const role = await orgRole(tx, userId, orgId);
  if (!role) throw new NotFoundError('Organisation not found');
  if (role !== 'owner' && role !== 'admin')
    throw new ForbiddenError(
      `Only an organisation owner or admin may record contractual instruments and report templates; you are ${role}`,
    );
  return role;
}

/** A report is readable by its creator, or by any member (viewers too) of its organisation. */
export async function requireReportReader(
  tx: Queryable,
  userId: string,
  report: { user_id: string; org_id: string | null },
): Promise<void> {
  if (report.org_id) {
    if ((await orgRole(tx, userId, report.org_id)) !== null) return;
  } else if (report.user_id === userId) return;
  throw new NotFoundError('Report not found');
}

/** Re-issuing writes a new version: the creator of a personal report, or an org writer. */
export async function requireReportWriter(
  tx: Queryable,
  userId: string,
  report: { user_id: string; org_id: string | null },
): Promise<void> {
  await requireReportReader(tx, userId, report);
  if (report.org_id) {
    const role = await orgRole(tx, userId, report.org_id);
    if (role === 'viewer') throw new ForbiddenError('Viewers cannot re-issue organisation reports');
  }
}
