/**
 * Row checks every extended file must pass before it is written or accepted: the key scheme,
 * the units/categories/scopes vocabularies, plain-decimal numbers, citations, and keys unique
 * across the base library and every extended file.
 */
import { CATEGORIES, UNITS, unitSegment, type FactorRow, type Unit } from './factor-csv.ts';

const KEY = /^[a-z0-9_]+(\.[a-z0-9_]+)+$/;
const NUMBER = /^\d+(\.\d+)?$/;
const REGION = /^([A-Z]{2}|GLOBAL|EU)$/;
const NUMERIC_COLUMNS = [
  'co2_kg',
  'ch4_kg',
  'n2o_kg',
  'co2e_kg',
  'ch4_co2e_kg',
  'n2o_co2e_kg',
] as const;

export interface ValidationContext {
  /** Key → the file that already holds it (base library and the other extended files). */
  readonly takenKeys: ReadonlyMap<string, string>;
  /** `source` values of the base library: new rows must cite one of these publications. */
  readonly knownSources: ReadonlySet<string>;
}

function isUnit(u: string): u is Unit {
  return (UNITS as readonly string[]).includes(u);
}

/** Returns one message per problem; an empty list means the rows are acceptable. */
export function validateRows(
  file: string,
  rows: readonly FactorRow[],
  ctx: ValidationContext,
): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const at = `${file}: ${row.key || '(no key)'}`;
    if (!KEY.test(row.key)) errors.push(`${at}: key is not lower-case dotted segments`);
    if (seen.has(row.key)) errors.push(`${at}: duplicate key in this file`);
    seen.add(row.key);
    const holder = ctx.takenKeys.get(row.key);
    if (holder !== undefined) errors.push(`${at}: key already in ${holder}`);
    if (!isUnit(row.unit)) {
      errors.push(`${at}: unit "${row.unit}" is not in the README vocabulary`);
    } else if (!REGION.test(row.region)) {
      errors.push(`${at}: region "${row.region}" is not ISO alpha-2, EU or GLOBAL`);
    } else if (!row.key.endsWith(`.${unitSegment(row.unit)}.${row.region.toLowerCase()}`)) {
      errors.push(`${at}: key must end with .<unit>.<region>`);
    }
    if (!(CATEGORIES as readonly string[]).includes(row.category)) {
      errors.push(`${at}: category "${row.category}" unknown`);
    }
    errors.push(...checkScope(at, row));
    errors.push(...checkNumbers(at, row));
    for (const c of [
      'activity',
      'fuel_or_mode',
      'source_table',
      'source_url',
      'license',
    ] as const) {
      if (row[c].trim() === '') errors.push(`${at}: ${c} is empty`);
    }
    if (!ctx.knownSources.has(row.source)) errors.push(`${at}: source "${row.source}" unknown`);
  }
  return errors;
}

function checkScope(at: string, row: FactorRow): string[] {
  if (!['1', '2', '3'].includes(row.scope)) return [`${at}: scope "${row.scope}" not 1, 2 or 3`];
  if (row.scope !== '3') {
    return row.scope3_category === '' ? [] : [`${at}: scope3_category set on scope ${row.scope}`];
  }
  const first = /^(\d{1,2})(?: \(or \d{1,2}\))?$/.exec(row.scope3_category);
  const n = first ? Number(first[1]) : NaN;
  return n >= 1 && n <= 15 ? [] : [`${at}: scope3_category "${row.scope3_category}" invalid`];
}

function checkNumbers(at: string, row: FactorRow): string[] {
  const errors: string[] = [];
  for (const c of NUMERIC_COLUMNS) {
    if (row[c] !== '' && !NUMBER.test(row[c])) errors.push(`${at}: ${c} "${row[c]}" not decimal`);
  }
  if (row.co2_kg === '' && row.ch4_kg === '' && row.n2o_kg === '' && row.co2e_kg === '') {
    errors.push(`${at}: no factor value`);
  }
  if ((row.co2e_kg === '') !== (row.co2e_gwp_set === '')) {
    errors.push(`${at}: co2e_kg and co2e_gwp_set must be both set or both empty`);
  }
  if (row.ch4_co2e_kg !== '' && row.ch4_kg === '') errors.push(`${at}: ch4_co2e_kg without ch4_kg`);
  if (row.n2o_co2e_kg !== '' && row.n2o_kg === '') errors.push(`${at}: n2o_co2e_kg without n2o_kg`);
  return errors;
}
