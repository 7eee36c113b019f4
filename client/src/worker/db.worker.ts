/// <reference lib="webworker" />
/**
 * The DB worker's entry (one per tab): joins the leader election and exposes the WorkerApi with
 * comlink. The leader opens the replica in OPFS and runs the sync; the others relay to it.
 * The worker's name `eco-track-db:<storage>` (memory | idb | opfs) selects the store (benchmarks).
 */
import { expose } from 'comlink';
import type { WorkerApi } from './api.ts';
import { openBrowserDb, type StorageKind } from './db/open-browser.ts';
import { loadEngine } from './domain/engine.ts';
import { createFactorLibrary } from './factors/factor-library.ts';
import { DbService } from './service/db-service.ts';
import { manualOnlineSignal, realTimers } from './sync/env.ts';
import { TabCoordinator } from './tabs/tab-coordinator.ts';
import { TAB_CHANNEL } from './tabs/tab-protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

// Boot marks (db:*), read by `npm run bench -w client` to break the cold start down.
performance.mark('db:worker-start');

const named = self.name.split(':')[1];
const storage: StorageKind = named === 'memory' || named === 'idb' ? named : 'opfs';
let baseUrl = self.location.origin;

const online = manualOnlineSignal(self.navigator.onLine);
self.addEventListener('online', () => online.set(true));
self.addEventListener('offline', () => online.set(false));

const coordinator = new TabCoordinator({
  // Without Web Locks (very old browsers) each tab would open the store alone; one tab is assumed.
  locks: self.navigator.locks ?? { request: (_name: string, hold: () => Promise<void>) => hold() },
  channel: new BroadcastChannel(TAB_CHANNEL),
  openLeader: async (onTablesChanged) => {
    performance.mark('db:lock-granted');
    const { db } = await openBrowserDb(storage);
    const service = await DbService.open({
      db,
      fetch: (input, init) => fetch(input, init),
      now: () => Date.now(),
      timers: realTimers,
      random: Math.random,
      online,
      baseUrl,
      onTablesChanged,
    });
    performance.mark('db:replica-checked');
    return { api: service, subscribeStatus: (cb) => service.subscribeSyncStatus(cb) };
  },
});

const api: WorkerApi = {
  ...coordinator.api,
  ...createFactorLibrary(loadEngine),
  ready: (options) => {
    if (options?.serverUrl) baseUrl = options.serverUrl;
    return coordinator.api.ready(options);
  },
  // Every tab's page reports connectivity; only the leader's signal drives the sync, so the hint
  // goes to the leader and also updates this worker's own signal.
  setOnline: (value) => {
    online.set(value);
    return coordinator.api.setOnline(value);
  },
};

expose(api);
