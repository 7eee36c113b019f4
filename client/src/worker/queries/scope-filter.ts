/**
 * Whose rows a query covers. The replica also holds the rows of the user's organisations (other
 * members' activities), so "mine" must be explicit:
 *   org_id omitted → the user's own rows (personal and those logged into organisations)
 *   org_id null    → the user's personal rows only
 *   org_id '<id>'  → that organisation's rows, every member's
 */
import type { SqlValue } from '../db/sql-db.ts';

export function ownerFilter(
  alias: string,
  userId: string | null,
  orgId: string | null | undefined,
): { sql: string; params: SqlValue[] } {
  const a = alias ? `${alias}.` : '';
  if (orgId === undefined) return { sql: `${a}user_id = ?`, params: [userId] };
  if (orgId === null) return { sql: `${a}user_id = ? AND ${a}org_id IS NULL`, params: [userId] };
  return { sql: `${a}org_id = ?`, params: [orgId] };
}
