/**
 * Sums of stored emissions (table `emissions`, kg CO2e in `co2_equivalent`) for a person or an
 * organisation over a window of instants. The sums run in SQL on numeric values, so they are exact;
 * only the final total becomes a JavaScript number.
 *
 * A person's footprint is every emission of the activities they logged (user_id), including those
 * they logged for an organisation; an organisation's footprint is every emission tagged with it.
 */
import type { Queryable } from '../db/types.ts';
import { isEmpty, type Window } from './periods.ts';

export type Subject = { userId: string; orgId?: undefined } | { orgId: string; userId?: undefined };

export const subjectFilter = (s: Subject, column = 'e'): { sql: string; id: string } =>
  s.orgId !== undefined
    ? { sql: `${column}.org_id = $1::uuid`, id: s.orgId }
    : { sql: `${column}.user_id = $1::uuid`, id: s.userId };

/** kg CO2e of `subject` in [w.from, w.to), optionally of one category. */
export async function sumEmissions(
  tx: Queryable,
  subject: Subject,
  w: Window,
  category?: string,
): Promise<number> {
  if (isEmpty(w)) return 0;
  const f = subjectFilter(subject);
  const [row] = await tx.query<{ total: number }>(
    `SELECT COALESCE(SUM(e.co2_equivalent), 0) AS total
       FROM emissions e
      WHERE ${f.sql} AND e."timestamp" >= $2::timestamptz AND e."timestamp" < $3::timestamptz
        AND ($4::text IS NULL OR e.category = $4::text)`,
    [f.id, w.from.toISOString(), w.to.toISOString(), category ?? null],
  );
  return Number(row?.total ?? 0);
}
