/**
 * Traceability: the activities behind each figure. The rollup knows the factors; the activity
 * ids come from the emissions themselves, the first `limit` per (scope, Scope 3 category) cell in
 * time order (an index range scan each, see migration 0030), merged per figure. The complete
 * list of any figure is the audit listing (`auditLines`), paged.
 */
import type { Queryable } from '../db/types.ts';
import { ownerKey, type Owner } from './inventory-aggregate.ts';
import { periodBounds, type Period } from './period.ts';

export type CellActivity = {
  scope: string;
  cat: number;
  activity_id: string;
  timestamp: string;
};

/** The first `limit` activities of each cell, by (timestamp, activity_id). */
export async function firstActivitiesPerCell(
  tx: Queryable,
  owner: Owner,
  period: Period,
  cells: readonly { scope: string; cat: number }[],
  limit: number,
): Promise<CellActivity[]> {
  if (limit <= 0 || cells.length === 0) return [];
  const [kind, id] = ownerKey(owner);
  const { start, endExclusive } = periodBounds(period);
  const ownerFilter =
    kind === 'o' ? 'e.org_id = $1::uuid' : 'e.user_id = $1::uuid AND e.org_id IS NULL';
  const out: CellActivity[] = [];
  // Two statements so each lateral probe is a plain equality on the index (NULL vs value).
  for (const withCategory of [false, true]) {
    const chosen = cells.filter((c) => (c.cat !== 0) === withCategory);
    if (chosen.length === 0) continue;
    const catFilter = withCategory ? 'e.scope3_category = c.cat' : 'e.scope3_category IS NULL';
    const rows = await tx.query<CellActivity>(
      `SELECT c.scope, c.cat, x.activity_id, x."timestamp"
       FROM unnest($2::text[], $3::int[]) AS c(scope, cat)
       CROSS JOIN LATERAL (
         SELECT e.activity_id, e."timestamp" FROM emissions e
         WHERE ${ownerFilter} AND e.scope = c.scope AND ${catFilter}
           AND e."timestamp" >= $4::timestamptz AND e."timestamp" < $5::timestamptz
         ORDER BY e."timestamp", e.activity_id
         LIMIT $6
       ) x`,
      [id, chosen.map((c) => c.scope), chosen.map((c) => c.cat), start, endExclusive, limit],
    );
    for (const r of rows) out.push({ ...r, cat: Number(r.cat) });
  }
  return out;
}

/** The first `limit` activity ids over the chosen cells, in time order. */
export function mergeCells(
  list: readonly CellActivity[],
  pick: (c: CellActivity) => boolean,
  limit: number,
): string[] {
  const seen = new Set<string>();
  return list
    .filter(pick)
    .sort(
      (a, b) =>
        a.timestamp.localeCompare(b.timestamp) || a.activity_id.localeCompare(b.activity_id),
    )
    .filter((c) => (seen.has(c.activity_id) ? false : (seen.add(c.activity_id), true)))
    .slice(0, limit)
    .map((c) => c.activity_id);
}

export type AuditLine = {
  activity_id: string;
  timestamp: string;
  user_id: string;
  activity_type: string;
  description: string | null;
  amount: number;
  unit: string;
  data_quality: string;
  converted_amount: number;
  factor_unit: string;
  factor_key: string;
  factor_year: number;
  factor_source: string;
  gwp_set: string;
  scope: string;
  scope3_category: number | null;
  co2e_kg: number;
  co2_kg: number;
  ch4_kg: number;
  n2o_kg: number;
  biogenic_co2_kg: number;
};

export type AuditFigure = 'all' | 'scope1' | 'scope2' | 'scope3' | 'biogenic';

const FIGURE_FILTER: Record<AuditFigure, string> = {
  all: 'TRUE',
  scope1: "e.scope = '1'",
  scope2: "e.scope IN ('2', '2+3')",
  scope3: "e.scope IN ('3', '2+3')",
  biogenic: 'e.biogenic_co2_kg <> 0',
};

/**
 * Activity-level lines, keyset-paged by (timestamp, activity_id): pass the last line's pair as
 * `after` for the next page. `scope3Category` narrows scope3 to one category.
 */
export async function auditLines(
  tx: Queryable,
  owner: Owner,
  period: Period,
  opts: {
    figure?: AuditFigure;
    scope3Category?: number;
    after?: { timestamp: string; activity_id: string };
    limit: number;
  },
): Promise<AuditLine[]> {
  const [kind, id] = ownerKey(owner);
  const { start, endExclusive } = periodBounds(period);
  const params: unknown[] = [id, start, endExclusive, opts.limit];
  const where = [
    kind === 'o' ? 'e.org_id = $1::uuid' : 'e.user_id = $1::uuid AND e.org_id IS NULL',
    'e."timestamp" >= $2::timestamptz AND e."timestamp" < $3::timestamptz',
    FIGURE_FILTER[opts.figure ?? 'all'],
  ];
  if (opts.scope3Category !== undefined) {
    params.push(opts.scope3Category);
    where.push(
      `(e.scope3_category = $${params.length}::int OR (e.scope = '2+3' AND $${params.length}::int = 3))`,
    );
  }
  if (opts.after) {
    params.push(opts.after.timestamp, opts.after.activity_id);
    where.push(
      `(e."timestamp", e.activity_id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
    );
  }
  return tx.query<AuditLine>(
    `SELECT e.activity_id, e."timestamp", e.user_id, a.activity_type, a.description, a.amount, a.unit,
       a.data_quality, e.converted_amount, e.factor_unit, e.factor_key, e.factor_year,
       e.factor_source, e.gwp_set, e.scope, e.scope3_category, e.co2_equivalent AS co2e_kg,
       e.co2_kg, e.ch4_kg, e.n2o_kg, e.biogenic_co2_kg
     FROM emissions e JOIN activities a ON a.activity_id = e.activity_id
     WHERE ${where.join(' AND ')}
     ORDER BY e."timestamp", e.activity_id
     LIMIT $4`,
    params,
  );
}
