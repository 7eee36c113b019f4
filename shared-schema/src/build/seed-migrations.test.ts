/** The append-only seed migrations: frozen parts are replayed, only the difference is written. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EmissionFactor } from '../factors/types.ts';
import { FACTORS } from '../factors/library.ts';
import { DataError } from './load-library.ts';
import { parseSeedPart, planSeed } from './seed-migrations.ts';

const sample = FACTORS.slice(0, 5);
const frozenAll = () => true;
const nothingFrozen = () => false;

function write(dir: string, parts: ReadonlyMap<string, string>) {
  for (const [name, sql] of parts) writeFileSync(join(dir, name), sql);
}

describe('planSeed', () => {
  it('writes every row into part 001 on a fresh tree', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-'));
    const plan = planSeed(dir, sample, nothingFrozen);
    expect([...plan.parts.keys()]).toEqual(['0003_factor_seed_001.sql']);
    const rows = parseSeedPart(plan.parts.get('0003_factor_seed_001.sql') ?? '');
    expect(rows.map((r) => r.key)).toEqual(sample.map((f) => f.key));
    expect(plan.parts.get('0003_factor_seed_001.sql')).toContain(
      'ON CONFLICT (key, year) DO UPDATE',
    );
  });

  it('adds nothing when the frozen parts already hold the data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-'));
    write(dir, planSeed(dir, sample, nothingFrozen).parts);
    const plan = planSeed(dir, sample, frozenAll);
    expect([...plan.parts.keys()]).toEqual(['0003_factor_seed_001.sql']);
    expect(plan.obsolete).toEqual([]);
  });

  it('puts only added and corrected rows in the next part, never touching a frozen one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-'));
    write(dir, planSeed(dir, sample, nothingFrozen).parts);
    const first = readFileSync(join(dir, '0003_factor_seed_001.sql'), 'utf8');
    const corrected: EmissionFactor = { ...(sample[1] as EmissionFactor), notes: 'corrected note' };
    const added = FACTORS[10] as EmissionFactor;
    const next = [sample[0], corrected, ...sample.slice(2), added] as EmissionFactor[];
    const plan = planSeed(dir, next, frozenAll);
    expect(plan.parts.get('0003_factor_seed_001.sql')).toBe(first);
    const delta = parseSeedPart(plan.parts.get('0003_factor_seed_002.sql') ?? '');
    expect(delta.map((r) => [r.key, r.notes])).toEqual([
      [corrected.key, 'corrected note'],
      [added.key, added.notes],
    ]);
  });

  it('rewrites an uncommitted part instead of stacking another', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-'));
    write(dir, planSeed(dir, sample, nothingFrozen).parts);
    const bigger = [...sample, FACTORS[10] as EmissionFactor];
    const plan = planSeed(dir, bigger, nothingFrozen);
    expect([...plan.parts.keys()]).toEqual(['0003_factor_seed_001.sql']);
    expect(parseSeedPart(plan.parts.get('0003_factor_seed_001.sql') ?? '')).toHaveLength(6);
  });

  it('refuses to drop a row that a frozen part published (keys are permanent)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-'));
    write(dir, planSeed(dir, sample, nothingFrozen).parts);
    expect(() => planSeed(dir, sample.slice(1), frozenAll)).toThrow(DataError);
    expect(() => planSeed(dir, sample.slice(1), frozenAll)).toThrow(/keys are permanent/);
  });
});
