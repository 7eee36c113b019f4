/**
 * The where clause a proxy derives from a user's scope, in one canonical form per visibility
 * rule, and its inverse for the embedded endpoint. The embedded endpoint never evaluates SQL it
 * is sent: on a request signed with the shared secret it accepts exactly the canonical form for
 * the table (anything else is 400) and turns its params back into a scope.
 *
 *   own         "user_id" = $1
 *   org         "org_id" IN ($1, $2, ...)
 *   own_or_org  "user_id" = $1 OR "org_id" IN ($2, $3, ...)      (just the first part with no orgs)
 *   public      no where
 *
 * An org-only shape for a user without organisations uses the nil UUID, which names no row.
 */
import type { SyncedTable } from '@eco-track/shared-schema';
import { ValidationError } from '../errors.ts';
import type { ShapeScope } from './log-entry.ts';

export const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const q = (c: string) => `"${c.replaceAll('"', '""')}"`;
const inList = (col: string, first: number, n: number) =>
  `${q(col)} IN (${Array.from({ length: n }, (_, i) => `$${first + i}`).join(', ')})`;

export interface DerivedWhere {
  where: string | undefined;
  params: string[];
}

export function deriveWhere(table: SyncedTable, scope: ShapeScope): DerivedWhere {
  const v = table.visibility;
  const orgs = [...scope.orgIds].sort();
  switch (v.kind) {
    case 'public':
      return { where: undefined, params: [] };
    case 'own':
      return { where: `${q(v.userColumn)} = $1`, params: [scope.userId ?? NIL_UUID] };
    case 'org': {
      const list = orgs.length ? orgs : [NIL_UUID];
      return { where: inList(v.orgColumn, 1, list.length), params: list };
    }
    case 'own_or_org': {
      const user = `${q(v.userColumn)} = $1`;
      const where = orgs.length ? `${user} OR ${inList(v.orgColumn, 2, orgs.length)}` : user;
      return { where, params: [scope.userId ?? NIL_UUID, ...orgs] };
    }
  }
}

/** The scope a trusted where stands for; 400 unless it is the canonical form for the table. */
export function scopeFromTrustedWhere(
  table: SyncedTable,
  where: string | undefined,
  params: readonly string[],
): { userId: string | null; orgIds: string[] } {
  const bad = () =>
    new ValidationError(
      `where is not the server-derived form for table ${table.name}`,
      'bad_request',
    );
  if (params.some((p) => !UUID.test(p))) throw bad();
  const v = table.visibility;
  let scope: { userId: string | null; orgIds: string[] };
  switch (v.kind) {
    case 'public':
      scope = { userId: null, orgIds: [] };
      break;
    case 'own':
      scope = { userId: params[0] ?? null, orgIds: [] };
      break;
    case 'org':
      scope = { userId: null, orgIds: [...params] };
      break;
    case 'own_or_org':
      scope = { userId: params[0] ?? null, orgIds: params.slice(1) };
      break;
  }
  const expected = deriveWhere(table, { userId: scope.userId, orgIds: new Set(scope.orgIds) });
  if (expected.where !== where || expected.params.join(',') !== params.join(',')) throw bad();
  return scope;
}
