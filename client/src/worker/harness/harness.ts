/**
 * A test-only page that drives the DB worker directly (no PWA UI): end-to-end sync tests and the
 * initial-sync benchmark call `window.eco.api.*` through Playwright. `?storage=memory` selects an
 * in-memory replica, `?noworker` skips starting the worker (benchmark baselines).
 */
import { proxy, type Remote } from 'comlink';
import type { WorkerApi } from '../api.ts';
import { connectDbWorker } from '../connect.ts';
import { runSqliteBaseline } from './sqlite-baseline.ts';

declare global {
  interface Window {
    eco: {
      api?: Remote<WorkerApi>;
      proxy: typeof proxy;
      swReady: Promise<boolean>;
      baseline: typeof runSqliteBaseline;
      error?: string;
    };
  }
}

const state = document.getElementById('state') as HTMLElement;
const params = new URLSearchParams(location.search);
const storage = params.get('storage');

async function registerSw(): Promise<boolean> {
  if (!('serviceWorker' in navigator)) return false;
  await navigator.serviceWorker.register('/sw.js');
  await navigator.serviceWorker.ready;
  if (navigator.serviceWorker.controller) return true;
  await new Promise<void>((resolve) =>
    navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }),
  );
  return true;
}

window.eco = { proxy, swReady: registerSw().catch(() => false), baseline: runSqliteBaseline };

if (!params.has('noworker')) {
  connectDbWorker(storage === 'memory' || storage === 'idb' ? { storage } : {}).then(
    (api) => {
      window.eco.api = api;
      state.textContent = 'ready';
    },
    (err: unknown) => {
      window.eco.error = String(err);
      state.textContent = `failed: ${String(err)}`;
    },
  );
}
