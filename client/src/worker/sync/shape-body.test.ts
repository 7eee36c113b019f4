import { ShapeStream, type Message, type Row } from '@electric-sql/client';
import { SQLITE_SHAPE_PARSER } from '@eco-track/shared-schema';
import { describe, expect, it } from 'vitest';
import { ROWS_CONTROL, ShapeBodyDecoder } from './shape-body.ts';

const SCHEMA = JSON.stringify({
  id: { type: 'uuid', not_null: true },
  amount: { type: 'numeric', not_null: true },
  count: { type: 'int8' },
  done: { type: 'bool' },
  at: { type: 'timestamptz' },
  meta: { type: 'jsonb' },
  note: { type: 'text' },
});

const key = (id: string) => `"public"."things"/"${id}"`;
const relation = ['public', 'things'];

/** Two responses: a snapshot chunk, then changes with a txid and the up-to-date control. */
const PAGES: Record<string, { body: unknown[]; offset: string; upToDate?: boolean }> = {
  '-1': {
    offset: '0_0',
    body: [
      {
        key: key('a'),
        value: {
          id: 'a',
          amount: '12.500',
          count: '9007199254740993',
          done: 't',
          at: '2025-03-01 09:12:44.123456+00',
          meta: '{"k": [1, "two"]}',
          note: 'line\nbreak "quoted" \u2028 😀',
        },
        headers: { operation: 'insert', relation },
      },
      {
        key: key('b'),
        value: {
          id: 'b',
          amount: '0',
          count: null,
          done: 'f',
          at: null,
          meta: null,
          note: null,
        },
        headers: { operation: 'insert', relation },
      },
    ],
  },
  '0_0': {
    offset: '5_0',
    upToDate: true,
    body: [
      {
        key: key('a'),
        value: { id: 'a', amount: '3.25', done: 'f' },
        old_value: { amount: '12.500', done: 't' },
        headers: { operation: 'update', relation, txids: [41] },
      },
      {
        key: key('b'),
        value: { id: 'b' },
        headers: { operation: 'delete', relation, txids: [41] },
      },
      { headers: { control: 'up-to-date', global_last_seen_lsn: '5' } },
    ],
  },
};

function fakeServer(pages = PAGES): typeof fetch {
  return (input) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const page = pages[url.searchParams.get('offset') ?? ''];
    if (!page) return Promise.resolve(new Response('[]', { status: 400 }));
    const headers = new Headers({
      'content-type': 'application/json',
      'electric-handle': 'h-1',
      'electric-offset': page.offset,
      'electric-schema': SCHEMA,
    });
    if (page.upToDate) headers.set('electric-up-to-date', '');
    return Promise.resolve(new Response(JSON.stringify(page.body), { status: 200, headers }));
  };
}

/** Every batch the real ShapeStream delivers, with or without the decoder. */
async function download(
  decoder: ShapeBodyDecoder | null,
): Promise<(readonly Message<Row<unknown>>[])[]> {
  const batches: (readonly Message<Row<unknown>>[])[] = [];
  const abort = new AbortController();
  const fetchFn = fakeServer();
  await new Promise<void>((resolve, reject) => {
    const stream = new ShapeStream<Row<unknown>>({
      url: 'http://eco.test/v1/shape',
      params: { table: 'things' },
      parser: SQLITE_SHAPE_PARSER,
      fetchClient: decoder ? decoder.wrap(fetchFn) : fetchFn,
      subscribe: false,
      signal: abort.signal,
      onError: (err) => reject(err),
    });
    stream.subscribe((messages) => {
      batches.push(decoder ? decoder.expand(messages) : messages);
      if (messages.some((m) => (m.headers as { control?: string }).control === 'up-to-date'))
        resolve();
    }, reject);
  });
  abort.abort();
  return batches;
}

describe('shape body decoder', () => {
  it('gives the stream the same batches as the client own parser, value for value', async () => {
    const decoder = new ShapeBodyDecoder(SQLITE_SHAPE_PARSER);
    const fast = await download(decoder);
    const reference = await download(null);
    expect(fast).toEqual(reference);
    expect(fast.map((b) => b.length)).toEqual([2, 3]);
    // Typed as the replica stores them; NULLs kept; partial updates stay partial.
    expect(fast[0]?.[0]).toMatchObject({
      value: { amount: 12.5, count: 9007199254740992, done: 1, at: '2025-03-01T09:12:44.123Z' },
    });
    expect(fast[0]?.[1]).toMatchObject({ value: { count: null, at: null, meta: null } });
    expect(fast[1]?.[0]).toMatchObject({
      value: { id: 'a', amount: 3.25, done: 0 },
      old_value: { amount: 12.5, done: 1 },
      headers: { txids: [41] },
    });
    expect(Object.keys((fast[1]?.[0] as { value: object }).value)).toEqual([
      'id',
      'amount',
      'done',
    ]);
    expect(decoder.pendingRuns).toBe(0);
  });

  it('hands the stream one placeholder per run of changes, control messages in place', async () => {
    const decoder = new ShapeBodyDecoder(SQLITE_SHAPE_PARSER);
    const res = await decoder.wrap(fakeServer())('http://eco.test/v1/shape?offset=0_0');
    const body = (await res.json()) as { headers: Record<string, unknown> }[];
    expect(body).toEqual([
      { headers: { control: ROWS_CONTROL, run: expect.any(String) } },
      { headers: { control: 'up-to-date', global_last_seen_lsn: '5' } },
    ]);
    expect(res.headers.get('electric-offset')).toBe('5_0');
    expect(decoder.pendingRuns).toBe(1);
    decoder.clear();
    expect(() => decoder.expand(body as unknown as Message<Row<unknown>>[])).toThrow(
      /no longer held/,
    );
  });

  it('passes through what the client parser must judge itself', async () => {
    const decoder = new ShapeBodyDecoder(SQLITE_SHAPE_PARSER);
    const wrapped = decoder.wrap(
      fakeServer({
        '-1': {
          offset: '0_0',
          body: [
            { key: key('c'), value: { id: 'c', amount: null }, headers: { operation: 'insert' } },
          ],
        },
      }),
    );
    const nullInNotNull = await wrapped('http://eco.test/v1/shape?offset=-1');
    expect(await nullInNotNull.text()).toContain('"amount":null');
    const refused = await wrapped('http://eco.test/v1/shape?offset=9_9');
    expect(refused.status).toBe(400);
    expect(decoder.pendingRuns).toBe(0);

    const notJson = new ShapeBodyDecoder(SQLITE_SHAPE_PARSER).wrap(() =>
      Promise.resolve(
        new Response('<html>proxy error</html>', {
          status: 200,
          headers: { 'electric-schema': SCHEMA },
        }),
      ),
    );
    expect(await (await notJson('http://eco.test/v1/shape')).text()).toBe(
      '<html>proxy error</html>',
    );
  });
});
