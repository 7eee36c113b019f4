/**
 * Creates or upgrades the replica schema in an open database, and binds the replica to one user.
 *
 * The synced tables are a cache of the server, so a changed schema (another fingerprint) simply
 * drops them and lets every shape sync from scratch; the outbox holds the user's unsent writes and
 * survives: its entries are replayed into the fresh overlays.
 */
import {
  BOOKKEEPING_DDL,
  generatedNames,
  quoteIdent,
  schemaFingerprint,
  tableDdl,
  type ReplicaTable,
} from '@eco-track/shared-schema';
import type { SqlDb, SqlRunner } from '../db/sql-db.ts';
import type { Writers } from './local-writes.ts';
import { mutationsInOrder } from './outbox.ts';

async function getMeta(db: SqlRunner, key: string): Promise<string | undefined> {
  return (await db.get<{ value: string }>('SELECT value FROM _meta WHERE key = ?', [key]))?.value;
}

async function setMeta(db: SqlRunner, key: string, value: string): Promise<void> {
  await db.run('INSERT OR REPLACE INTO _meta (key, value) VALUES (?, ?)', [key, value]);
}

async function createTables(tx: SqlRunner, tables: readonly ReplicaTable[]): Promise<void> {
  const known = JSON.parse((await getMeta(tx, 'tables')) ?? '[]') as string[];
  for (const name of new Set([...known, ...tables.map((t) => t.name)])) {
    for (const object of generatedNames(name)) {
      const found = await tx.get<{ type: string }>(
        `SELECT type FROM sqlite_master WHERE name = ? AND type IN ('table', 'view')`,
        [object],
      );
      if (found)
        await tx.exec(`DROP ${found.type === 'view' ? 'VIEW' : 'TABLE'} ${quoteIdent(object)}`);
    }
  }
  for (const t of tables) for (const stmt of tableDdl(t)) await tx.exec(stmt);
  // Shapes restart from scratch (and _shapes may have new columns); outbox and meta stay.
  await tx.exec('DROP TABLE IF EXISTS _shapes');
  for (const stmt of BOOKKEEPING_DDL) await tx.exec(stmt);
  await setMeta(tx, 'tables', JSON.stringify(tables.map((t) => t.name)));
  await setMeta(tx, 'schema', schemaFingerprint(tables));
}

/** Replays the outbox into empty overlays (after a rebuild). Ack marks restart with the shapes. */
async function replayOutbox(tx: SqlRunner, writers: Writers): Promise<void> {
  await tx.run(`UPDATE _outbox SET ack_marks = '{}', seen_on = '[]'`);
  for (const entry of await mutationsInOrder(tx)) {
    const w = writers.get(entry.table);
    if (w) await w.apply(tx, entry, entry.created_at);
  }
}

/** Ensures the replica schema matches `tables`; answers whether it had to be (re)built. */
export async function installReplica(
  db: SqlDb,
  tables: readonly ReplicaTable[],
  writers: Writers,
): Promise<boolean> {
  for (const stmt of BOOKKEEPING_DDL) await db.exec(stmt);
  if ((await getMeta(db, 'schema')) === schemaFingerprint(tables)) return false;
  await db.transaction(async (tx) => {
    await createTables(tx, tables);
    await replayOutbox(tx, writers);
  });
  return true;
}

/**
 * Binds the replica to `userId`. Data of another user (a different account on this device) is
 * wiped first, unsent writes included: they were that user's and can never be sent as this one.
 */
export async function bindOwner(
  db: SqlDb,
  tables: readonly ReplicaTable[],
  userId: string,
): Promise<'same' | 'new' | 'switched'> {
  const owner = await getMeta(db, 'owner');
  if (owner === userId) return 'same';
  await db.transaction(async (tx) => {
    if (owner !== undefined) {
      await tx.run('DELETE FROM _outbox');
      await tx.run('DELETE FROM _rejected');
      await createTables(tx, tables);
    }
    await setMeta(tx, 'owner', userId);
  });
  return owner === undefined ? 'new' : 'switched';
}

/** Deletes every local row and unsent write (log out on a shared device). */
export async function wipeReplica(db: SqlDb, tables: readonly ReplicaTable[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run('DELETE FROM _outbox');
    await tx.run('DELETE FROM _rejected');
    await tx.run(`DELETE FROM _meta WHERE key = 'owner'`);
    await createTables(tx, tables);
  });
}

export async function replicaOwner(db: SqlRunner): Promise<string | undefined> {
  return getMeta(db, 'owner');
}
