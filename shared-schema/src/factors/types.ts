/** The factor library's row type: one emission factor of one edition (year) of its source. */

export const SCOPES = ['1', '2', '3', '2+3'] as const;
export type Scope = (typeof SCOPES)[number];

export const FACTOR_CATEGORIES = [
  'transportation',
  'energy',
  'food',
  'purchase',
  'waste',
  'travel',
  'other',
] as const;
export type FactorCategory = (typeof FACTOR_CATEGORIES)[number];

export interface EmissionFactor {
  /** Stable public identifier (`factor_key`), `family.item[.qualifier].unit.region`. */
  readonly key: string;
  /** Edition of the source publication this row was taken from. */
  readonly year: number;
  readonly category: string;
  readonly activity: string;
  readonly fuelOrMode: string | null;
  /** ISO 3166-1 alpha-2, an eGRID subregion acronym, `EU` or `GLOBAL`. */
  readonly region: string;
  /** The activity unit the factor is per (canonical unit id, see units/unit-registry.ts). */
  readonly unit: string;
  readonly co2Kg: number | null;
  readonly ch4Kg: number | null;
  readonly n2oKg: number | null;
  /** The source's own CO2e per unit, where it publishes one. */
  readonly co2eKg: number | null;
  readonly co2eGwpSet: string | null;
  /** DESNZ publishes each gas as kg CO2e (AR5); kept unchanged. */
  readonly ch4Co2eKg: number | null;
  readonly n2oCo2eKg: number | null;
  readonly scope: Scope;
  /** GHG Protocol Scope 3 category (the first one named where the data offers alternatives). */
  readonly scope3Category: number | null;
  readonly source: string;
  readonly sourceTable: string | null;
  readonly sourceUrl: string | null;
  readonly license: string | null;
  readonly notes: string | null;
}
