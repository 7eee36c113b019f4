/**
 * Deterministic emission_factor_id: UUIDv5 (RFC 9562, SHA-1, name-based) of `key@year` in a fixed
 * Eco-Track namespace, so one factor edition has the same id in every database and replica.
 */
import { createHash } from 'node:crypto';

/** Fixed namespace for factor ids (a random v4 chosen once; never change it). */
export const FACTOR_ID_NAMESPACE = '5b0f3b1e-8d7c-4f6a-9b1e-3c2d4e5f6a7b';

export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = ((b[6] as number) & 0x0f) | 0x50;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function emissionFactorId(key: string, year: number): string {
  return uuidV5(`${key}@${year}`, FACTOR_ID_NAMESPACE);
}
