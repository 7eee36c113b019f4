import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FACTORS } from './library.ts';
import { FACTOR_ID_NAMESPACE, emissionFactorId, uuidV5 } from './factor-id.ts';

/** Independent reference: RFC 9562 UUIDv5 with node's SHA-1. */
function referenceV5(name: string, ns: string): string {
  const h = createHash('sha1')
    .update(Buffer.from(ns.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

describe('emission_factor_id (UUIDv5 of key@year)', () => {
  it('matches the RFC example: www.example.com in the DNS namespace', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('matches node:crypto SHA-1 for every factor, and names long enough to span SHA-1 blocks', () => {
    for (const f of FACTORS.slice(0, 500)) {
      expect(emissionFactorId(f.key, f.year)).toBe(
        referenceV5(`${f.key}@${f.year}`, FACTOR_ID_NAMESPACE),
      );
    }
    const long = 'x'.repeat(200) + 'é';
    expect(uuidV5(long, FACTOR_ID_NAMESPACE)).toBe(referenceV5(long, FACTOR_ID_NAMESPACE));
  });

  it('differs between editions of the same key', () => {
    expect(emissionFactorId('a.b', 2024)).not.toBe(emissionFactorId('a.b', 2025));
  });
});
