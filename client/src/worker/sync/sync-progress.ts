import type { ReplicaTable } from '@eco-track/shared-schema';

/** How far a device's first sync has come, given which tables have synced once. */
export interface SyncProgress {
  /** Every table, the public catalogues included. */
  initialSyncDone: boolean;
  /** Every table but the public catalogues: the user's (and their organisations') own rows. */
  ownDataSynced: boolean;
}

export function syncProgress(
  tables: readonly ReplicaTable[],
  synced: ReadonlySet<string>,
): SyncProgress {
  return {
    initialSyncDone: tables.every((t) => synced.has(t.name)),
    ownDataSynced: tables.every((t) => t.catalogue || synced.has(t.name)),
  };
}
