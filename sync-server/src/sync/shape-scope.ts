/**
 * Who a shape is for, and its handle.
 *
 * A shape is one synced table seen by one scope: the user and the organisations whose rows they
 * may read (from their memberships, or, on a request a trusted proxy signed with the shared
 * secret, from the where clause it derived). The handle names one definition of that shape plus
 * the log position its snapshot joined at: `<definition hash>-<position>`. The hash covers the
 * database's log instance id, the table, its column description and the scope (for
 * organisation-scoped tables the user's membership epoch), so:
 *   - a membership change, a new column set, a TRUNCATE of the table (its generation, migration
 *     0045; for organisation-scoped tables also a TRUNCATE of memberships) or a rebuilt database
 *     gives a new hash: the client's handle no longer matches and it gets 409 with the new one;
 *   - compaction past a client's offset answers 409 with `<hash>-<head>`, never its old handle;
 *   - the same handle is never issued for different data, across restarts and across server
 *     processes, and several processes issue the same handles (they read the same database).
 */
import { createHash } from 'node:crypto';
import type { SyncedTable } from '@eco-track/shared-schema';
import type { Queryable } from '../db/types.ts';
import type { ShapeScope } from './log-entry.ts';
import type { LogState } from './publisher.ts';

export type ScopeSource =
  /** From the access token: the user's own rows and their organisations' (memberships). */
  | { kind: 'token'; userId: string }
  /** From a where clause a trusted proxy derived and signed with the shared secret. */
  | { kind: 'trusted'; userId: string | null; orgIds: readonly string[]; definition: string };

export interface ResolvedShape {
  table: SyncedTable;
  scope: ShapeScope;
  state: LogState;
  /** The handle's first part: changes whenever what this shape may contain changes. */
  definitionHash: string;
}

interface ScopeRow extends Record<string, unknown> {
  instance_id: string;
  last_position: number;
  compacted_through: number;
  epoch: number;
  generation: number;
  memberships_generation: number;
  orgs: { org_id: string; role: string }[] | string;
}

const fingerprints = new Map<string, string>();
function schemaFingerprint(table: SyncedTable): string {
  let f = fingerprints.get(table.name);
  if (!f) {
    f = createHash('sha256')
      .update(JSON.stringify([table.primaryKey, table.columns, table.visibility]))
      .digest('hex');
    fingerprints.set(table.name, f);
  }
  return f;
}

/** Reads the log state and the scope in one statement (one snapshot, one round trip). */
export async function resolveShape(
  q: Queryable,
  table: SyncedTable,
  source: ScopeSource,
): Promise<ResolvedShape> {
  const userId = source.userId;
  const [row] = await q.query<ScopeRow>(
    `SELECT s.instance_id, s.last_position, s.compacted_through,
       COALESCE((SELECT epoch FROM sync_user_epochs WHERE user_id = $1::uuid), 0) AS epoch,
       COALESCE((SELECT generation FROM sync_table_generations WHERE tbl = $2), 0) AS generation,
       COALESCE((SELECT generation FROM sync_table_generations WHERE tbl = 'memberships'), 0)
         AS memberships_generation,
       COALESCE((SELECT json_agg(json_build_object('org_id', m.org_id, 'role', m.role))
                 FROM memberships m WHERE m.user_id = $1::uuid), '[]'::json) AS orgs
     FROM sync_state s`,
    [userId, table.name],
  );
  if (!row) throw new Error('sync_state is empty: the sync migration has not run');
  const state: LogState = {
    instanceId: row.instance_id,
    head: Number(row.last_position),
    compactedThrough: Number(row.compacted_through),
  };
  const v = table.visibility;
  let orgIds: string[] = [];
  let scopeKey: string;
  if (source.kind === 'trusted') {
    orgIds = [...source.orgIds];
    scopeKey = `trusted:${source.definition}`;
  } else if (v.kind === 'public') {
    scopeKey = 'public';
  } else if (v.kind === 'own') {
    scopeKey = `user:${source.userId}`;
  } else {
    const orgs =
      typeof row.orgs === 'string' ? (JSON.parse(row.orgs) as ScopeRow['orgs']) : row.orgs;
    const roles: readonly string[] = v.orgRoles;
    orgIds = (orgs as { org_id: string; role: string }[])
      .filter((m) => roles.includes(m.role))
      .map((m) => m.org_id)
      .sort();
    scopeKey = `user:${source.userId}:epoch:${row.epoch}`;
  }
  const parts = [state.instanceId, table.name, schemaFingerprint(table), scopeKey];
  // Only once truncated, so the handles issued before migration 0045 stay valid.
  const generation = Number(row.generation);
  if (generation > 0) parts.push(`generation:${generation}`);
  const membershipsGeneration = Number(row.memberships_generation);
  if (membershipsGeneration > 0 && (v.kind === 'org' || v.kind === 'own_or_org')) {
    parts.push(`memberships-generation:${membershipsGeneration}`);
  }
  const definitionHash = createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 20);
  return {
    table,
    scope: { userId: v.kind === 'public' ? null : userId, orgIds: new Set(orgIds) },
    state,
    definitionHash,
  };
}

export const makeHandle = (definitionHash: string, position: number): string =>
  `${definitionHash}-${position}`;

export function parseHandle(handle: string): { hash: string; position: number } | undefined {
  const m = /^([0-9a-f]{20})-(\d{1,15})$/.exec(handle);
  return m ? { hash: m[1] ?? '', position: Number(m[2]) } : undefined;
}

/**
 * The rows this scope may read, as disjoint SQL predicates over the table's own columns (their
 * union is the scope), with their parameters from `$1`. Each is one index range when the table
 * has an index on (its column, primary key): a snapshot chunk then reads each in key order and
 * merges them instead of collecting and sorting every visible row for every chunk.
 */
export function visibilityBranches(
  table: SyncedTable,
  scope: ShapeScope,
): { branches: string[]; params: unknown[] } {
  const v = table.visibility;
  const ident = (c: string) => `"${c.replaceAll('"', '""')}"`;
  switch (v.kind) {
    case 'public':
      return { branches: ['true'], params: [] };
    case 'own':
      return { branches: [`${ident(v.userColumn)} = $1::uuid`], params: [scope.userId] };
    case 'org':
      return { branches: [`${ident(v.orgColumn)} = ANY($1::uuid[])`], params: [[...scope.orgIds]] };
    case 'own_or_org': {
      const own = `${ident(v.userColumn)} = $1::uuid`;
      if (scope.orgIds.size === 0) return { branches: [own], params: [scope.userId] };
      const others = `${ident(v.orgColumn)} = ANY($2::uuid[]) AND ${ident(v.userColumn)} IS DISTINCT FROM $1::uuid`;
      return { branches: [own, others], params: [scope.userId, [...scope.orgIds]] };
    }
  }
}
