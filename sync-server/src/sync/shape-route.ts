/**
 * GET /v1/shape, the embedded Shape endpoint (Electric's protocol, see shared-schema's
 * shape-protocol.ts for our offsets and shape-scope.ts for handles).
 *
 *   offset=-1            snapshot chunk 1, read in one REPEATABLE READ snapshot with the log head
 *                        P it joins at; the last chunk ends at offset P_0
 *   offset=P_s<key>      the next snapshot chunk (rows after <key>)
 *   offset=N_0           the log after position N, up to the head, then up-to-date
 *   offset=N_0&live=true the same, but held (≤ SYNC_LONG_POLL_MS) until something arrives
 *   offset=now           nothing but up-to-date at the head
 *
 * How the snapshot joins the log, and what replicas must tolerate: see shape-snapshot.ts.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import {
  SHAPE_PATH,
  SYNCED_TABLES,
  logOffset,
  snapshotOffset,
  type SyncedTable,
} from '@eco-track/shared-schema';
import { bearerToken, verifyAccessToken } from '../auth/tokens.ts';
import { UnauthorizedError, ValidationError } from '../errors.ts';
import type { AppDeps, AppEnv } from '../http/context.ts';
import { messagesFor } from './log-entry.ts';
import { parseShapeRequest, type ShapeRequest } from './shape-params.ts';
import { clientGone } from './client-gone.ts';
import { LogCompactedError, type LogRun, type SnapshotChunk } from './shape-reader.ts';
import { ShapeCache } from './shape-cache.ts';
import { readFirstChunk, readNextChunk } from './shape-snapshot.ts';
import { SnapshotReadAhead } from './snapshot-read-ahead.ts';
import { responseWritten } from './response-written.ts';
import { makeHandle, parseHandle, type ResolvedShape, type ScopeSource } from './shape-scope.ts';
import { mustRefetch, serialise, shapeResponse } from './shape-response.ts';
import { scopeFromTrustedWhere } from './shape-where.ts';
import type { SyncRuntime } from './sync-runtime.ts';

export interface ShapeLimits {
  /** Rows per snapshot chunk. */
  snapshotChunkRows: number;
  /**
   * Rows of a snapshot's first chunk (at most snapshotChunkRows): a small first answer lets the
   * device start storing and showing rows while the next, full chunk is read ahead.
   */
  firstChunkRows: number;
  /** Log entries per catch-up response (whole transactions). */
  logChunkEntries: number;
}

export const DEFAULT_SHAPE_LIMITS: ShapeLimits = {
  snapshotChunkRows: 10_000,
  firstChunkRows: 1_000,
  logChunkEntries: 10_000,
};

/** Next snapshot chunks read ahead at once, per process, and how long one waits for its request. */
const READ_AHEAD = { maxEntries: 8, ttlMs: 30_000 };

const bad = (message: string) => new ValidationError(message, 'bad_request');

function secretMatches(given: string, expected: string | undefined): boolean {
  if (!expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Who the shape is for: the shared secret (a trusted proxy) or the access token. */
async function scopeSource(
  c: Context<AppEnv>,
  deps: AppDeps,
  req: ShapeRequest,
  table: SyncedTable,
): Promise<ScopeSource | undefined> {
  if (req.secret !== undefined) {
    if (!secretMatches(req.secret, deps.config.syncShapeSecret)) {
      throw new UnauthorizedError('Invalid shape secret');
    }
    if (req.where === undefined && table.visibility.kind !== 'public') {
      throw bad(`a where clause is required for table ${table.name}`);
    }
    const scope = scopeFromTrustedWhere(table, req.where, req.params);
    return {
      kind: 'trusted',
      userId: scope.userId,
      orgIds: scope.orgIds,
      definition: `${req.where ?? ''}|${req.params.join(',')}`,
    };
  }
  if (req.where !== undefined || req.params.length > 0) {
    throw bad('where and params are not accepted: the server derives each shape from your token');
  }
  const token = bearerToken(c.req.header('authorization'));
  if (!token) {
    if (table.visibility.kind === 'public') return undefined;
    throw new UnauthorizedError('Not authenticated');
  }
  const claims = await verifyAccessToken(deps.config.jwtSecret, token);
  return { kind: 'token', userId: claims.userId };
}

const PUBLIC_SOURCE: ScopeSource = { kind: 'trusted', userId: null, orgIds: [], definition: '' };

export function shapeHandler(deps: AppDeps, runtime: SyncRuntime, limits: ShapeLimits) {
  const { db } = deps;
  const holdMs = deps.config.syncLongPollMs;

  /** A snapshot chunk's reply: after the last chunk the client reads the log from P. */
  function chunkResponse(
    c: Context<AppEnv>,
    table: SyncedTable,
    handle: string,
    position: number,
    chunk: SnapshotChunk,
    upToDate: boolean,
  ): Promise<Response> {
    const next = chunk.more && chunk.lastKey !== null;
    return shapeResponse(c, {
      table,
      handle,
      offset: next ? snapshotOffset(position, chunk.lastKey ?? '') : logOffset(position),
      messages: chunk.rows > 0 ? [chunk.messages] : [],
      upToDateAt: upToDate && !next ? position : undefined,
      live: undefined,
    });
  }

  const readAhead = new SnapshotReadAhead(READ_AHEAD);

  /**
   * When another chunk follows `chunk`, reads it for the request that will follow, once `chunk`'s
   * answer is written (on PGlite the read would otherwise hold that answer up).
   */
  function readAheadAfter(
    c: Context<AppEnv>,
    who: string,
    shape: ResolvedShape,
    handle: string,
    chunk: SnapshotChunk,
  ): void {
    const afterKey = chunk.lastKey;
    if (!chunk.more || afterKey === null) return;
    readAhead.start(SnapshotReadAhead.key(who, handle, afterKey), async () => {
      await responseWritten(c);
      return readNextChunk(db, shape.table, shape, afterKey, limits.snapshotChunkRows);
    });
  }

  async function firstSnapshot(
    c: Context<AppEnv>,
    table: SyncedTable,
    source: ScopeSource,
  ): Promise<Response> {
    const rows = Math.min(limits.firstChunkRows, limits.snapshotChunkRows);
    const { shape, chunk } = await readFirstChunk(db, table, source, rows);
    const p = shape.state.head;
    const handle = makeHandle(shape.definitionHash, p);
    readAheadAfter(c, ShapeCache.key(table, source), shape, handle, chunk);
    return chunkResponse(c, table, handle, p, chunk, true);
  }

  async function nextSnapshotChunk(
    c: Context<AppEnv>,
    who: string,
    shape: ResolvedShape,
    handle: string,
    position: number,
    afterKey: string,
  ): Promise<Response> {
    const chunk =
      (await readAhead.take(SnapshotReadAhead.key(who, handle, afterKey))) ??
      (await readNextChunk(db, shape.table, shape, afterKey, limits.snapshotChunkRows));
    readAheadAfter(c, who, shape, handle, chunk);
    return chunkResponse(c, shape.table, handle, position, chunk, false);
  }

  return async (c: Context<AppEnv>): Promise<Response> => {
    const req = parseShapeRequest(new URL(c.req.url).searchParams);
    const table = SYNCED_TABLES[req.table];
    const source = (await scopeSource(c, deps, req, table)) ?? PUBLIC_SOURCE;
    await runtime.ready();
    const { feed } = runtime;

    if (req.offset.kind === 'initial') return firstSnapshot(c, table, source);

    const { shapes } = runtime;
    let shape = await shapes.resolve(table, source);
    const currentHandle = () => makeHandle(shape.definitionHash, shape.state.head);
    if (req.offset.kind === 'now') {
      return shapeResponse(c, {
        table,
        handle: currentHandle(),
        offset: logOffset(shape.state.head),
        messages: [],
        upToDateAt: shape.state.head,
        live: undefined,
      });
    }

    const handle = parseHandle(req.handle ?? '');
    const position = req.offset.position;
    // What this process remembers may lag the database (a membership change not yet seen, an
    // offset another process handed out): check with the database before refusing.
    if (handle && (handle.hash !== shape.definitionHash || position > shape.state.head)) {
      shape = await shapes.fresh(table, source);
    }
    if (
      !handle ||
      handle.hash !== shape.definitionHash ||
      position < handle.position ||
      position < shape.state.compactedThrough
    ) {
      return mustRefetch(currentHandle());
    }
    if (position > shape.state.head) {
      throw bad(`offset ${req.offsetText} is beyond the end of this shape's log`);
    }
    const handleText = req.handle ?? '';
    if (req.offset.kind === 'snapshot') {
      if (position !== handle.position) return mustRefetch(currentHandle());
      const who = ShapeCache.key(table, source);
      return nextSnapshotChunk(c, who, shape, handleText, position, req.offset.afterKey);
    }

    const live = req.live ? { cursor: req.cursor, holdMs } : undefined;
    let from = position;
    const deadline = Date.now() + holdMs;
    for (;;) {
      const head = shape.state.head;
      let run: LogRun;
      try {
        run = await feed.read(table, shape.scope, from, head, limits.logChunkEntries);
      } catch (err) {
        if (err instanceof LogCompactedError) return mustRefetch(currentHandle());
        throw err;
      }
      const messages = messagesFor(table, shape.scope, run.entries);
      if (messages.length > 0 || !req.live || !run.complete) {
        return shapeResponse(c, {
          table,
          handle: handleText,
          offset: logOffset(run.complete ? head : run.through),
          messages: serialise(messages),
          upToDateAt: run.complete ? head : undefined,
          live,
        });
      }
      from = head;
      const remaining = deadline - Date.now();
      const woke =
        remaining > 0
          ? await feed.wait(table, shape.scope, from, remaining, deps.shutdown, clientGone(c))
          : { reason: 'timeout' as const, checkedThrough: from };
      if (woke.reason === 'aborted') return new Response(null, { status: 204 });
      // A trusted proxy derived this where from the old memberships: answer so it derives anew.
      const proxied = woke.reason === 'membership' && source.kind === 'trusted';
      if (woke.reason === 'timeout' || woke.reason === 'shutdown' || proxied) {
        const at = Math.max(from, woke.checkedThrough);
        return shapeResponse(c, {
          table,
          handle: handleText,
          offset: logOffset(at),
          messages: [],
          upToDateAt: at,
          live,
        });
      }
      if (woke.reason === 'data' && feed.head > from) {
        // Something arrived and the scope is unchanged: read it from the feed, no round trip.
        shape = { ...shape, state: { ...shape.state, head: feed.head } };
        continue;
      }
      // The user's memberships changed (or the feed lost track): look again with a fresh scope.
      shape = await shapes.fresh(table, source);
      if (shape.definitionHash !== handle.hash) return mustRefetch(currentHandle());
    }
  };
}

export { SHAPE_PATH };
