import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './passwords.ts';

const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('scrypt password hashes', () => {
  it('verifies the right password only, with a fresh salt per hash', async () => {
    const a = await hashPassword('correct horse', FAST);
    const b = await hashPassword('correct horse', FAST);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('treats the NFC and NFD spellings of a password as the same', async () => {
    const h = await hashPassword('caf\u00e9 au lait', FAST);
    expect(await verifyPassword('cafe\u0301 au lait', h)).toBe(true);
  });

  it('refuses corrupted or absurd hashes instead of throwing or stalling', async () => {
    const h = await hashPassword('pw', FAST);
    expect(await verifyPassword('pw', h.slice(0, -4))).toBe(false);
    expect(await verifyPassword('pw', 'plaintext')).toBe(false);
    expect(await verifyPassword('pw', h.replace('N=1024', 'N=1073741824'))).toBe(false);
    expect(await verifyPassword('pw', h.replace('N=1024', 'N=1000'))).toBe(false);
  });

  it('asks for a re-hash when the stored parameters are weaker than the current ones', async () => {
    const weak = await hashPassword('pw', FAST);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(weak, FAST)).toBe(false);
    expect(needsRehash('garbage')).toBe(true);
  });
});
