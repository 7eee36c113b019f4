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

export async function connectDbWorker(options: ConnectOptions = {}): Promise<Remote<WorkerApi>> {
  // The literal `new Worker(new URL(...), …)` form is what Vite recognises and bundles; the storage
  // choice travels in the worker's name.
  const worker = new Worker(new URL('./db.worker.ts', import.meta.url), {
    type: 'module',
    name: `eco-track-db:${options.storage ?? 'opfs'}`,
  });
  const api = wrap<WorkerApi>(worker);
  await api.ready(options.serverUrl ? { serverUrl: options.serverUrl } : undefined);
  const report = () => void api.setOnline(navigator.onLine);
  addEventListener('online', report);
  addEventListener('offline', report);
  if (!navigator.onLine) report();
  return api;
}
