/**
 * Sums of stored emissions (table `emissions`, kg CO2e in `co2_equivalent`) for a person or an
 * organisation over a window of instants. The sums run in SQL on numeric values, so they are exact;
 * only the final total becomes a JavaScript number.
 *
 * A person's footprint is every emission of the activities they logged (user_id), including those
 * they logged for an organisation; an organisation's footprint is every emission tagged with it.
 */
import type { Queryable } from '../db/types.ts';
import { DAY_MS, isEmpty, msToDate, type Window } from './periods.ts';

export type Subject = { userId: string; orgId?: undefined } | { orgId: string; userId?: undefined };

export const subjectFilter = (s: Subject, column = 'e'): { sql: string; id: string } =>
  s.orgId !== undefined
    ? { sql: `${column}.org_id = $1::uuid`, id: s.orgId }
    : { sql: `${column}.user_id = $1::uuid`, id: s.userId };

/**
 * kg CO2e of `subject` in [w.from, w.to), optionally of one category.
 *
 * Without a category, the whole UTC days of the window are read from the ESG rollup (exact numeric
 * sums per owner and day, kept by triggers in the same transaction as the emissions), and only the
 * partial days at its ends from the emissions: goal and challenge progress is measured after every
 * write, and summing a year of a heavy user's emissions each time cost ~200 ms (docs/decisions.md).
 * The rollup's personal owner holds a person's emissions without an organisation; those they logged
 * for an organisation are summed apart over the whole days (emissions_user_org_time_idx).
 */
export async function sumEmissions(
  tx: Queryable,
  subject: Subject,
  w: Window,
  category?: string,
): Promise<number> {
  if (isEmpty(w)) return 0;
  const firstDay = Math.ceil(w.from.getTime() / DAY_MS) * DAY_MS;
  const endDay = Math.floor(w.to.getTime() / DAY_MS) * DAY_MS;
  if (category === undefined && firstDay < endDay) {
    return sumByDays(tx, subject, w, firstDay, endDay);
  }
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

/** sumEmissions over [w.from, w.to) whose whole UTC days are [firstDay, endDay) (ms). */
async function sumByDays(
  tx: Queryable,
  subject: Subject,
  w: Window,
  firstDay: number,
  endDay: number,
): Promise<number> {
  const f = subjectFilter(subject);
  const rows = (where: string) =>
    `COALESCE((SELECT SUM(e.co2_equivalent) FROM emissions e WHERE ${where}), 0)`;
  const head = `${f.sql} AND e."timestamp" >= $2::timestamptz AND e."timestamp" < $4::timestamptz`;
  const tail = `${f.sql} AND e."timestamp" >= $5::timestamptz AND e."timestamp" < $3::timestamptz`;
  // The emissions a person logged for an organisation are in the organisation's rollup rows.
  const orgLogged = `e.user_id = $1::uuid AND e.org_id IS NOT NULL
    AND e."timestamp" >= $4::timestamptz AND e."timestamp" < $5::timestamptz`;
  const [row] = await tx.query<{ total: number }>(
    `SELECT COALESCE((SELECT SUM(r.co2e_kg) FROM esg_emission_rollup r
              WHERE r.owner_kind = $6 AND r.owner_id = $1::uuid
                AND r.day >= $7::date AND r.day < $8::date), 0)
       ${subject.orgId === undefined ? `+ ${rows(orgLogged)}` : ''}
       + ${rows(head)} + ${rows(tail)} AS total`,
    [
      f.id,
      w.from.toISOString(),
      w.to.toISOString(),
      new Date(firstDay).toISOString(),
      new Date(endDay).toISOString(),
      subject.orgId === undefined ? 'u' : 'o',
      msToDate(firstDay),
      msToDate(endDay),
    ],
  );
  return Number(row?.total ?? 0);
}
