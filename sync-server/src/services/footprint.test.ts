import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { insertEmission, insertOrg, insertUser } from './emission-fixtures.ts';
import { sumEmissions, type Subject } from './footprint.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

/** The definition: every emission of the subject in [from, to), summed from the rows. */
async function direct(subject: Subject, from: number, to: number): Promise<number> {
  const [row] = await t.db.query<{ total: number }>(
    `SELECT COALESCE(SUM(co2_equivalent), 0) AS total FROM emissions
      WHERE ${subject.orgId ? 'org_id' : 'user_id'} = $1::uuid
        AND "timestamp" >= $2::timestamptz AND "timestamp" < $3::timestamptz`,
    [subject.orgId ?? subject.userId, new Date(from).toISOString(), new Date(to).toISOString()],
  );
  return Number(row?.total ?? 0);
}

describe('sumEmissions', () => {
  it('equals the sum of the rows for any window, whole days read from the rollup', async () => {
    const user = await insertUser(t.db);
    const other = await insertUser(t.db);
    const org = await insertOrg(t.db, user);
    // Emissions over 20 days: personal ones, ones the user logged for the organisation, another
    // user's; at midnight, just before it, and within days. Amounts with cents, as numerics.
    let n = 0;
    for (let day = 0; day < 20; day++) {
      for (const offset of [0, 1, 9 * 3_600_000 + 7, DAY - 1]) {
        n++;
        const at = new Date(START + day * DAY + offset).toISOString();
        await insertEmission(t.db, { userId: user, kg: (n % 7) + 0.01 * n, at });
        if (n % 3 === 0) await insertEmission(t.db, { userId: user, orgId: org, kg: 2.5, at });
        if (n % 5 === 0) await insertEmission(t.db, { userId: other, kg: 100, at });
      }
    }
    const instant = fc.integer({ min: -2 * DAY, max: 22 * DAY }).map((ms) => START + ms);
    const midnight = fc.integer({ min: -2, max: 22 }).map((d) => START + d * DAY);
    const bound = fc.oneof(instant, midnight);
    await fc.assert(
      fc.asyncProperty(bound, bound, fc.boolean(), async (a, b, ofOrg) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const subject: Subject = ofOrg ? { orgId: org } : { userId: user };
        const got = await sumEmissions(t.db, subject, { from: new Date(from), to: new Date(to) });
        expect(got).toBe(await direct(subject, from, to));
      }),
      { numRuns: 150 },
    );
  });
});
