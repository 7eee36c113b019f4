/**
 * Market-based Scope 2 (GHG Protocol Scope 2 Guidance): contractual instruments replace the grid
 * average for the electricity they cover.
 *
 *   buckets: electricity consumption per (UTC day, grid region): kWh and location-based kg CO2e
 *   instruments, in precedence order (certificates → green tariffs → supplier-specific rates),
 *   ties by period start then id. Each instrument claims, from the consumption still uncovered
 *   inside its period and regions, its volume (or everything when it has no volume). The claim is
 *   spread pro rata over the matching buckets, so any reporting window inside the instrument's
 *   period gets its fair share and the shares of disjoint windows add up to the whole.
 *   What no instrument covers keeps its location-based emissions (no residual-mix data).
 *
 * Pure: the SQL side supplies buckets and instruments.
 */
import type { Period } from './period.ts';

export type InstrumentType = 'energy_attribute_certificate' | 'green_tariff' | 'supplier_specific';

export interface ElectricityBucket {
  day: string;
  region: string;
  kwh: number;
  locationKg: number;
}

export type Instrument = {
  instrument_id: string;
  instrument_type: InstrumentType;
  certificate_scheme: string | null;
  supplier: string | null;
  period_start: string;
  period_end: string;
  regions: string[] | null;
  quantity_kwh: number | null;
  emission_factor_kg_per_kwh: number;
};

export interface InstrumentUse {
  instrument_id: string;
  instrument_type: InstrumentType;
  certificate_scheme: string | null;
  supplier: string | null;
  emission_factor_kg_per_kwh: number;
  /** kWh it covers inside the window */
  covered_kwh: number;
  /** location-based kg CO2e it displaces inside the window */
  displaced_location_kg: number;
  /** kg CO2e at the instrument's rate inside the window */
  market_kg: number;
  /** over its whole period: what it claimed, and the part of its volume nothing could use */
  claimed_kwh_in_period: number;
  unused_kwh: number | null;
}

export interface MarketResult {
  /** kWh of grid electricity in the window */
  electricity_kwh: number;
  covered_kwh: number;
  /** kWh that keep the location-based figure */
  fallback_kwh: number;
  /** location kg CO2e of the covered consumption, replaced by `instruments_kg` */
  displaced_location_kg: number;
  instruments_kg: number;
  uses: InstrumentUse[];
}

const PRECEDENCE: Record<InstrumentType, number> = {
  energy_attribute_certificate: 0,
  green_tariff: 1,
  supplier_specific: 2,
};

export function sortByPrecedence<T extends Instrument>(list: readonly T[]): T[] {
  return [...list].sort(
    (a, b) =>
      PRECEDENCE[a.instrument_type] - PRECEDENCE[b.instrument_type] ||
      a.period_start.localeCompare(b.period_start) ||
      a.instrument_id.localeCompare(b.instrument_id),
  );
}

const inPeriod = (day: string, from: string, to: string): boolean => day >= from && day <= to;

/**
 * Allocates instruments over all buckets (which must cover every instrument's period), then
 * reports what falls inside `window`. Call once per window; the allocation is deterministic.
 */
export function allocateMarketBased(
  buckets: readonly ElectricityBucket[],
  instruments: readonly Instrument[],
  window: Period,
): MarketResult {
  const remaining = buckets.map((b) => b.kwh);
  const uses: InstrumentUse[] = [];
  for (const ins of sortByPrecedence(instruments)) {
    const matching: number[] = [];
    let uncovered = 0;
    buckets.forEach((b, i) => {
      if (!inPeriod(b.day, ins.period_start, ins.period_end)) return;
      if (ins.regions && !ins.regions.includes(b.region)) return;
      matching.push(i);
      uncovered += remaining[i] ?? 0;
    });
    const claimed = ins.quantity_kwh === null ? uncovered : Math.min(ins.quantity_kwh, uncovered);
    const fraction = uncovered > 0 ? claimed / uncovered : 0;
    const use: InstrumentUse = {
      instrument_id: ins.instrument_id,
      instrument_type: ins.instrument_type,
      certificate_scheme: ins.certificate_scheme,
      supplier: ins.supplier,
      emission_factor_kg_per_kwh: ins.emission_factor_kg_per_kwh,
      covered_kwh: 0,
      displaced_location_kg: 0,
      market_kg: 0,
      claimed_kwh_in_period: claimed,
      unused_kwh: ins.quantity_kwh === null ? null : ins.quantity_kwh - claimed,
    };
    if (fraction > 0) {
      for (const i of matching) {
        const b = buckets[i];
        const left = remaining[i] ?? 0;
        if (!b || left <= 0) continue;
        const take = fraction >= 1 ? left : left * fraction;
        remaining[i] = fraction >= 1 ? 0 : left - take;
        if (!inPeriod(b.day, window.from, window.to)) continue;
        use.covered_kwh += take;
        use.displaced_location_kg += b.kwh > 0 ? (b.locationKg * take) / b.kwh : 0;
        use.market_kg += take * ins.emission_factor_kg_per_kwh;
      }
    }
    uses.push(use);
  }
  let electricity = 0;
  for (const b of buckets) if (inPeriod(b.day, window.from, window.to)) electricity += b.kwh;
  const covered = uses.reduce((s, u) => s + u.covered_kwh, 0);
  return {
    electricity_kwh: electricity,
    covered_kwh: covered,
    fallback_kwh: Math.max(0, electricity - covered),
    displaced_location_kg: uses.reduce((s, u) => s + u.displaced_location_kg, 0),
    instruments_kg: uses.reduce((s, u) => s + u.market_kg, 0),
    uses,
  };
}

/**
 * The market-based Scope 2 figure: the location-based figure with covered consumption swapped
 * for the instruments' emissions. Nothing covered → exactly the location-based figure.
 */
export function marketBasedScope2(scope2LocationKg: number, m: MarketResult): number {
  if (m.covered_kwh === 0) return scope2LocationKg;
  return Math.max(0, scope2LocationKg - m.displaced_location_kg + m.instruments_kg);
}
