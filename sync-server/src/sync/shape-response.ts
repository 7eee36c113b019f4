/** Building Shape protocol responses: the electric-* headers and the JSON array body. */
import {
  MUST_REFETCH_BODY,
  SHAPE_HEADERS as H,
  electricSchema,
  nextCursor,
  upToDateMessage,
  type ChangeMessage,
  type SyncedTable,
} from '@eco-track/shared-schema';
import type { Context } from 'hono';
import { encodeBody, pickEncoding } from '../http/body-encoding.ts';

/** Per-user data behind Bearer auth: never cached by a shared cache. */
export const SHAPE_CACHE_CONTROL = 'private, no-store';

const schemaHeaders = new Map<string, string>();
function schemaHeader(table: SyncedTable): string {
  let s = schemaHeaders.get(table.name);
  if (!s) schemaHeaders.set(table.name, (s = JSON.stringify(electricSchema(table))));
  return s;
}

export interface ShapeReply {
  table: SyncedTable;
  handle: string;
  offset: string;
  /** Serialised messages (without the trailing up-to-date). */
  messages: string[];
  /** Head position when the reply reaches it: an up-to-date message ends the body. */
  upToDateAt: number | undefined;
  /** Live requests get a cursor and no schema; the others get the schema. */
  live: { cursor: string | undefined; holdMs: number } | undefined;
}

/** The answer to `c`: a large body goes compressed as the request accepts (body-encoding.ts). */
export async function shapeResponse(c: Context, r: ShapeReply): Promise<Response> {
  const headers = new Headers({
    'content-type': 'application/json; charset=utf-8',
    'cache-control': SHAPE_CACHE_CONTROL,
    vary: 'accept-encoding',
    [H.handle]: r.handle,
    [H.offset]: r.offset,
  });
  if (r.live) {
    const holdSeconds = Math.max(1, Math.round(r.live.holdMs / 1000));
    headers.set(H.cursor, nextCursor(r.live.cursor, holdSeconds, Date.now()));
  } else {
    headers.set(H.schema, schemaHeader(r.table));
  }
  const parts = r.messages;
  if (r.upToDateAt !== undefined) {
    headers.set(H.upToDate, '');
    parts.push(JSON.stringify(upToDateMessage(r.upToDateAt)));
  }
  const body = await encodeBody(
    `[${parts.join(',')}]`,
    pickEncoding(c.req.header('accept-encoding')),
  );
  if (body.encoding) headers.set('content-encoding', body.encoding);
  return new Response(body.bytes, { status: 200, headers });
}

export function mustRefetch(newHandle: string): Response {
  return new Response(JSON.stringify(MUST_REFETCH_BODY), {
    status: 409,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': SHAPE_CACHE_CONTROL,
      [H.handle]: newHandle,
    },
  });
}

export const serialise = (messages: readonly ChangeMessage[]): string[] =>
  messages.map((m) => JSON.stringify(m));
