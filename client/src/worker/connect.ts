/**
 * Starts this tab's DB worker and connects to it (main thread):
 *
 *   const db = await connectDbWorker();          // Remote<WorkerApi>
 *   await db.setSession(session, Comlink.proxy(refresh));
 *   const id = await db.subscribe(['activities'], Comlink.proxy(() => refetch()));
 *
 * It also forwards the window's online/offline events, which the worker uses to pause and resume
 * sync without waiting for a request to fail.
 */
import { wrap, type Remote } from 'comlink';
import type { WorkerApi } from './api.ts';

export interface ConnectOptions {
  /** The sync server (defaults to this page's origin). */
  serverUrl?: string;
  /** Storage for the replica: OPFS by default; `memory` for benchmarks. */
  storage?: 'opfs' | 'idb' | 'memory';
}

export interface StartedDbWorker {
  /**
   * Takes calls at once: the worker holds them until its database is open (or the leader tab
   * answers), so the first queries run as soon as it opens, without a round trip to this page.
   */
  api: Remote<WorkerApi>;
  /** Resolves when the database is open (this tab leads) or a leader answers; rejects on failure. */
  ready: Promise<Remote<WorkerApi>>;
}

export function startDbWorker(options: ConnectOptions = {}): StartedDbWorker {
  // A built index.html started the default (OPFS) worker already (vite.config.ts), before this
  // bundle loaded; it is taken once.
  const started = self as { __ecoDbWorker?: Worker };
  const early = options.storage === undefined ? started.__ecoDbWorker : undefined;
  delete started.__ecoDbWorker;
  // The literal `new Worker(new URL(...), …)` form is what Vite recognises and bundles; the storage
  // choice travels in the worker's name.
  const worker =
    early ??
    new Worker(new URL('./db.worker.ts', import.meta.url), {
      type: 'module',
      name: `eco-track-db:${options.storage ?? 'opfs'}`,
    });
  if (!early) performance.mark('eco:worker-created');
  const api = wrap<WorkerApi>(worker);
  const ready = api
    .ready(options.serverUrl ? { serverUrl: options.serverUrl } : undefined)
    .then(() => {
      const report = () => void api.setOnline(navigator.onLine);
      addEventListener('online', report);
      addEventListener('offline', report);
      if (!navigator.onLine) report();
      return api;
    });
  return { api, ready };
}

export function connectDbWorker(options: ConnectOptions = {}): Promise<Remote<WorkerApi>> {
  return startDbWorker(options).ready;
}
