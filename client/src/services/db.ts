/**
 * The UI's handle on the DB worker (client/src/worker, owned by the sync engineer). Every page
 * reads and writes local data through it; nothing here knows SQL. The handle is provided through
 * React context (see db-context.tsx) so component tests can hand in a fake.
 */
import type { WorkerApi } from '../worker/api.ts';
import { connectDbWorker } from '../worker/connect.ts';

export type Db = WorkerApi;

let connecting: Promise<Db> | undefined;

/** Starts this tab's DB worker once and resolves when it is connected to the database. */
export function connectDb(): Promise<Db> {
  connecting ??= (async () => {
    // Comlink's Remote<WorkerApi> has the same promise-returning methods; callbacks passed to it
    // are wrapped with Comlink.proxy at the call sites.
    const api = (await connectDbWorker()) as unknown as Db;
    performance.mark('eco:db-ready');
    return api;
  })();
  return connecting;
}

/**
 * A handle usable before the worker is up: every call waits for `connecting` and then goes
 * through. The UI can render (and show snapshot data) while the worker boots.
 */
export function deferredDb(connecting: Promise<Db>): Db {
  return new Proxy({} as Db, {
    get(_target, prop) {
      // Not thenable: awaiting this handle must not wait for the worker.
      if (prop === 'then') return undefined;
      return (...args: unknown[]) =>
        connecting.then((db) => {
          const methods = db as unknown as Record<PropertyKey, (...a: unknown[]) => unknown>;
          return methods[prop]?.(...args);
        });
    },
  });
}
