/**
 * The UI's handle on the DB worker (client/src/worker, owned by the sync engineer). Every page
 * reads and writes local data through it; nothing here knows SQL. The handle is provided through
 * React context (see db-context.tsx) so component tests can hand in a fake.
 *
 * The worker's entry is found with import.meta.glob, so this module builds whether the worker
 * package exposes `connectDbWorker()` (worker/connect.ts) or only its entry (worker/db.worker.ts).
 */
import { wrap } from 'comlink';
import type { WorkerApi } from '../worker/api.ts';

export type Db = WorkerApi;

type Connect = () => Promise<unknown>;
type WorkerCtor = new (options?: { name?: string }) => Worker;

const connectModules = import.meta.glob<Connect>('../worker/connect.ts', {
  import: 'connectDbWorker',
});
const workerEntries = import.meta.glob<WorkerCtor>('../worker/db.worker.ts', {
  query: '?worker',
  import: 'default',
});

let connecting: Promise<Db> | undefined;

/** Starts this tab's DB worker once and resolves when it is connected to the database. */
export function connectDb(): Promise<Db> {
  connecting ??= (async () => {
    const loadConnect = Object.values(connectModules)[0];
    if (loadConnect) {
      const connectDbWorker = await loadConnect();
      const api = (await connectDbWorker()) as Db;
      performance.mark('eco:db-ready');
      return api;
    }
    const loadWorker = Object.values(workerEntries)[0];
    if (!loadWorker) throw new Error('This build has no local database worker');
    const WorkerEntry = await loadWorker();
    // Comlink's Remote<WorkerApi> has the same promise-returning methods; callbacks passed to it
    // are wrapped with Comlink.proxy at the call sites.
    const api = wrap<WorkerApi>(new WorkerEntry({ name: 'eco-track-db' })) as unknown as Db;
    await api.ready();
    performance.mark('eco:db-ready');
    return api;
  })();
  return connecting;
}
