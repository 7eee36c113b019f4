import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { applyBatch } from './mutations/apply-batch.ts';
import { pruneMutationAnswers } from './mutation-answers.ts';
import { insertUser } from './test-fixtures.ts';

const DAY = 86_400_000;

describe('pruning the answers', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('forgets answers older than the retention; replays, before or after, apply once', async () => {
    const userId = await insertUser(t.db);
    const activityIds = new Map<string, string>();
    const activity = (id: string) => ({
      mutation_id: id,
      table: 'activities' as const,
      op: 'insert' as const,
      row: {
        activity_id: activityIds.get(id) ?? activityIds.set(id, randomUUID()).get(id),
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
    // The forgotten one is applied again, which leaves the same single row.
    const late = await applyBatch(t.db, { userId }, [activity(old)]);
    expect(late.results.map((r) => r.status)).toEqual(['applied']);
    const rows = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM activities WHERE user_id = $1::uuid',
      [userId],
    );
    expect(rows[0]?.n).toBe(2);
    expect(await pruneMutationAnswers(t.db, 30 * DAY)).toBe(0);
  });
});
