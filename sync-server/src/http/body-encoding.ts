/**
 * Compressed bodies for large responses (shape snapshots and catch-ups). A 10k-row snapshot chunk
 * is 6-15 MB of JSON and compresses 16-21x: on a phone's connection that is most of an initial
 * sync. A body is compressed in one piece on libuv's thread pool (not on the event loop, which
 * the embedded database shares) and only above COMPRESS_MIN_BYTES: a live answer of a few
 * changes gains nothing, and a zlib stream per answer cost ~200 MB with 1,000 clients woken at
 * once (decisions.md, "Compressed shape bodies").
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type BodyEncoding = 'br' | 'gzip';

export const COMPRESS_MIN_BYTES = 16 * 1024;

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The encoding to answer with, from a request's Accept-Encoding (q-values honoured, `*`
 * included): brotli where accepted (browsers send it over HTTPS), else gzip, else none.
 */
export function pickEncoding(acceptEncoding: string | undefined): BodyEncoding | undefined {
  if (!acceptEncoding) return undefined;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (name) weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weight = (name: BodyEncoding) => weights.get(name) ?? weights.get('*') ?? 0;
  const br = weight('br');
  const gz = weight('gzip');
  if (br > 0 && br >= gz) return 'br';
  return gz > 0 ? 'gzip' : undefined;
}

/**
 * `body` as it goes on the wire: compressed with `encoding` when it is large enough, else as is
 * (`encoding` undefined in the answer). Brotli at quality 1 and gzip at level 1: on snapshot
 * JSON they keep most of the ratio of the higher levels at a fraction of the server's CPU.
 */
export async function encodeBody(
  body: string,
  encoding: BodyEncoding | undefined,
): Promise<{ bytes: string | Uint8Array<ArrayBuffer>; encoding: BodyEncoding | undefined }> {
  if (!encoding || body.length < COMPRESS_MIN_BYTES) return { bytes: body, encoding: undefined };
  const raw = Buffer.from(body);
  const packed =
    encoding === 'br'
      ? await brotliAsync(raw, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 1,
            [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        })
      : await gzipAsync(raw, { level: 1 });
  // A copy (~1 MB, well under a millisecond) that a Response takes as a body in every lib's types.
  return { bytes: new Uint8Array(packed), encoding };
}
