/**
 * How each writable table turns a mutation into overlay rows, and the two operations built on
 * that: `writeLocal` (a new command: outbox entry + overlay in one transaction) and `rebaseRow`
 * (after the server refused a mutation: rebuild the row's overlay from the mutations that still
 * apply, oldest first, so later edits survive and the refused one disappears).
 *
 * Most tables map a mutation straight onto their overlay. Activities also carry a derived row:
 * the emission the device calculated, so dashboards include the write at once; the server
 * recalculates its own, which replaces ours when it arrives.
 */
import type { ReplicaTable } from '@eco-track/shared-schema';
import type { SqlRunner } from '../db/sql-db.ts';
import {
  enqueueMutation,
  mutationsForRow,
  type LocalMutation,
  type OutboxEntry,
} from './outbox.ts';
import { overlayClear, overlayDelete, overlayInsert, overlayUpdate } from './overlay.ts';

export interface TableWriter {
  /**
   * Writes the overlay rows for one mutation made at `at` (ISO time); also used when replaying,
   * so it must derive the same rows from the same mutation.
   */
  apply: (tx: SqlRunner, m: LocalMutation, at: string, opts?: ApplyOptions) => Promise<void>;
  /** Removes every overlay row that mutations of this row produced. */
  clear: (tx: SqlRunner, rowId: string) => Promise<void>;
  /** Tables whose merged view this writer changes (for change notifications). */
  readonly touches: readonly string[];
}

export interface ApplyOptions {
  /**
   * First application of a new command: refusals (e.g. the engine cannot calculate) throw and
   * roll the write back. Replays are lenient: the server has the last word on them.
   */
  strict?: boolean;
}

/** Who is writing: the replica's owner. */
export interface WriterContext {
  userId: string | null;
}

/**
 * Values the server fills in for a new row (column defaults, owner, timestamps), so the optimistic
 * row looks like the one that will come back.
 */
export function serverDefaults(
  t: ReplicaTable,
  ctx: WriterContext,
  at: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...extra };
  for (const c of t.columns) {
    if (c.name === 'user_id' && ctx.userId) out.user_id = ctx.userId;
    if (c.name === 'created_at' || c.name === 'updated_at' || c.name === 'timestamp')
      out[c.name] = at;
  }
  return out;
}

/** The plain writer: the mutation's fields go straight into the table's overlay. */
export function plainWriter(
  t: ReplicaTable,
  ctx: WriterContext = { userId: null },
  defaults: Record<string, unknown> = {},
): TableWriter {
  return {
    touches: [t.name],
    async apply(tx, m, at) {
      switch (m.op) {
        case 'insert':
          return overlayInsert(
            tx,
            t,
            { ...serverDefaults(t, ctx, at, defaults), ...m.payload },
            m.mutation_id,
          );
        case 'update':
          return overlayUpdate(tx, t, m.row_id, { ...m.payload, updated_at: at }, m.mutation_id);
        case 'delete':
          return overlayDelete(tx, t, m.row_id, m.mutation_id);
      }
    },
    async clear(tx, rowId) {
      await overlayClear(tx, t, rowId);
    },
  };
}

export type Writers = ReadonlyMap<string, TableWriter>;

function writerFor(writers: Writers, table: string): TableWriter {
  const w = writers.get(table);
  if (!w) throw new Error(`table ${table} is not writable on the device`);
  return w;
}

/** Queues a mutation and applies it to the overlay, in the caller's transaction. */
export async function writeLocal(
  tx: SqlRunner,
  writers: Writers,
  m: LocalMutation,
  nowIso: string,
): Promise<readonly string[]> {
  const w = writerFor(writers, m.table);
  await enqueueMutation(tx, m, nowIso);
  await w.apply(tx, m, nowIso, { strict: true });
  return w.touches;
}

/** Rebuilds one row's overlay from its outbox entries that have not come back through the stream. */
export async function rebaseRow(
  tx: SqlRunner,
  writers: Writers,
  table: string,
  rowId: string,
): Promise<readonly string[]> {
  const w = writerFor(writers, table);
  await w.clear(tx, rowId);
  const entries: OutboxEntry[] = await mutationsForRow(tx, table, rowId);
  for (const e of entries) {
    // Already delivered by this table's shape: the synced row carries it.
    if (e.status === 'acked' && e.seen_on.includes(table)) continue;
    await w.apply(tx, e, e.created_at);
  }
  return w.touches;
}
