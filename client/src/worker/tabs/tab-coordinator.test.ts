import { REPLICA_TABLES } from '@eco-track/shared-schema';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqlDb } from '../db/sql-db.ts';
import { DbService } from '../service/db-service.ts';
import { manualOnlineSignal, realTimers } from '../sync/env.ts';
import { FakeSyncServer } from '../testing/fake-sync-server.ts';
import { openMemoryDb } from '../testing/node-sqlite.ts';
import { eventually } from '../testing/test-device.ts';
import { TabCoordinator } from './tab-coordinator.ts';
import type { TabLocks } from './tab-protocol.ts';

const USER = '00000000-0000-4000-8000-000000000001';
const FACTOR = 'fuel.natural_gas.kwh.gb';
const SESSION = { accessToken: 't', userId: USER, username: 'ada' };

/** navigator.locks for several tabs of one origin: exclusive, FIFO, released when a tab closes. */
class FakeLocks {
  #held: string | undefined;
  #queue: { tab: string; grant: () => void }[] = [];
  forTab(tab: string): TabLocks {
    return {
      request: (_name, hold) =>
        new Promise((resolve) => {
          this.#queue.push({ tab, grant: () => void hold().then(resolve) });
          this.#next();
        }),
    };
  }
  release(tab: string): void {
    this.#queue = this.#queue.filter((q) => q.tab !== tab);
    if (this.#held === tab) this.#held = undefined;
    this.#next();
  }
  #next(): void {
    if (this.#held) return;
    const q = this.#queue.shift();
    if (!q) return;
    this.#held = q.tab;
    q.grant();
  }
}

interface Tab {
  coordinator: TabCoordinator;
  service?: DbService;
  kill(): Promise<void>;
}

const opened: Tab[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.kill();
});

function openTab(name: string, locks: FakeLocks, db: SqlDb, server: FakeSyncServer): Tab {
  const online = manualOnlineSignal(true);
  const tab: Tab = {
    coordinator: undefined as unknown as TabCoordinator,
    async kill() {
      tab.coordinator.close();
      locks.release(name);
      await tab.service?.stopSync();
    },
  };
  tab.coordinator = new TabCoordinator({
    tabId: name,
    locks: locks.forTab(name),
    channel: new BroadcastChannel('eco-track-test'),
    openLeader: async (onTablesChanged) => {
      const service = await DbService.open({
        db,
        fetch: server.fetchFor(() => online.isOnline()),
        now: () => Date.now(),
        timers: realTimers,
        random: Math.random,
        online,
        baseUrl: 'http://fake.test',
        tables: REPLICA_TABLES,
        engine: {
          backoff: { initialMs: 2, maxMs: 20, multiplier: 2 },
          streamBackoff: { initialDelay: 2, maxDelay: 20, multiplier: 2 },
        },
        onTablesChanged,
      });
      tab.service = service;
      return { api: service, subscribeStatus: (cb) => service.subscribeSyncStatus(cb) };
    },
  });
  opened.push(tab);
  return tab;
}

const log = (tab: Tab, amount: number) =>
  tab.coordinator.api.logActivity({
    factor_key: FACTOR,
    amount,
    unit: 'kWh',
    timestamp: '2025-03-01T00:00:00Z',
  });

/** A new database whose first tab, `a`, leads and is signed in. */
async function signedInLeader() {
  const server = new FakeSyncServer();
  const db = await openMemoryDb();
  const locks = new FakeLocks();
  const a = openTab('a', locks, db, server);
  await a.coordinator.api.ready();
  await a.coordinator.api.setSession(SESSION);
  return { server, db, locks, a };
}

describe('tabs: one leader owns the database, the others go through it', () => {
  it('both tabs read and write; changes reach the other tab; the server gets each write once', async () => {
    const server = new FakeSyncServer();
    const db = await openMemoryDb();
    const locks = new FakeLocks();
    const a = openTab('a', locks, db, server);
    expect(await a.coordinator.api.ready()).toEqual({ isLeader: true });
    const b = openTab('b', locks, db, server);
    expect(await b.coordinator.api.ready()).toEqual({ isLeader: false });
    await b.coordinator.api.setSession(SESSION);

    const seenByA: string[][] = [];
    await a.coordinator.api.subscribe(['activities'], (t) => seenByA.push(t));
    const fromB = await log(b, 5);
    expect(fromB.ok).toBe(true);
    const fromA = await log(a, 7);
    expect(fromA.ok).toBe(true);
    expect(await b.coordinator.api.countActivities()).toBe(2);
    await eventually(() => seenByA.length > 0, 2000, 'A notified of B’s write');
    await eventually(() => server.rows.get('activities')?.size === 2, 5000, 'server has both');
    expect([...server.applications.values()].every((n) => n === 1)).toBe(true);
  });

  it('when the leader closes another tab takes over, with every write kept and none doubled', async () => {
    const { server, db, locks, a } = await signedInLeader();
    const b = openTab('b', locks, db, server);
    await b.coordinator.api.ready();
    await b.coordinator.api.setSession(SESSION);
    expect((await log(a, 1)).ok).toBe(true);

    // B writes while the leader is going away: the call is answered by B itself once it leads.
    const inFlight = log(b, 2);
    await a.kill();
    const result = await inFlight;
    expect(result.ok).toBe(true);
    expect(b.coordinator.isLeader).toBe(true);
    expect((await log(b, 3)).ok).toBe(true);
    expect(await b.coordinator.api.countActivities()).toBe(3);
    await eventually(() => server.rows.get('activities')?.size === 3, 5000, 'server has all three');
    expect((await b.coordinator.api.getSyncStatus()).isLeader).toBe(true);
  });

  it('calls made while the database is still opening are answered once it is open', async () => {
    const { server, db, locks, a } = await signedInLeader();
    expect((await log(a, 4)).ok).toBe(true);
    await a.kill();

    // The page does not wait for `ready` before asking: session and queries queue in the worker.
    const b = openTab('b', locks, db, server);
    const ready = b.coordinator.api.ready();
    const session = b.coordinator.api.setSession(SESSION);
    const count = b.coordinator.api.countActivities();
    const list = b.coordinator.api.listActivities();
    expect(await count).toBe(1);
    expect((await list).rows.map((r) => r.amount)).toEqual([4]);
    await session;
    expect(await ready).toEqual({ isLeader: true });
    expect((await b.coordinator.api.getSyncStatus()).isLeader).toBe(true);
  });
});
