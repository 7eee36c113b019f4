/**
 * The Shape protocol vocabulary (Electric's HTTP protocol as `@electric-sql/client` 1.5.x speaks
 * it), defined once for the server, the device's sync engine and the tests. See
 * shared/design/electric-shape-protocol.md for what each name means to the client.
 *
 * Offsets. The client never parses an offset; it sends back exactly what `electric-offset` said.
 * Ours are:
 *   "-1"            before everything (fresh start: a snapshot follows)
 *   "now"           request only: skip history, answer the head at once
 *   "<pos>_0"       after log position <pos>: every change of the transactions numbered <= pos.
 *                   A log position numbers a committed transaction, in commit order (see
 *                   sync-server/src/sync/publisher.ts); responses never split a transaction.
 *   "<pos>_s<hex>"  mid-snapshot: the snapshot that joins the log at <pos> has been sent up to
 *                   the row whose primary key (a UUID) is <hex> without dashes.
 *
 * Applying messages (what a replica must do): an insert of a key it holds is an upsert; an update
 * carries the key plus changed columns only (merge them), and an update or delete of a key it does
 * not hold is ignored. A snapshot sent in several chunks can be followed by changes it already
 * contains; applied this way they converge. A must-refetch (409) truncates the shape's rows.
 */
export const SHAPE_PATH = '/v1/shape';
export const MUTATIONS_PATH = '/api/v1/sync/mutations';

/** Response headers the client reads (lower case, as fetch exposes them). */
export const SHAPE_HEADERS = {
  handle: 'electric-handle',
  offset: 'electric-offset',
  schema: 'electric-schema',
  cursor: 'electric-cursor',
  upToDate: 'electric-up-to-date',
  snapshot: 'electric-snapshot',
  hasData: 'electric-has-data',
} as const;

/** Headers a cross-origin browser must be allowed to read. */
export const SHAPE_EXPOSED_HEADERS = [
  'electric-cursor',
  'electric-handle',
  'electric-has-data',
  'electric-offset',
  'electric-schema',
  'electric-up-to-date',
  'electric-snapshot',
  'electric-internal-known-error',
  'retry-after',
] as const;

/** Query parameters of GET /v1/shape. */
export const SHAPE_PARAMS = {
  table: 'table',
  where: 'where',
  params: 'params',
  columns: 'columns',
  replica: 'replica',
  log: 'log',
  offset: 'offset',
  handle: 'handle',
  live: 'live',
  cursor: 'cursor',
  liveSse: 'live_sse',
  experimentalLiveSse: 'experimental_live_sse',
  expiredHandle: 'expired_handle',
  cacheBuster: 'cache-buster',
  secret: 'secret',
  apiSecret: 'api_secret',
} as const;

/** Prefix of the subset-snapshot parameters (`subset__where`, `subset__limit`, ...). */
export const SUBSET_PARAM_PREFIX = 'subset__';

/**
 * The parameters a proxy copies from the client to the upstream shape service; everything else
 * (table, where, params, columns, replica) is decided by the server. Same list as the client's
 * exported ELECTRIC_PROTOCOL_QUERY_PARAMS.
 */
export const PROTOCOL_QUERY_PARAMS: readonly string[] = [
  SHAPE_PARAMS.live,
  SHAPE_PARAMS.liveSse,
  SHAPE_PARAMS.experimentalLiveSse,
  SHAPE_PARAMS.handle,
  SHAPE_PARAMS.offset,
  SHAPE_PARAMS.cursor,
  SHAPE_PARAMS.expiredHandle,
  SHAPE_PARAMS.log,
  SHAPE_PARAMS.cacheBuster,
];

export const isProtocolQueryParam = (name: string): boolean =>
  PROTOCOL_QUERY_PARAMS.includes(name) || name.startsWith(SUBSET_PARAM_PREFIX);

export const CONTROL = {
  upToDate: 'up-to-date',
  mustRefetch: 'must-refetch',
} as const;
export type ControlName = (typeof CONTROL)[keyof typeof CONTROL];

export type ChangeOperation = 'insert' | 'update' | 'delete';

/** Column values as Postgres text output, or null for SQL NULL. */
export type TextRow = Record<string, string | null>;

export interface ChangeHeaders {
  operation: ChangeOperation;
  relation: [string, string];
  /** 32-bit xids (`pg_current_xact_id()::xid`) of the writing transaction; absent on snapshot rows. */
  txids?: number[];
  /** Decimal string (the client calls BigInt on it): our log position of the transaction. */
  lsn?: string;
  op_position?: number;
  /** True on the transaction's last change within this shape. */
  last?: boolean;
}

export interface ChangeMessage {
  key: string;
  value: TextRow;
  headers: ChangeHeaders;
}

export interface ControlMessage {
  headers: { control: ControlName; global_last_seen_lsn?: string };
}

export type ShapeMessage = ChangeMessage | ControlMessage;

export const upToDateMessage = (headPosition: number): ControlMessage => ({
  headers: { control: CONTROL.upToDate, global_last_seen_lsn: String(headPosition) },
});

export const MUST_REFETCH_BODY: readonly ControlMessage[] = [
  { headers: { control: CONTROL.mustRefetch } },
];

/** Electric's row key: `"public"."<table>"/"<pk>"`, with `/` doubled inside PK values. */
export function rowKey(table: string, pkValues: readonly (string | null)[]): string {
  const rel = `"public"."${table.replaceAll('/', '//').replaceAll('.', '..')}"`;
  const parts = pkValues.map((v) => (v === null ? '_' : `"${v.replaceAll('/', '//')}"`));
  return [rel, ...parts].join('/');
}

export type ParsedOffset =
  | { kind: 'initial' }
  | { kind: 'now' }
  | { kind: 'log'; position: number }
  | { kind: 'snapshot'; position: number; afterKey: string };

const LOG_OFFSET = /^(\d{1,15})_0$/;
const SNAPSHOT_OFFSET = /^(\d{1,15})_s([0-9a-f]{32})$/;

/** Parses an offset of ours; undefined when it is not one (the caller answers 400). */
export function parseOffset(text: string): ParsedOffset | undefined {
  if (text === '-1') return { kind: 'initial' };
  if (text === 'now') return { kind: 'now' };
  const log = LOG_OFFSET.exec(text);
  if (log) return { kind: 'log', position: Number(log[1]) };
  const snap = SNAPSHOT_OFFSET.exec(text);
  if (snap) {
    const h = snap[2] ?? '';
    const afterKey = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    return { kind: 'snapshot', position: Number(snap[1]), afterKey };
  }
  return undefined;
}

export const logOffset = (position: number): string => `${position}_0`;
export const snapshotOffset = (position: number, afterKey: string): string =>
  `${position}_s${afterKey.replaceAll('-', '').toLowerCase()}`;

/** Electric's live cursor: seconds since 2024-10-09 rounded up to the hold interval (§4.4). */
export function nextCursor(
  previous: string | undefined,
  holdSeconds: number,
  nowMs: number,
): string {
  const epoch = Date.UTC(2024, 9, 9);
  const t = Math.floor((nowMs - epoch) / 1000);
  const interval = Math.ceil(t / holdSeconds) * holdSeconds;
  const prev = Number(previous);
  const prevNum = Number.isFinite(prev) && previous !== '' ? prev : 0;
  if (interval > prevNum) return String(interval);
  return String(prevNum + 1 + Math.floor(Math.random() * 3600));
}
