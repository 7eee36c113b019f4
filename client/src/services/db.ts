/**
 * The UI's handle on the DB worker (client/src/worker, owned by the sync engineer). Every page
 * reads and writes local data through it; nothing here knows SQL. The handle is provided through
 * React context (see db-context.tsx) so component tests can hand in a fake.
 */
import type { WorkerApi } from '../worker/api.ts';
import { startDbWorker } from '../worker/connect.ts';

export type Db = WorkerApi;

export interface StartedDb {
  /**
   * Usable at once: calls go to the worker straight away and are answered once its database is
   * open, so the UI renders (and shows snapshot data) while the worker boots, and the first
   * queries start the moment the database opens, not after this page hears that it did.
   */
  handle: Db;
  /** Resolves when the worker's database is open; rejects if it cannot open. */
  connecting: Promise<Db>;
}

let started: StartedDb | undefined;

/** Starts this tab's DB worker once. */
export function startDb(): StartedDb {
  started ??= (() => {
    // Comlink's Remote<WorkerApi> has the same promise-returning methods; callbacks passed to it
    // are wrapped with Comlink.proxy at the call sites.
    const { api, ready } = startDbWorker();
    const connecting = ready.then(() => {
      performance.mark('eco:db-ready');
      return api;
    });
    return { handle: notThenable(api), connecting };
  })();
  return started;
}

/** Comlink's proxy answers every property, `then` too: awaiting it would never settle. */
function notThenable(db: Db): Db {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'then') return undefined;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}
