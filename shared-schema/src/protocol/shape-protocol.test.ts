import { describe, expect, it } from 'vitest';
import {
  logOffset,
  nextCursor,
  parseOffset,
  rowKey,
  snapshotOffset,
  isProtocolQueryParam,
} from './shape-protocol.ts';
import { SYNCED_TABLES, SYNCED_TABLE_NAMES, electricSchema } from './synced-tables.ts';
import { MutationBatchSchema } from './mutations.ts';

describe('shape protocol vocabulary', () => {
  it('round-trips log and snapshot offsets and refuses anything else', () => {
    expect(parseOffset('-1')).toEqual({ kind: 'initial' });
    expect(parseOffset('now')).toEqual({ kind: 'now' });
    expect(parseOffset(logOffset(42))).toEqual({ kind: 'log', position: 42 });
    const key = '0193a6c2-7c1e-7a3b-9f00-2b1d3c4e5f60';
    expect(parseOffset(snapshotOffset(7, key))).toEqual({
      kind: 'snapshot',
      position: 7,
      afterKey: key,
    });
    for (const bad of ['', '0', '-2', '1_1', 'abc', '1_s12', '1.5_0', '99999999999999999_0']) {
      expect(parseOffset(bad)).toBeUndefined();
    }
  });

  it("builds Electric's row keys, doubling slashes", () => {
    expect(rowKey('activities', ['a/b'])).toBe('"public"."activities"/"a//b"');
    expect(rowKey('t', [null])).toBe('"public"."t"/_');
  });

  it('advances the live cursor past the previous one', () => {
    const now = Date.UTC(2025, 0, 1);
    const first = nextCursor('', 20, now);
    expect(Number(first) % 20).toBe(0);
    const second = nextCursor(first, 20, now);
    expect(Number(second)).toBeGreaterThan(Number(first));
  });

  it('knows which query params a proxy forwards', () => {
    expect(isProtocolQueryParam('offset')).toBe(true);
    expect(isProtocolQueryParam('subset__where')).toBe(true);
    expect(isProtocolQueryParam('where')).toBe(false);
    expect(isProtocolQueryParam('table')).toBe(false);
  });
});

describe('synced tables', () => {
  it('describes every synced table with its key among its columns, never a password', () => {
    for (const name of SYNCED_TABLE_NAMES) {
      const t = SYNCED_TABLES[name];
      expect(t.name).toBe(name);
      const cols = t.columns.map((c) => c.name);
      for (const pk of t.primaryKey) expect(cols).toContain(pk);
      expect(cols).not.toContain('password_hash');
      expect(new Set(cols).size).toBe(cols.length);
    }
  });

  it('types the electric-schema header with pk_index and not_null', () => {
    const s = electricSchema(SYNCED_TABLES.activities);
    expect(s.activity_id).toEqual({ type: 'uuid', not_null: true, pk_index: 0 });
    expect(s.org_id).toEqual({ type: 'uuid' });
    expect(s.unit).toEqual({ type: 'varchar', not_null: true, max_length: 50 });
  });
});

describe('mutation batch schema', () => {
  const m = { mutation_id: '0193a6c2-7c1e-7a3b-9f00-2b1d3c4e5f60', table: 'goals' };
  it('accepts an object or a bare array and normalises to { mutations }', () => {
    const a = MutationBatchSchema.parse({ mutations: [{ ...m, op: 'insert', row: {} }] });
    const b = MutationBatchSchema.parse([{ ...m, op: 'insert', row: {} }]);
    expect(a).toEqual(b);
  });
  it('refuses duplicate ids, unknown ops and empty batches', () => {
    const dup = [
      { ...m, op: 'insert', row: {} },
      { ...m, op: 'delete', row: {} },
    ];
    expect(MutationBatchSchema.safeParse(dup).success).toBe(false);
    expect(MutationBatchSchema.safeParse([{ ...m, op: 'upsert', row: {} }]).success).toBe(false);
    expect(MutationBatchSchema.safeParse([]).success).toBe(false);
    expect(MutationBatchSchema.safeParse([{ ...m, op: 'update', row: {} }]).success).toBe(false);
  });
});
