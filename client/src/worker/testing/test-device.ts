/**
 * A simulated device for Node tests: its own in-memory replica, sync engine and connectivity,
 * talking to a FakeSyncServer. Timers are real but short (milliseconds), so tests run in seconds.
 */
import { REPLICA_TABLES, type ReplicaTable } from '@eco-track/shared-schema';
import type { SqlDb } from '../db/sql-db.ts';
import { plainWriter, writeLocal, type Writers } from '../store/local-writes.ts';
import type { LocalMutation } from '../store/outbox.ts';
import { installReplica } from '../store/replica-install.ts';
import { manualOnlineSignal, realTimers, type AuthSource } from '../sync/env.ts';
import { SyncEngine } from '../sync/sync-engine.ts';
import type { FakeSyncServer } from './fake-sync-server.ts';
import { openMemoryDb } from './node-sqlite.ts';

export const TEST_TABLES: readonly ReplicaTable[] = REPLICA_TABLES.filter(
  (t) => t.name === 'goals' || t.name === 'activities',
);

export interface TestDevice {
  db: SqlDb;
  engine: SyncEngine;
  online: ReturnType<typeof manualOnlineSignal>;
  write(m: LocalMutation): Promise<void>;
  close(): Promise<void>;
}

export interface TestDeviceOptions {
  tables?: readonly ReplicaTable[];
  /** Sees every request the device sends; a Response it returns answers instead of the server. */
  onRequest?: (url: URL) => Response | undefined | void;
  catalogueWaitMs?: number;
}

export async function createTestDevice(
  server: FakeSyncServer,
  auth: AuthSource = { token: () => 'test-token', refresh: () => Promise.resolve('ok') },
  { tables = TEST_TABLES, onRequest, catalogueWaitMs }: TestDeviceOptions = {},
): Promise<TestDevice> {
  const db = await openMemoryDb();
  const writers: Writers = new Map(tables.map((t) => [t.name, plainWriter(t)]));
  await installReplica(db, tables, writers);
  const online = manualOnlineSignal(true);
  const serverFetch = server.fetchFor(() => online.isOnline());
  const engine = new SyncEngine({
    db,
    tables,
    writers,
    baseUrl: 'http://fake.test',
    auth,
    fetch: (input, init) => {
      const answer = onRequest?.(new URL(input instanceof Request ? input.url : String(input)));
      return answer ? Promise.resolve(answer) : serverFetch(input, init);
    },
    ...(catalogueWaitMs === undefined ? {} : { catalogueWaitMs }),
    now: () => Date.now(),
    timers: realTimers,
    random: Math.random,
    online,
    backoff: { initialMs: 2, maxMs: 20, multiplier: 2 },
    streamBackoff: { initialDelay: 2, maxDelay: 20, multiplier: 2 },
    onTablesChanged: () => undefined,
    onStatusChanged: () => undefined,
  });
  await engine.start();
  return {
    db,
    engine,
    online,
    async write(m) {
      await db.transaction((tx) => writeLocal(tx, writers, m, new Date().toISOString()));
      engine.kick();
    },
    async close() {
      engine.stop();
      await engine.flusher.settled();
      await db.close();
    },
  };
}

/** Polls `check` until it is true or `ms` pass. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  ms = 5000,
  what = 'condition',
): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
