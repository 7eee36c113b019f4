/**
 * The device replica's tables: the server's synced-table descriptions (protocol/synced-tables.ts)
 * plus what only the device needs: indexes for its local queries (dashboard ranges, the activity
 * list, joins) and the secondary unique keys used to re-key rows born on the device.
 */
import {
  SYNCED_TABLES,
  SYNCED_TABLE_NAMES,
  type SyncedTable,
  type SyncedTableName,
} from '../protocol/synced-tables.ts';
import type { ReplicaTable } from './replica-types.ts';

type DeviceExtras = Pick<ReplicaTable, 'indexes' | 'uniqueKeys' | 'live' | 'totals'>;

const ORG_ROWS = 'org_id IS NOT NULL';

const DEVICE_EXTRAS: Partial<Record<SyncedTableName, DeviceExtras>> = {
  // Live: what users edit and watch on several devices. Three long-polls leave half of the
  // browser's six connections per server for writes, catch-ups and the app's own requests.
  // Every activity query names its owner (user_id or org_id; worker/queries/scope-filter.ts), so
  // a timestamp index of its own would only cost an initial sync (~150 ms per 100k rows). The
  // organisation indexes are partial: `org_id = ?` implies the condition, and a personal user's
  // rows (org_id NULL) cost them nothing to build.
  activities: {
    live: true,
    indexes: [{ columns: ['org_id', 'timestamp'], where: ORG_ROWS }, ['user_id', 'timestamp']],
  },
  // Dashboard sums read only these columns: covering indexes answer them without row lookups.
  emissions: {
    live: true,
    indexes: [
      ['activity_id'],
      ['user_id', 'timestamp', 'org_id', 'co2_equivalent', 'category', 'scope'],
      {
        columns: ['org_id', 'timestamp', 'user_id', 'co2_equivalent', 'category', 'scope'],
        where: ORG_ROWS,
      },
    ],
    uniqueKeys: [['activity_id']],
    // The dashboard's sums over any period read a few hundred rollup rows, not 100k emissions.
    totals: {
      value: 'co2_equivalent',
      time: 'timestamp',
      user: 'user_id',
      org: 'org_id',
      groupBy: ['category', 'scope'],
    },
  },
  goals: { live: true, indexes: [['user_id']] },
  memberships: { indexes: [['org_id'], ['user_id']] },
  reports: { indexes: [['created_at']] },
  user_recommendations: { uniqueKeys: [['user_id', 'recommendation_id']] },
  user_challenges: { uniqueKeys: [['user_id', 'challenge_id']] },
  user_achievements: { uniqueKeys: [['user_id', 'achievement_id']] },
  emission_factors: { indexes: [['key', 'year']] },
};

export function replicaTableFor(t: SyncedTable, extras: DeviceExtras = {}): ReplicaTable {
  return {
    name: t.name,
    primaryKey: t.primaryKey,
    columns: t.columns.map((c) => ({ name: c.name, pgType: c.type, notNull: c.notNull })),
    ...(t.visibility.kind === 'public' ? { catalogue: true } : {}),
    ...extras,
  };
}

/** Every synced table as the device stores it, in the server's order. */
export const REPLICA_TABLES: readonly ReplicaTable[] = SYNCED_TABLE_NAMES.map((name) =>
  replicaTableFor(SYNCED_TABLES[name], DEVICE_EXTRAS[name]),
);
