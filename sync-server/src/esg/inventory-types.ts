/** The GHG inventory as the API answers it and reports store it (all masses in kg). */
import type { QualityClass } from './inventory-aggregate.ts';
import type { Period } from './period.ts';
import type { InstrumentUse } from './scope2-market.ts';

export interface FactorTrace {
  factor_key: string;
  factor_year: number;
  factor_source: string;
  gwp_set: string;
  activity_count: number;
  co2e_kg: number;
}

export interface FigureTrace {
  activity_count: number;
  gwp_sets: string[];
  factors: FactorTrace[];
  /** the first activities in time order; all of them when not truncated */
  activity_ids: string[];
  activity_ids_truncated: boolean;
  /** where the complete activity-level lines of this figure are listed */
  activities_url: string;
  /** market-based Scope 2 only: the instruments applied */
  instruments?: InstrumentUse[];
  note?: string;
}

export interface PeriodSummary {
  period: Period;
  scope1_kg: number;
  scope2_location_kg: number;
  scope2_market_kg: number;
  scope3_kg: number;
  total_location_kg: number;
  total_market_kg: number;
  activity_count: number;
}

export interface QualityShare {
  activity_count: number;
  co2e_kg: number;
  /** share of the period's total CO2e (location-based) in % */
  co2e_pct: number;
  /** share of the period's activities in % */
  activity_pct: number;
}

export interface InventoryOwner {
  kind: 'org' | 'user';
  org_id: string | null;
  user_id: string | null;
  name: string;
  industry: string | null;
  employees: number | null;
  revenue: number | null;
  revenue_currency: string | null;
  gwp_set: string;
  base_year: number | null;
  consolidation_approach: string | null;
}

export interface Inventory {
  owner: InventoryOwner;
  period: Period;
  generated_at: string;
  activity_count: number;
  scope1_kg: number;
  scope2_location_kg: number;
  scope2_market_kg: number;
  scope3_kg: number;
  /** Scope 3 category number ('1'..'15') to kg CO2e, for categories with data */
  scope3_by_category: Record<string, number>;
  /** Scope 3 emissions whose factor names no category */
  scope3_unassigned_kg: number;
  /** categories with no activity data in the period: not included in the inventory */
  scope3_excluded_categories: number[];
  total_location_kg: number;
  total_market_kg: number;
  /** masses of each gas (Scope 2 location-based); unsplit = CO2e whose source gives no gases */
  by_gas: { co2_kg: number; ch4_kg: number; n2o_kg: number; unsplit_co2e_kg: number };
  /** biogenic CO2, reported outside the scopes */
  biogenic_co2_kg: number;
  intensity: {
    employees: number | null;
    revenue: number | null;
    revenue_currency: string | null;
    location_kg_per_employee: number | null;
    market_kg_per_employee: number | null;
    location_t_per_million_revenue: number | null;
    market_t_per_million_revenue: number | null;
  };
  data_quality: Record<QualityClass, QualityShare>;
  comparison: {
    current: PeriodSummary;
    prior_year: PeriodSummary;
    base_year: (PeriodSummary & { year: number }) | null;
    change_vs_prior_pct: { location: number | null; market: number | null };
    change_vs_base_pct: { location: number | null; market: number | null } | null;
  };
  scope2_market: {
    instruments_recorded: number;
    electricity_kwh: number;
    covered_kwh: number;
    fallback_kwh: number;
    method: string;
  };
  gwp_sets: string[];
  factor_editions: { factor_source: string; factor_year: number; activity_count: number }[];
  traceability: Record<string, FigureTrace>;
  notes: string[];
}
