import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { COMPRESS_MIN_BYTES, encodeBody, pickEncoding } from './body-encoding.ts';

describe('pickEncoding', () => {
  it('prefers brotli, then gzip, honouring q-values and the wildcard', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br'); // Chromium over HTTPS
    expect(pickEncoding('gzip, deflate')).toBe('gzip'); // Chromium over HTTP, Node's fetch
    expect(pickEncoding('br;q=0.5, gzip')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0.1')).toBe('gzip');
    expect(pickEncoding('GZIP')).toBe('gzip');
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('*;q=0, gzip')).toBe('gzip');
  });

  it('answers none when nothing it can send is accepted', () => {
    expect(pickEncoding(undefined)).toBeUndefined();
    expect(pickEncoding('')).toBeUndefined();
    expect(pickEncoding('identity')).toBeUndefined();
    expect(pickEncoding('deflate, zstd')).toBeUndefined();
    expect(pickEncoding('gzip;q=0, br;q=0')).toBeUndefined();
    expect(pickEncoding('*;q=0')).toBeUndefined();
  });
});

describe('encodeBody', () => {
  const large = JSON.stringify(
    Array.from({ length: 400 }, (_, i) => ({ key: `row ${i}`, value: { amount: String(i) } })),
  );

  it('compresses a large body losslessly with the chosen encoding', async () => {
    expect(large.length).toBeGreaterThanOrEqual(COMPRESS_MIN_BYTES);
    const gz = await encodeBody(large, 'gzip');
    expect(gz.encoding).toBe('gzip');
    expect(gunzipSync(gz.bytes).toString()).toBe(large);
    expect(gz.bytes.length).toBeLessThan(large.length / 4);
    const br = await encodeBody(large, 'br');
    expect(br.encoding).toBe('br');
    expect(brotliDecompressSync(br.bytes).toString()).toBe(large);
  });

  it('sends a small body, or one the client cannot decode, as it is', async () => {
    expect(await encodeBody('[{"headers":{"control":"up-to-date"}}]', 'gzip')).toEqual({
      bytes: '[{"headers":{"control":"up-to-date"}}]',
      encoding: undefined,
    });
    expect(await encodeBody(large, undefined)).toEqual({ bytes: large, encoding: undefined });
  });
});
