/**
 * Validation of GET /v1/shape query parameters. Everything the endpoint cannot honour is refused
 * with 400 (the client does not retry 400s, so a mistake shows at once): a client-sent `where`,
 * `params` or `columns` (the server decides what a shape holds), `live_sse`, subset snapshots and
 * `log=changes_only`. Unknown parameters (cache-buster, expired_handle, app params) are ignored.
 */
import {
  SHAPE_PARAMS as P,
  SUBSET_PARAM_PREFIX,
  isSyncedTableName,
  parseOffset,
  type ParsedOffset,
  type SyncedTableName,
} from '@eco-track/shared-schema';
import { ValidationError } from '../errors.ts';

export interface ShapeRequest {
  table: SyncedTableName;
  offset: ParsedOffset;
  /** The raw offset text, echoed back on an empty live response. */
  offsetText: string;
  handle: string | undefined;
  live: boolean;
  cursor: string | undefined;
  /** Only honoured on a request carrying the shared secret (a trusted proxy). */
  where: string | undefined;
  /** `params[1]`, `params[2]`, ... in order. */
  params: string[];
  secret: string | undefined;
}

const bad = (message: string) => new ValidationError(message, 'bad_request');

const SINGLE = [P.table, P.offset, P.handle, P.live, P.cursor, P.where, P.log, P.replica, P.secret];

export function parseShapeRequest(query: URLSearchParams): ShapeRequest {
  for (const name of SINGLE) {
    if (query.getAll(name).length > 1) throw bad(`${name} must be given at most once`);
  }
  for (const key of query.keys()) {
    if (key.startsWith(SUBSET_PARAM_PREFIX)) {
      throw bad('subset snapshots (subset__*) are not supported by this endpoint');
    }
  }
  if (isTrue(query.get(P.liveSse)) || isTrue(query.get(P.experimentalLiveSse))) {
    throw bad('live_sse is not supported: use long-polling (the default)');
  }
  if (query.has(P.columns)) {
    throw bad('columns is not accepted: the server decides which columns a shape holds');
  }
  const log = query.get(P.log) ?? 'full';
  if (log === 'changes_only') throw bad('log=changes_only is not supported: use log=full');
  if (log !== 'full') throw bad(`log must be full (got '${log}')`);
  const replica = query.get(P.replica) ?? 'default';
  if (replica !== 'default') {
    throw bad(`replica must be default (got '${replica}'); replica=full is not supported`);
  }

  const tableRaw = query.get(P.table);
  if (!tableRaw) throw bad('table is required, e.g. table=activities');
  const table = tableRaw.startsWith('public.') ? tableRaw.slice('public.'.length) : tableRaw;
  if (!isSyncedTableName(table)) throw bad(`table '${tableRaw}' is not a synced table`);

  const offsetText = query.get(P.offset);
  if (offsetText === null) throw bad('offset is required: -1 for a fresh start');
  const offset = parseOffset(offsetText);
  if (!offset) throw bad(`offset '${offsetText}' is not a valid offset`);

  const handle = query.get(P.handle) ?? undefined;
  if ((offset.kind === 'log' || offset.kind === 'snapshot') && !handle) {
    throw bad('handle is required when offset is not -1 or now');
  }
  const liveRaw = query.get(P.live);
  if (liveRaw !== null && liveRaw !== 'true' && liveRaw !== 'false') {
    throw bad(`live must be true or false (got '${liveRaw}')`);
  }
  const live = liveRaw === 'true';
  if (live && (offset.kind === 'initial' || offset.kind === 'now')) {
    throw bad('live=true cannot be combined with offset -1 or now');
  }
  if (live && offset.kind === 'snapshot') {
    throw bad('live=true cannot be used before the snapshot has been received');
  }

  const params: string[] = [];
  const indexed = new Map<number, string>();
  for (const [key, value] of query.entries()) {
    if (key === P.params) throw bad('params must be given as params[1], params[2], ...');
    const m = /^params\[(\d{1,3})\]$/.exec(key);
    if (!m) continue;
    const n = Number(m[1]);
    if (n < 1 || indexed.has(n)) throw bad(`${key} is invalid or repeated`);
    indexed.set(n, value);
  }
  for (let i = 1; i <= indexed.size; i++) {
    const v = indexed.get(i);
    if (v === undefined) throw bad(`params must be numbered from 1 without gaps (missing ${i})`);
    params.push(v);
  }

  return {
    table,
    offset,
    offsetText,
    handle,
    live,
    cursor: query.get(P.cursor) ?? undefined,
    where: query.get(P.where) ?? undefined,
    params,
    secret: query.get(P.secret) ?? query.get(P.apiSecret) ?? undefined,
  };
}

function isTrue(v: string | null): boolean {
  return v !== null && v !== 'false';
}
