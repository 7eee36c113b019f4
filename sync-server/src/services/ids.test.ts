import { describe, expect, it } from 'vitest';
import { uuidv7 } from './ids.ts';

describe('uuidv7', () => {
  it('is an RFC 9562 version 7 id carrying its millisecond time, and never repeats', () => {
    const at = Date.UTC(2025, 2, 1, 8, 0, 0, 123);
    const ids = Array.from({ length: 5000 }, () => uuidv7(at));
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    }
    expect(new Set(ids).size).toBe(ids.length);
    // The random part differs from id to id, across refills of the random pool too.
    expect(new Set(ids.map((id) => id.slice(15))).size).toBe(ids.length);
  });

  it('orders by time', () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_001);
    expect(a < b).toBe(true);
  });
});
