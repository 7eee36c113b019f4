import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { applyBatch } from './mutations/apply-batch.ts';
import { pruneMutationAnswers, tooOldToApply, uuidv7Time } from './mutation-answers.ts';
import { insertUser } from './test-fixtures.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T12:00:00Z');

/** A UUIDv7 stamped `ms`, as the devices make them. */
function uuidv7(ms: number): string {
  const hex =
    ms.toString(16).padStart(12, '0') + '7' + randomBytes(10).toString('hex').slice(0, 19);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

describe('mutation ids too old to apply', () => {
  it('reads the creation time of a UUIDv7 and nothing from other versions', () => {
    expect(uuidv7Time(uuidv7(NOW))).toBe(NOW);
    expect(uuidv7Time(randomUUID())).toBeUndefined();
  });

  it('refuses v7 ids older than the retention less a day of clock skew', () => {
    const retention = 30 * DAY;
    expect(tooOldToApply(uuidv7(NOW - 28 * DAY), retention, NOW)).toBe(false);
    expect(tooOldToApply(uuidv7(NOW - 29.5 * DAY), retention, NOW)).toBe(true);
    expect(tooOldToApply(uuidv7(NOW - 31 * DAY), retention, NOW)).toBe(true);
    expect(tooOldToApply(randomUUID(), retention, NOW)).toBe(false);
  });

  it('keeps half of a retention shorter than two days', () => {
    expect(tooOldToApply(uuidv7(NOW - 400), 1000, NOW)).toBe(false);
    expect(tooOldToApply(uuidv7(NOW - 600), 1000, NOW)).toBe(true);
  });
});

describe('pruning the answers', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('forgets answers older than the retention and still replays the newer ones', async () => {
    const userId = await insertUser(t.db);
    const activity = (id: string) => ({
      mutation_id: id,
      table: 'activities' as const,
      op: 'insert' as const,
      row: {
        activity_id: randomUUID(),
        activity_type: 'Transportation',
        amount: 3,
        unit: 'km',
        timestamp: '2026-05-01T08:00:00Z',
      },
    });
    const old = randomUUID();
    const recent = randomUUID();
    const first = await applyBatch(t.db, { userId }, [activity(old), activity(recent)]);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    await t.db.query(
      `UPDATE sync_mutations SET created_at = now() - interval '31 days' WHERE mutation_id = $1::uuid`,
      [old],
    );

    expect(await pruneMutationAnswers(t.db, 30 * DAY)).toBe(1);
    const left = await t.db.query<{ mutation_id: string }>(
      'SELECT mutation_id::text FROM sync_mutations WHERE mutation_id = ANY($1::uuid[])',
      [[old, recent]],
    );
    expect(left.map((r) => r.mutation_id)).toEqual([recent]);
    const replay = await applyBatch(t.db, { userId }, [activity(recent)]);
    expect(replay).toEqual({ txid: first.txid, results: [first.results[1]] });
    expect(await pruneMutationAnswers(t.db, 30 * DAY)).toBe(0);
  });
});
