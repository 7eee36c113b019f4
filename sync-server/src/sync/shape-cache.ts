/**
 * Per-process memory of resolved shapes, so a live long-poll (re-sent after every answer and
 * every timeout) costs no database round trip: the scope and handle hash of each (table, asker)
 * are kept, and the log state comes from the change feed.
 *
 * Staleness is bounded and harmless. Every process's feed sees the memberships rows a membership
 * change writes (in the same transaction as the epoch bump behind the handle hash) and drops that
 * user's entries; until it does, a request may still be served with the old scope, and its next
 * request gets the 409 that re-syncs it. A cached compaction floor may lag another process's
 * compaction: log reads from the database re-check the floor (shape-reader.ts), and reads from
 * the feed's memory are complete whatever the database has compacted.
 */
import type { SyncedTable } from '@eco-track/shared-schema';
import type { Db } from '../db/types.ts';
import type { ChangeFeed } from './change-feed.ts';
import type { ShapeScope } from './log-entry.ts';
import { resolveShape, type ResolvedShape, type ScopeSource } from './shape-scope.ts';

interface Entry {
  userId: string | null;
  scope: ShapeScope;
  definitionHash: string;
}

const MAX_ENTRIES = 100_000;

export class ShapeCache {
  #entries = new Map<string, Entry>();

  constructor(
    private readonly db: Db,
    private readonly feed: ChangeFeed,
  ) {
    feed.onMembershipChange((userId) => {
      for (const [key, e] of this.#entries) if (e.userId === userId) this.#entries.delete(key);
    });
    // A truncated table's shapes get a new hash; a truncated memberships table, every scope.
    feed.onTruncate((table) => {
      if (table === 'memberships') this.#entries.clear();
      else
        for (const key of this.#entries.keys())
          if (key.startsWith(`${table}|`)) this.#entries.delete(key);
    });
  }

  static key(table: SyncedTable, source: ScopeSource): string {
    return source.kind === 'token'
      ? `${table.name}|u|${source.userId}`
      : `${table.name}|t|${source.definition}`;
  }

  /** The shape from memory when known, else from the database (and remembered). */
  async resolve(table: SyncedTable, source: ScopeSource): Promise<ResolvedShape> {
    const key = ShapeCache.key(table, source);
    const hit = this.#entries.get(key);
    if (hit) {
      return {
        table,
        scope: hit.scope,
        definitionHash: hit.definitionHash,
        state: this.feed.state,
      };
    }
    return this.fresh(table, source);
  }

  /** Always from the database; refreshes the remembered entry and the feed's view of the log. */
  async fresh(table: SyncedTable, source: ScopeSource): Promise<ResolvedShape> {
    const shape = await resolveShape(this.db, table, source);
    await this.feed.observe(shape.state);
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
    this.#entries.set(ShapeCache.key(table, source), {
      userId: source.userId,
      scope: shape.scope,
      definitionHash: shape.definitionHash,
    });
    return shape;
  }
}
