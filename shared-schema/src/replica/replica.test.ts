import { describe, expect, it } from 'vitest';
import { SYNCED_TABLES, SYNCED_TABLE_NAMES } from '../protocol/synced-tables.ts';
import { REPLICA_TABLES } from './replica-tables.ts';
import { indexParts } from './replica-types.ts';
import {
  dropSyncedIndexDdl,
  generatedNames,
  schemaFingerprint,
  syncedIndexDdl,
  tableDdl,
} from './sqlite-ddl.ts';
import { totalsTriggerNames } from './sqlite-totals.ts';
import {
  SQLITE_SHAPE_PARSER,
  fromSqliteValue,
  pgTimestampToIso,
  toSqliteValue,
} from './sqlite-values.ts';

describe('replica values', () => {
  it('turns Postgres timestamptz text into ISO UTC with milliseconds', () => {
    expect(pgTimestampToIso('2025-03-01 09:12:44.123456+00')).toBe('2025-03-01T09:12:44.123Z');
    expect(pgTimestampToIso('2025-03-01 09:12:44+02')).toBe('2025-03-01T07:12:44.000Z');
    expect(pgTimestampToIso('2025-03-01 09:12:44.5-05:30')).toBe('2025-03-01T14:42:44.500Z');
    expect(pgTimestampToIso('2025-03-01T09:12:44Z')).toBe('2025-03-01T09:12:44.000Z');
    expect(pgTimestampToIso('2025-03-01 09:12:44+00')).toBe('2025-03-01T09:12:44.000Z');
    expect(pgTimestampToIso('2024-02-29 23:59:59.9+00')).toBe('2024-02-29T23:59:59.900Z');
    expect(pgTimestampToIso('0099-12-31 23:59:59.999999+00')).toBe('0099-12-31T23:59:59.999Z');
    expect(() => pgTimestampToIso('yesterday')).toThrow(/not a timestamp/);
  });

  it('parses shape values into what SQLite stores, and reads them back', () => {
    expect(SQLITE_SHAPE_PARSER.numeric?.('12.500')).toBe(12.5);
    expect(SQLITE_SHAPE_PARSER.int8?.('42')).toBe(42);
    expect(SQLITE_SHAPE_PARSER.bool?.('t')).toBe(1);
    expect(SQLITE_SHAPE_PARSER.bool?.('f')).toBe(0);
    expect(SQLITE_SHAPE_PARSER.jsonb?.('{"a": 1}')).toBe('{"a": 1}');
    expect(fromSqliteValue('bool', 1)).toBe(true);
    expect(fromSqliteValue('jsonb', '{"a":1}')).toEqual({ a: 1 });
    expect(toSqliteValue('bool', false)).toBe(0);
    expect(toSqliteValue('jsonb', { a: 1 })).toBe('{"a":1}');
    expect(toSqliteValue('timestamptz', '2025-03-01T00:00:00+01:00')).toBe(
      '2025-02-28T23:00:00.000Z',
    );
  });
});

describe('replica tables', () => {
  it('covers every synced table with its key and columns', () => {
    expect(REPLICA_TABLES.map((t) => t.name)).toEqual([...SYNCED_TABLE_NAMES]);
    for (const t of REPLICA_TABLES) {
      const synced = SYNCED_TABLES[t.name as keyof typeof SYNCED_TABLES];
      expect(t.primaryKey).toEqual(synced.primaryKey);
      expect(t.columns.map((c) => c.name)).toEqual(synced.columns.map((c) => c.name));
      const indexed = (t.indexes ?? []).map((i) => indexParts(i).columns);
      for (const cols of [...indexed, ...(t.uniqueKeys ?? [])]) {
        for (const c of cols) expect(t.columns.map((x) => x.name)).toContain(c.split(' ')[0]);
      }
    }
  });

  it('generates a table, a base and an overlay per synced table; the fingerprint follows the schema', () => {
    const goals = REPLICA_TABLES.find((t) => t.name === 'goals');
    const ddl = tableDdl(goals!).join('\n');
    expect(ddl).toContain('CREATE TABLE "goals" (');
    expect(ddl).toContain('CREATE TABLE "goals_base" (');
    expect(ddl).toContain('CREATE TABLE "goals_local" (');
    const fp = schemaFingerprint(REPLICA_TABLES);
    expect(schemaFingerprint(REPLICA_TABLES)).toBe(fp);
    const changed = REPLICA_TABLES.map((t) =>
      t.name === 'goals'
        ? { ...t, columns: [...t.columns, { name: 'extra', pgType: 'text', notNull: false }] }
        : t,
    );
    expect(schemaFingerprint(changed)).not.toBe(fp);
  });

  it('gives emissions a rollup whose triggers a bulk load drops and whose rebuild installs them again', () => {
    const emissions = REPLICA_TABLES.find((t) => t.name === 'emissions')!;
    const triggers = totalsTriggerNames(emissions);
    expect(triggers).toHaveLength(4);
    expect(tableDdl(emissions).join('\n')).toContain('CREATE TABLE "emissions_totals" (');
    expect(generatedNames('emissions')).toContain('emissions_totals');
    const rebuild = syncedIndexDdl(emissions);
    const drop = dropSyncedIndexDdl(emissions);
    for (const name of triggers) {
      expect(drop).toContain(`DROP TRIGGER IF EXISTS "${name}"`);
      expect(
        rebuild.findIndex((x) => x.includes(`TRIGGER IF NOT EXISTS "${name}"`)),
      ).toBeGreaterThan(rebuild.findIndex((x) => x.startsWith('INSERT INTO "emissions_totals"')));
    }
    const goals = REPLICA_TABLES.find((t) => t.name === 'goals')!;
    expect(totalsTriggerNames(goals)).toEqual([]);
    expect(tableDdl(goals).join('\n')).not.toContain('TRIGGER');
    // A change to the rollup is a schema change: existing replicas are rebuilt.
    const withoutTotals = REPLICA_TABLES.map(({ totals: _totals, ...t }) => t);
    expect(schemaFingerprint(withoutTotals)).not.toBe(schemaFingerprint(REPLICA_TABLES));
  });
});
