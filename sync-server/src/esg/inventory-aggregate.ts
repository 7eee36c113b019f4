/**
 * The inventory's sums, in SQL over the rollup (migration 0030). One statement returns every
 * cut a figure needs as GROUPING SETS, so all sums are numeric (exact) and the totals equal the
 * sum of the activity emissions to the last digit.
 *
 * The '2+3' convenience factor (UK grid electricity incl. T&D) is split, never counted twice:
 * its Scope 2 part is its CO2e times the generation part's share of the parts' CO2e in the same
 * factor edition (esg_factor_splits + emission_factors), its Scope 3 category 3 part is the rest
 * (CO2e minus the Scope 2 part, so the two add up exactly). Without split data the whole emission
 * is Scope 2 and a note says so.
 */
import type { Queryable } from '../db/types.ts';
import type { Period } from './period.ts';

export type Owner = { kind: 'org'; orgId: string } | { kind: 'user'; userId: string };

export const ownerKey = (o: Owner): ['o' | 'u', string] =>
  o.kind === 'org' ? ['o', o.orgId] : ['u', o.userId];

export type QualityClass = 'measured' | 'estimated' | 'spend_based';

export interface Sums {
  activity_count: number;
  co2e_kg: number;
  co2_kg: number;
  ch4_kg: number;
  n2o_kg: number;
  biogenic_co2_kg: number;
  unsplit_co2e_kg: number;
}

export interface FactorSums extends Sums {
  factor_key: string;
  factor_year: number;
  factor_source: string;
  gwp_set: string;
}

/** Figure scope after splitting: '1', '2' or '3' (category 0 = none). */
export interface AggregateResult {
  total: Sums;
  byScope: Map<string, Sums>;
  byScopeCategory: Map<string, Sums>; // key `${scope}:${cat}`
  byQuality: Map<QualityClass, Sums>;
  factorsByScope: Map<string, FactorSums[]>;
  factorsByScopeCategory: Map<string, FactorSums[]>;
  factorsTotal: FactorSums[];
  /** raw cells before splitting, for listing activities: scope ('1','2','2+3','3') and category */
  cells: { scope: string; cat: number }[];
  unsplitConvenienceKeys: string[];
}

const SUMS = `sum(n) AS n, sum(n_once) AS n_once, sum(co2e) AS co2e, sum(co2) AS co2,
  sum(ch4) AS ch4, sum(n2o) AS n2o, sum(bio) AS bio, sum(unsplit) AS unsplit`;

const AGGREGATE_SQL = `
WITH base AS (
  SELECT scope, scope3_category AS cat, factor_key, factor_year, factor_source, gwp_set,
    CASE WHEN factor_unit = 'USD' THEN 'spend_based' ELSE data_quality END AS quality,
    sum(activity_count) AS n, sum(co2e_kg) AS co2e, sum(co2_kg) AS co2, sum(ch4_kg) AS ch4,
    sum(n2o_kg) AS n2o, sum(biogenic_co2_kg) AS bio, sum(unsplit_co2e_kg) AS unsplit
  FROM esg_emission_rollup
  WHERE owner_kind = $1 AND owner_id = $2::uuid AND day BETWEEN $3::date AND $4::date
  GROUP BY 1, 2, 3, 4, 5, 6, 7
),
split AS (
  SELECT s.convenience_key, f.year,
    sum(CASE WHEN s.scope = '2' THEN f.co2e_kg::numeric END) / nullif(sum(f.co2e_kg::numeric), 0) AS share2,
    max(CASE WHEN s.scope = '3' THEN s.scope3_category END) AS cat3
  FROM esg_factor_splits s JOIN emission_factors f ON f.key = s.part_key
  GROUP BY 1, 2
  HAVING count(*) = (SELECT count(*) FROM esg_factor_splits s2 WHERE s2.convenience_key = s.convenience_key)
),
expanded AS (
  SELECT CASE WHEN b.scope = '2+3' THEN '2' ELSE b.scope END AS fscope,
    CASE WHEN b.scope = '2+3' THEN 0 ELSE b.cat END AS fcat,
    b.factor_key, b.factor_year, b.factor_source, b.gwp_set, b.quality, b.n, b.n AS n_once,
    b.co2e * coalesce(sp.share2, 1) AS co2e, b.co2 * coalesce(sp.share2, 1) AS co2,
    b.ch4 * coalesce(sp.share2, 1) AS ch4, b.n2o * coalesce(sp.share2, 1) AS n2o,
    b.bio * coalesce(sp.share2, 1) AS bio, b.unsplit * coalesce(sp.share2, 1) AS unsplit
  FROM base b
  LEFT JOIN split sp ON b.scope = '2+3' AND sp.convenience_key = b.factor_key AND sp.year = b.factor_year
  UNION ALL
  SELECT '3', coalesce(sp.cat3, 3), b.factor_key, b.factor_year, b.factor_source, b.gwp_set,
    b.quality, b.n, 0,
    b.co2e - b.co2e * sp.share2, b.co2 - b.co2 * sp.share2, b.ch4 - b.ch4 * sp.share2,
    b.n2o - b.n2o * sp.share2, b.bio - b.bio * sp.share2, b.unsplit - b.unsplit * sp.share2
  FROM base b
  JOIN split sp ON sp.convenience_key = b.factor_key AND sp.year = b.factor_year
  WHERE b.scope = '2+3'
)
SELECT 'g' AS kind,
  GROUPING(fscope, fcat, quality, factor_key, factor_year, factor_source, gwp_set) AS g,
  fscope AS scope, fcat AS cat, quality, factor_key, factor_year, factor_source, gwp_set, ${SUMS}
FROM expanded
GROUP BY GROUPING SETS ((), (fscope), (fscope, fcat), (quality),
  (fscope, factor_key, factor_year, factor_source, gwp_set),
  (fscope, fcat, factor_key, factor_year, factor_source, gwp_set),
  (factor_key, factor_year, factor_source, gwp_set))
UNION ALL
SELECT 'c', 0, scope, cat, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0
FROM base GROUP BY scope, cat
UNION ALL
SELECT 'u', 0, NULL, NULL, NULL, b.factor_key, NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0
FROM base b WHERE b.scope = '2+3'
  AND NOT EXISTS (SELECT 1 FROM split sp WHERE sp.convenience_key = b.factor_key AND sp.year = b.factor_year)
GROUP BY b.factor_key`;

interface Row {
  [k: string]: unknown;
  kind: 'g' | 'c' | 'u';
  g: number;
  scope: string | null;
  cat: number | null;
  quality: QualityClass | null;
  factor_key: string | null;
  factor_year: number | null;
  factor_source: string | null;
  gwp_set: string | null;
  n: number;
  n_once: number;
  co2e: number;
  co2: number;
  ch4: number;
  n2o: number;
  bio: number;
  unsplit: number;
}

// GROUPING() bits, most significant first: fscope, fcat, quality, key, year, source, gwp
const SET = {
  total: 0b1111111,
  scope: 0b0111111,
  scopeCat: 0b0011111,
  quality: 0b1101111,
  scopeFactor: 0b0110000,
  scopeCatFactor: 0b0010000,
  factor: 0b1110000,
} as const;

export const emptySums = (): Sums => ({
  activity_count: 0,
  co2e_kg: 0,
  co2_kg: 0,
  ch4_kg: 0,
  n2o_kg: 0,
  biogenic_co2_kg: 0,
  unsplit_co2e_kg: 0,
});

const sumsOf = (r: Row, once: boolean): Sums => ({
  activity_count: Number(once ? r.n_once : r.n),
  co2e_kg: Number(r.co2e),
  co2_kg: Number(r.co2),
  ch4_kg: Number(r.ch4),
  n2o_kg: Number(r.n2o),
  biogenic_co2_kg: Number(r.bio),
  unsplit_co2e_kg: Number(r.unsplit),
});

const factorOf = (r: Row): FactorSums => ({
  ...sumsOf(r, false),
  factor_key: r.factor_key ?? '',
  factor_year: Number(r.factor_year),
  factor_source: r.factor_source ?? '',
  gwp_set: r.gwp_set ?? '',
});

const push = <K, V>(m: Map<K, V[]>, k: K, v: V): void => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

export async function aggregateInventory(
  tx: Queryable,
  owner: Owner,
  period: Period,
): Promise<AggregateResult> {
  const [kind, id] = ownerKey(owner);
  const rows = await tx.query<Row>(AGGREGATE_SQL, [kind, id, period.from, period.to]);
  const out: AggregateResult = {
    total: emptySums(),
    byScope: new Map(),
    byScopeCategory: new Map(),
    byQuality: new Map(),
    factorsByScope: new Map(),
    factorsByScopeCategory: new Map(),
    factorsTotal: [],
    cells: [],
    unsplitConvenienceKeys: [],
  };
  for (const r of rows) {
    if (r.kind === 'c') {
      out.cells.push({ scope: r.scope ?? '', cat: Number(r.cat) });
      continue;
    }
    if (r.kind === 'u') {
      out.unsplitConvenienceKeys.push(r.factor_key ?? '');
      continue;
    }
    const scope = r.scope ?? '';
    switch (Number(r.g)) {
      case SET.total:
        // an empty period yields one all-NULL total row
        if (r.n_once !== null) out.total = sumsOf(r, true);
        break;
      case SET.scope:
        out.byScope.set(scope, sumsOf(r, false));
        break;
      case SET.scopeCat:
        out.byScopeCategory.set(`${scope}:${Number(r.cat)}`, sumsOf(r, false));
        break;
      case SET.quality:
        if (r.quality) out.byQuality.set(r.quality, sumsOf(r, true));
        break;
      case SET.scopeFactor:
        push(out.factorsByScope, scope, factorOf(r));
        break;
      case SET.scopeCatFactor:
        push(out.factorsByScopeCategory, `${scope}:${Number(r.cat)}`, factorOf(r));
        break;
      case SET.factor:
        out.factorsTotal.push(factorOf(r));
        break;
      default:
        break;
    }
  }
  const byKg = (a: FactorSums, b: FactorSums) => b.co2e_kg - a.co2e_kg;
  out.factorsTotal.sort(byKg);
  for (const list of out.factorsByScope.values()) list.sort(byKg);
  for (const list of out.factorsByScopeCategory.values()) list.sort(byKg);
  return out;
}

/** Electricity consumption per (day, grid region) with its location-based Scope 2 kg CO2e. */
export async function electricityBuckets(
  tx: Queryable,
  owner: Owner,
  span: Period,
): Promise<{ day: string; region: string; kwh: number; locationKg: number }[]> {
  const [kind, id] = ownerKey(owner);
  const rows = await tx.query<{ day: string; region: string; kwh: number; loc: number }>(
    `WITH split AS (
       SELECT s.convenience_key, f.year,
         sum(CASE WHEN s.scope = '2' THEN f.co2e_kg::numeric END) / nullif(sum(f.co2e_kg::numeric), 0) AS share2
       FROM esg_factor_splits s JOIN emission_factors f ON f.key = s.part_key
       GROUP BY 1, 2
     )
     SELECT r.day, coalesce(f.region, 'UNKNOWN') AS region, sum(r.quantity) AS kwh,
       sum(r.co2e_kg * CASE WHEN r.scope = '2+3' THEN coalesce(sp.share2, 1) ELSE 1 END) AS loc
     FROM esg_emission_rollup r
     LEFT JOIN emission_factors f ON f.key = r.factor_key AND f.year = r.factor_year
     LEFT JOIN split sp ON r.scope = '2+3' AND sp.convenience_key = r.factor_key AND sp.year = r.factor_year
     WHERE r.owner_kind = $1 AND r.owner_id = $2::uuid AND r.day BETWEEN $3::date AND $4::date
       AND r.scope IN ('2', '2+3') AND r.factor_unit = 'kWh' AND r.factor_key LIKE 'electricity.%'
     GROUP BY 1, 2
     ORDER BY 1, 2`,
    [kind, id, span.from, span.to],
  );
  return rows.map((r) => ({
    day: r.day,
    region: r.region,
    kwh: Number(r.kwh),
    locationKg: Number(r.loc),
  }));
}
