/**
 * The sync machinery of one server process, created once per app: the change feed (started
 * lazily, stopped on shutdown), the periodic compaction of the change log and pruning of the
 * write path's old answers (mutation-answers.ts).
 */
import type { AppDeps } from '../http/context.ts';
import { ChangeFeed, type ChangeFeedOptions } from './change-feed.ts';
import { pruneMutationAnswers } from './mutation-answers.ts';
import { compact } from './publisher.ts';
import { ShapeCache } from './shape-cache.ts';

export interface SyncRuntime {
  feed: ChangeFeed;
  /** Resolved shapes kept in memory (scope and handle hash), the log state from the feed. */
  shapes: ShapeCache;
  /** Resolves once the feed follows the log (every handler awaits it). */
  ready(): Promise<void>;
}

const MAX_COMPACT_INTERVAL_MS = 10 * 60_000;

export function createSyncRuntime(deps: AppDeps, opts: ChangeFeedOptions = {}): SyncRuntime {
  const feed = new ChangeFeed(deps.db, deps.logger, opts);
  const shapes = new ShapeCache(deps.db, feed);
  let started: Promise<void> | undefined;
  let compactTimer: ReturnType<typeof setInterval> | undefined;

  const stop = () => {
    if (compactTimer) clearInterval(compactTimer);
    void feed.stop();
  };
  deps.shutdown.addEventListener('abort', stop, { once: true });

  const retention = deps.config.syncLogRetentionMs;
  const answersRetention = deps.config.syncMutationRetentionMs;
  const ready = () =>
    (started ??= feed.start().then(() => {
      if (deps.shutdown.aborted) return stop();
      const every = Math.min(MAX_COMPACT_INTERVAL_MS, Math.max(1000, Math.floor(retention / 4)));
      compactTimer = setInterval(() => {
        compact(deps.db, retention)
          .then((n) => {
            if (n > 0) deps.logger.info({ entries: n }, 'sync log compacted');
          })
          .catch((err: unknown) => {
            if (!deps.shutdown.aborted) deps.logger.warn({ err }, 'sync log compaction failed');
          });
        pruneMutationAnswers(deps.db, answersRetention)
          .then((n) => {
            if (n > 0) deps.logger.info({ answers: n }, 'old mutation answers pruned');
          })
          .catch((err: unknown) => {
            if (!deps.shutdown.aborted) deps.logger.warn({ err }, 'mutation answer pruning failed');
          });
      }, every);
      compactTimer.unref();
    }));

  return { feed, shapes, ready };
}
