/**
 * Snapshot chunks of a shape.
 *
 * The first chunk is read in one REPEATABLE READ transaction together with the log head P it
 * joins at. To make that join exact (no change both in the snapshot and again after P), the
 * transaction first acts as the publisher: holding the publish lock it numbers every transaction
 * its own snapshot can see, so positions <= P are exactly the transactions the snapshot contains.
 * If the lock is taken and the snapshot sees no unpublished change, it is exact as it is (every
 * transaction it sees already has a position <= the head it reads, and nothing committed later
 * has one). If it does see some (the holder is publishing them), or publishing failed because
 * another publisher committed after our snapshot began, it waits for that publisher to finish
 * (in a transaction of its own: a REPEATABLE READ snapshot is fixed by its first statement, so it
 * cannot wait for the lock itself) and tries again. After a few tries, or a wait of more than PUBLISHER_WAIT_MS, it falls back to
 * a snapshot without publishing, where transactions committed but not yet published arrive again
 * from the log.
 *
 * Later chunks are read at their own time, so changes between P and their read may also arrive
 * again. Replicas therefore apply an insert of a known key as an upsert and ignore an update or
 * delete of a missing key (what Electric's Shape class does), and converge either way.
 */
import type { SyncedTable } from '@eco-track/shared-schema';
import type { Db, Queryable } from '../db/types.ts';
import { PUBLISH_LOCK_KEY, hasUnpublished, publishIn } from './publisher.ts';
import { readSnapshotChunk, type SnapshotChunk } from './shape-reader.ts';
import { resolveShape, type ResolvedShape, type ScopeSource } from './shape-scope.ts';

const EXACT_ATTEMPTS = 8;
/** Longest wait for another publisher (it may be numbering a large import) before the fallback. */
const PUBLISHER_WAIT_MS = 5_000;

class PublisherBusy extends Error {}

const sqlState = (err: unknown) => (err as { code?: unknown }).code;

/** Waits for the publisher holding the lock and publishes what it left: false on a timeout. */
async function waitForPublisher(db: Db): Promise<boolean> {
  try {
    await db.transaction(async (tx) => {
      await tx.exec(`SET LOCAL lock_timeout = ${PUBLISHER_WAIT_MS}`);
      await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [PUBLISH_LOCK_KEY]);
      await publishIn(tx);
    });
    return true;
  } catch (err) {
    if (sqlState(err) === '55P03') return false; // lock_not_available
    throw err;
  }
}

/** The session settings the capture triggers render values under (migration 0020). */
export async function withTextSettings(tx: Queryable): Promise<void> {
  await tx.exec(
    "SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, DMY'; SET LOCAL IntervalStyle = 'iso_8601'; SET LOCAL extra_float_digits = 1",
  );
}

export async function readFirstChunk(
  db: Db,
  table: SyncedTable,
  source: ScopeSource,
  limit: number,
): Promise<{ shape: ResolvedShape; chunk: SnapshotChunk }> {
  for (let attempt = 0; ; attempt++) {
    const exact = attempt < EXACT_ATTEMPTS;
    try {
      return await db.transaction(async (tx) => {
        await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        if (exact) {
          const [lock] = await tx.query<{ ok: boolean }>(
            'SELECT pg_try_advisory_xact_lock($1::bigint) AS ok',
            [PUBLISH_LOCK_KEY],
          );
          // Without the lock the snapshot is still exact when it sees no unpublished change
          // (e.g. the holder is another shape's first chunk): then positions <= the head it
          // reads are exactly the transactions it contains.
          if (lock?.ok) await publishIn(tx);
          else if (await hasUnpublished(tx)) throw new PublisherBusy();
        }
        await withTextSettings(tx);
        const shape = await resolveShape(tx, table, source);
        const chunk = await readSnapshotChunk(tx, table, shape.scope, null, limit);
        return { shape, chunk };
      });
    } catch (err) {
      const retry = err instanceof PublisherBusy || sqlState(err) === '40001';
      if (!exact || !retry) throw err;
      if (!(await waitForPublisher(db))) attempt = EXACT_ATTEMPTS - 1;
    }
  }
}

export async function readNextChunk(
  db: Db,
  table: SyncedTable,
  shape: ResolvedShape,
  afterKey: string,
  limit: number,
): Promise<SnapshotChunk> {
  return db.transaction(async (tx) => {
    await withTextSettings(tx);
    return readSnapshotChunk(tx, table, shape.scope, afterKey, limit);
  });
}
