/**
 * The background upkeep Postgres does itself, done for the embedded database. PGlite runs Postgres
 * in single-user mode: one backend, no background processes, so neither autovacuum nor the
 * checkpointer ever runs. Without this, every updated or deleted row (the publisher numbers each
 * change-log entry with an UPDATE, compaction deletes old entries, the rollups update a row per
 * write) stays as a dead tuple, tables and indexes only grow, the planner never gets statistics,
 * and the WAL grows without end (measured: 529 MB after 600k row writes, all of it replayed at
 * the next start after a crash). decisions.md has the measurements.
 *
 * Each round picks the tables autovacuum would, by its default thresholds on the cumulative
 * statistics PGlite does keep: dead tuples over 50 + 20% of the live ones → VACUUM (ANALYZE);
 * rows changed since the last analyze over 50 + 10% → ANALYZE. One table at a time, so other
 * queries interleave between them (a query on PGlite holds the event loop while it runs). Then,
 * once `checkpointAfterBytes` of WAL were written since the last checkpoint, a CHECKPOINT (its
 * old segments are recycled within max_wal_size, pglite.ts).
 */
import type { Logger } from '../logger.ts';
import type { Db, Queryable } from './types.ts';

export interface MaintenanceRound {
  vacuumed: string[];
  analyzed: string[];
  checkpointed: boolean;
}

/** WAL written since the last checkpoint that makes a round checkpoint (bytes). */
export const CHECKPOINT_AFTER_BYTES = 32 * 1024 * 1024;

const DUE_SQL = `
  SELECT format('%I.%I', schemaname, relname) AS name,
         n_dead_tup > 50 + 0.2 * n_live_tup AS vacuum
  FROM pg_stat_user_tables
  WHERE n_dead_tup > 50 + 0.2 * n_live_tup OR n_mod_since_analyze > 50 + 0.1 * n_live_tup
  ORDER BY n_dead_tup + n_mod_since_analyze DESC`;

/** Vacuums and analyzes the tables that are due, then checkpoints if due; answers what it did. */
export async function maintain(
  db: Queryable,
  opts: { stopped?: () => boolean; checkpointAfterBytes?: number } = {},
): Promise<MaintenanceRound> {
  const stopped = opts.stopped ?? (() => false);
  const round: MaintenanceRound = { vacuumed: [], analyzed: [], checkpointed: false };
  const due = await db.query<{ name: string; vacuum: boolean }>(DUE_SQL);
  for (const { name, vacuum } of due) {
    if (stopped()) break;
    await db.exec(vacuum ? `VACUUM (ANALYZE) ${name}` : `ANALYZE ${name}`);
    (vacuum ? round.vacuumed : round.analyzed).push(name);
  }
  if (stopped()) return round;
  const [wal] = await db.query<{ since: number }>(
    `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), (pg_control_checkpoint()).redo_lsn)::int8 AS since`,
  );
  if ((wal?.since ?? 0) >= (opts.checkpointAfterBytes ?? CHECKPOINT_AFTER_BYTES)) {
    await db.exec('CHECKPOINT');
    round.checkpointed = true;
  }
  return round;
}

/** Runs a maintenance round every `everyMs` until `shutdown`; on the embedded database only. */
export function startEmbeddedMaintenance(
  db: Db,
  logger: Logger,
  shutdown: AbortSignal,
  everyMs = 60_000,
): void {
  if (db.kind !== 'pglite') return; // a real Postgres has its own autovacuum
  let running = false;
  const timer = setInterval(() => {
    if (running || shutdown.aborted) return;
    running = true;
    maintain(db, { stopped: () => shutdown.aborted })
      .then((r) => {
        if (r.vacuumed.length || r.analyzed.length || r.checkpointed)
          logger.debug(r, 'embedded database maintained');
      })
      .catch((err: unknown) => {
        if (!shutdown.aborted) logger.warn({ err }, 'embedded database maintenance failed');
      })
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  shutdown.addEventListener('abort', () => clearInterval(timer), { once: true });
}
