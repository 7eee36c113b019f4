/**
 * The compact form of a factor row in the generated client data (src/data/generated/factors.ts).
 * Repeated strings (category, unit, source, licence...) are indexes into FACTOR_STRINGS; -1 is
 * null. Tuples instead of objects keep the generated module small for the client bundle.
 */
export type FactorTuple = readonly [
  key: string,
  year: number,
  category: number,
  activity: string,
  fuelOrMode: string | null,
  region: string,
  unit: number,
  co2Kg: number | null,
  ch4Kg: number | null,
  n2oKg: number | null,
  co2eKg: number | null,
  co2eGwpSet: number,
  ch4Co2eKg: number | null,
  n2oCo2eKg: number | null,
  scope: number,
  scope3Category: number | null,
  source: number,
  sourceTable: number,
  sourceUrl: number,
  license: number,
  notes: string | null,
];

/** One edge of unit-conversions.csv: `1 from = factor × to`. */
export type UnitEdgeTuple = readonly [
  kind: string,
  from: string,
  to: string,
  factor: number,
  exact: boolean,
];

/** One row of gwp.csv (null where the source gives no value). */
export interface GwpRow {
  readonly gas: string;
  readonly formula: string;
  readonly ar4: number | null;
  readonly ar5: number | null;
  readonly ar6: number | null;
}
