/**
 * The GHG inventory of an organisation or a person for a period (GHG Protocol Corporate
 * Standard): sums from SQL (inventory-aggregate.ts), market-based Scope 2 from the recorded
 * instruments (scope2-market.ts), comparisons with the prior year and the base year, intensity,
 * data-quality shares, and the traceability of every figure (inventory-trace.ts).
 */
import type { Queryable } from '../db/types.ts';
import { NotFoundError } from '../errors.ts';
import {
  aggregateInventory,
  electricityBuckets,
  emptySums,
  type AggregateResult,
  type FactorSums,
  type Owner,
  type QualityClass,
} from './inventory-aggregate.ts';
import { firstActivitiesPerCell, mergeCells, type CellActivity } from './inventory-trace.ts';
import type {
  FactorTrace,
  FigureTrace,
  Inventory,
  InventoryOwner,
  PeriodSummary,
  QualityShare,
} from './inventory-types.ts';
import { listInstruments } from './instruments.ts';
import { calendarYear, changePct, maxDate, minDate, priorYear, type Period } from './period.ts';
import {
  allocateMarketBased,
  marketBasedScope2,
  type ElectricityBucket,
  type Instrument,
  type MarketResult,
} from './scope2-market.ts';

export const DEFAULT_TRACE_LIMIT = 100;
export const MAX_TRACE_LIMIT = 10_000;

export interface InventoryOptions {
  /** activity ids listed per figure (default 100) */
  traceLimit?: number;
}

export async function loadOwner(tx: Queryable, owner: Owner): Promise<InventoryOwner> {
  if (owner.kind === 'org') {
    const [o] = await tx.query<{
      name: string;
      industry: string | null;
      employees: number | null;
      revenue: number | null;
      revenue_currency: string;
      gwp_set: string;
      base_year: number | null;
      consolidation_approach: string;
    }>(
      `SELECT name, industry, employees, revenue, revenue_currency, gwp_set, base_year,
         consolidation_approach FROM organizations WHERE org_id = $1::uuid`,
      [owner.orgId],
    );
    if (!o) throw new NotFoundError('Organization not found');
    return {
      kind: 'org',
      org_id: owner.orgId,
      user_id: null,
      ...o,
      employees: o.employees === null ? null : Number(o.employees),
      revenue: o.revenue === null ? null : Number(o.revenue),
      base_year: o.base_year === null ? null : Number(o.base_year),
    };
  }
  const [u] = await tx.query<{ name: string; gwp_set: string }>(
    `SELECT coalesce(display_name, username) AS name, gwp_set FROM users WHERE user_id = $1::uuid`,
    [owner.userId],
  );
  if (!u) throw new NotFoundError('User not found');
  return {
    kind: 'user',
    org_id: null,
    user_id: owner.userId,
    name: u.name,
    industry: null,
    employees: null,
    revenue: null,
    revenue_currency: null,
    gwp_set: u.gwp_set,
    base_year: null,
    consolidation_approach: null,
  };
}

const sumOf = (m: Map<string, { co2e_kg: number }>, k: string): number => m.get(k)?.co2e_kg ?? 0;

function summarise(period: Period, agg: AggregateResult, market: MarketResult): PeriodSummary {
  const scope2Location = sumOf(agg.byScope, '2');
  const scope2Market = marketBasedScope2(scope2Location, market);
  const totalLocation = agg.total.co2e_kg;
  return {
    period,
    scope1_kg: sumOf(agg.byScope, '1'),
    scope2_location_kg: scope2Location,
    scope2_market_kg: scope2Market,
    scope3_kg: sumOf(agg.byScope, '3'),
    total_location_kg: totalLocation,
    // nothing covered → exactly the location-based total
    total_market_kg:
      market.covered_kwh === 0 ? totalLocation : totalLocation - scope2Location + scope2Market,
    activity_count: agg.total.activity_count,
  };
}

/** Aggregates and market-based results for several periods, sharing one bucket read. */
async function computePeriods(
  tx: Queryable,
  owner: Owner,
  periods: Period[],
  instruments: Instrument[],
): Promise<{ agg: AggregateResult; market: MarketResult }[]> {
  const aggs: AggregateResult[] = [];
  for (const p of periods) aggs.push(await aggregateInventory(tx, owner, p));
  let buckets: ElectricityBucket[] = [];
  if (instruments.length > 0) {
    let from = periods[0]?.from ?? '1970-01-01';
    let to = periods[0]?.to ?? '1970-01-01';
    for (const p of [
      ...periods,
      ...instruments.map((i) => ({ from: i.period_start, to: i.period_end })),
    ]) {
      from = minDate(from, p.from);
      to = maxDate(to, p.to);
    }
    buckets = await electricityBuckets(tx, owner, { from, to });
  }
  return periods.map((p, i) => ({
    agg: aggs[i] ?? emptyAggregate(),
    market: allocateMarketBased(buckets, instruments, p),
  }));
}

function emptyAggregate(): AggregateResult {
  return {
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
}

const toFactorTrace = (f: FactorSums): FactorTrace => ({
  factor_key: f.factor_key,
  factor_year: f.factor_year,
  factor_source: f.factor_source,
  gwp_set: f.gwp_set,
  activity_count: f.activity_count,
  co2e_kg: f.co2e_kg,
});

/** Computes the inventory. Authorisation is the caller's job (see access.ts). */
export async function computeInventory(
  tx: Queryable,
  owner: Owner,
  period: Period,
  opts: InventoryOptions = {},
): Promise<Inventory> {
  const traceLimit = Math.min(opts.traceLimit ?? DEFAULT_TRACE_LIMIT, MAX_TRACE_LIMIT);
  const profile = await loadOwner(tx, owner);
  const instruments = owner.kind === 'org' ? await listInstruments(tx, owner.orgId) : [];
  const prior = priorYear(period);
  const base = profile.base_year === null ? null : calendarYear(profile.base_year);
  const periods = base ? [period, prior, base] : [period, prior];
  const [cur, pri, bas] = await computePeriods(tx, owner, periods, instruments);
  if (!cur || !pri) throw new Error('inventory periods missing');
  const { agg, market } = cur;

  const current = summarise(period, agg, market);
  const priorSummary = summarise(prior, pri.agg, pri.market);
  const baseSummary =
    base && bas ? { ...summarise(base, bas.agg, bas.market), year: profile.base_year ?? 0 } : null;

  const scope3ByCategory: Record<string, number> = {};
  const present = new Set<number>();
  for (let c = 1; c <= 15; c++) {
    const s = agg.byScopeCategory.get(`3:${c}`);
    if (s && s.activity_count > 0) {
      scope3ByCategory[String(c)] = s.co2e_kg;
      present.add(c);
    }
  }
  const excluded = Array.from({ length: 15 }, (_, i) => i + 1).filter((c) => !present.has(c));

  const qualityShare = (q: QualityClass): QualityShare => {
    const s = agg.byQuality.get(q) ?? emptySums();
    return {
      activity_count: s.activity_count,
      co2e_kg: s.co2e_kg,
      co2e_pct: agg.total.co2e_kg > 0 ? (s.co2e_kg / agg.total.co2e_kg) * 100 : 0,
      activity_pct:
        agg.total.activity_count > 0 ? (s.activity_count / agg.total.activity_count) * 100 : 0,
    };
  };

  const perEmployee = (kg: number) =>
    profile.employees && profile.employees > 0 ? kg / profile.employees : null;
  // kg per currency unit × 1e6 / 1000 = t per million
  const perMillion = (kg: number) =>
    profile.revenue && profile.revenue > 0 ? (kg / profile.revenue) * 1000 : null;

  // traceability
  const cells = await firstActivitiesPerCell(tx, owner, period, agg.cells, traceLimit);
  const base_url =
    owner.kind === 'org'
      ? `/api/v1/orgs/${owner.orgId}/inventory/activities?from=${period.from}&to=${period.to}`
      : `/api/v1/users/me/inventory/activities?from=${period.from}&to=${period.to}`;
  const figure = (
    factors: FactorSums[],
    count: number,
    pick: (c: CellActivity) => boolean,
    urlFigure: string,
    extra: Partial<FigureTrace> = {},
  ): FigureTrace => {
    const ids = mergeCells(cells, pick, traceLimit);
    return {
      activity_count: count,
      gwp_sets: [...new Set(factors.map((f) => f.gwp_set))].sort(),
      factors: factors.map(toFactorTrace),
      activity_ids: ids,
      activity_ids_truncated: ids.length < count,
      activities_url: `${base_url}${urlFigure}`,
      ...extra,
    };
  };
  const scopeCount = (s: string) => agg.byScope.get(s)?.activity_count ?? 0;
  const isScope2 = (c: CellActivity) => c.scope === '2' || c.scope === '2+3';
  const isScope3 = (c: CellActivity) => c.scope === '3' || c.scope === '2+3';
  const traceability: Record<string, FigureTrace> = {
    scope1_kg: figure(
      agg.factorsByScope.get('1') ?? [],
      scopeCount('1'),
      (c) => c.scope === '1',
      '&figure=scope1',
    ),
    scope2_location_kg: figure(
      agg.factorsByScope.get('2') ?? [],
      scopeCount('2'),
      isScope2,
      '&figure=scope2',
    ),
    scope2_market_kg: figure(
      agg.factorsByScope.get('2') ?? [],
      scopeCount('2'),
      isScope2,
      '&figure=scope2',
      {
        instruments: market.uses,
        note:
          market.covered_kwh === 0
            ? 'No contractual instrument covers this period: the location-based figure is carried.'
            : `Instruments cover ${round(market.covered_kwh)} of ${round(market.electricity_kwh)} kWh; the rest keeps its location-based factor.`,
      },
    ),
    scope3_kg: figure(
      agg.factorsByScope.get('3') ?? [],
      scopeCount('3'),
      isScope3,
      '&figure=scope3',
    ),
  };
  for (const c of present) {
    traceability[`scope3_by_category.${c}`] = figure(
      agg.factorsByScopeCategory.get(`3:${c}`) ?? [],
      agg.byScopeCategory.get(`3:${c}`)?.activity_count ?? 0,
      (x) => (x.scope === '3' && x.cat === c) || (c === 3 && x.scope === '2+3'),
      `&figure=scope3&scope3_category=${c}`,
    );
  }
  const all = () => true;
  const total = figure(agg.factorsTotal, agg.total.activity_count, all, '');
  traceability.total_location_kg = total;
  traceability.total_market_kg = { ...total, instruments: market.uses };
  traceability.by_gas = total;
  traceability.activity_count = total;
  const biogenicFactors = agg.factorsTotal.filter((f) => f.biogenic_co2_kg !== 0);
  traceability.biogenic_co2_kg = {
    ...figure(
      biogenicFactors,
      biogenicFactors.reduce((s, f) => s + f.activity_count, 0),
      () => false,
      '&figure=biogenic',
    ),
    note: 'Biogenic CO2 is reported outside the scopes; the full list is at activities_url.',
  };

  const gwpSets = [...new Set(agg.factorsTotal.map((f) => f.gwp_set))].sort();
  const editions = new Map<
    string,
    { factor_source: string; factor_year: number; activity_count: number }
  >();
  for (const f of agg.factorsTotal) {
    const k = `${f.factor_source}\u0000${f.factor_year}`;
    const e = editions.get(k) ?? {
      factor_source: f.factor_source,
      factor_year: f.factor_year,
      activity_count: 0,
    };
    e.activity_count += f.activity_count;
    editions.set(k, e);
  }

  const notes: string[] = [];
  if (gwpSets.length > 1)
    notes.push(
      `Emissions in this period use several GWP sets (${gwpSets.join(', ')}); recalculate to one set for a consistent inventory.`,
    );
  for (const key of agg.unsplitConvenienceKeys)
    notes.push(
      `No split data for the combined factor ${key}: its whole emission is counted in Scope 2.`,
    );
  if (instruments.length > 0)
    notes.push(
      'Market-based Scope 2: consumption without an instrument keeps its location-based factor (no residual-mix factor is available).',
    );

  return {
    owner: profile,
    period,
    generated_at: new Date().toISOString(),
    activity_count: agg.total.activity_count,
    scope1_kg: current.scope1_kg,
    scope2_location_kg: current.scope2_location_kg,
    scope2_market_kg: current.scope2_market_kg,
    scope3_kg: current.scope3_kg,
    scope3_by_category: scope3ByCategory,
    scope3_unassigned_kg: sumOf(agg.byScopeCategory, '3:0'),
    scope3_excluded_categories: excluded,
    total_location_kg: current.total_location_kg,
    total_market_kg: current.total_market_kg,
    by_gas: {
      co2_kg: agg.total.co2_kg,
      ch4_kg: agg.total.ch4_kg,
      n2o_kg: agg.total.n2o_kg,
      unsplit_co2e_kg: agg.total.unsplit_co2e_kg,
    },
    biogenic_co2_kg: agg.total.biogenic_co2_kg,
    intensity: {
      employees: profile.employees,
      revenue: profile.revenue,
      revenue_currency: profile.revenue_currency,
      location_kg_per_employee: perEmployee(current.total_location_kg),
      market_kg_per_employee: perEmployee(current.total_market_kg),
      location_t_per_million_revenue: perMillion(current.total_location_kg),
      market_t_per_million_revenue: perMillion(current.total_market_kg),
    },
    data_quality: {
      measured: qualityShare('measured'),
      estimated: qualityShare('estimated'),
      spend_based: qualityShare('spend_based'),
    },
    comparison: {
      current,
      prior_year: priorSummary,
      base_year: baseSummary,
      change_vs_prior_pct: {
        location: changePct(priorSummary.total_location_kg, current.total_location_kg),
        market: changePct(priorSummary.total_market_kg, current.total_market_kg),
      },
      change_vs_base_pct: baseSummary
        ? {
            location: changePct(baseSummary.total_location_kg, current.total_location_kg),
            market: changePct(baseSummary.total_market_kg, current.total_market_kg),
          }
        : null,
    },
    scope2_market: {
      instruments_recorded: instruments.length,
      electricity_kwh: market.electricity_kwh,
      covered_kwh: market.covered_kwh,
      fallback_kwh: market.fallback_kwh,
      method:
        'GHG Protocol Scope 2 Guidance: energy attribute certificates, then green tariffs, then supplier-specific rates; uncovered consumption keeps the location-based grid factor.',
    },
    gwp_sets: gwpSets,
    factor_editions: [...editions.values()].sort(
      (a, b) => a.factor_source.localeCompare(b.factor_source) || a.factor_year - b.factor_year,
    ),
    traceability,
    notes,
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
