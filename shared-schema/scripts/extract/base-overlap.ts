/**
 * Drops extracted rows the base library already holds. A row is covered when the base has its
 * key, or the key an alias names (base rows named differently); every covered row's values must
 * equal the base row's, so this also re-verifies the base against the source.
 */
import { readFactorCsv, type FactorRow } from './factor-csv.ts';
import { baseCsvPath } from './paths.ts';

const VALUE_COLUMNS = [
  'co2_kg',
  'ch4_kg',
  'n2o_kg',
  'co2e_kg',
  'ch4_co2e_kg',
  'n2o_co2e_kg',
] as const;

function sameNumber(a: string, b: string): boolean {
  if (a === '' || b === '') return a === b;
  return Number(a) === Number(b);
}

export interface Overlap {
  readonly rows: FactorRow[];
  readonly skipped: string[];
  /** Base keys found among the extracted rows. */
  readonly matchedBaseKeys: ReadonlySet<string>;
}

/**
 * @param aliases generated key → base key, for base rows named outside our key pattern.
 *   An alias that matches no generated row is an error (it would hide a renamed source row).
 */
export function removeBaseRows(
  rows: readonly FactorRow[],
  aliases: Readonly<Record<string, string>> = {},
): Overlap {
  const base = new Map(readFactorCsv(baseCsvPath()).map((r) => [r.key, r]));
  const kept: FactorRow[] = [];
  const skipped: string[] = [];
  const usedAliases = new Set<string>();
  const matchedBaseKeys = new Set<string>();
  for (const row of rows) {
    const baseKey = aliases[row.key] ?? row.key;
    if (aliases[row.key] !== undefined) usedAliases.add(row.key);
    const inBase = base.get(baseKey);
    if (!inBase) {
      kept.push(row);
      continue;
    }
    for (const c of VALUE_COLUMNS) {
      if (!sameNumber(row[c], inBase[c])) {
        throw new Error(`${row.key}: ${c} ${row[c]} differs from base ${baseKey} (${inBase[c]})`);
      }
    }
    matchedBaseKeys.add(baseKey);
    skipped.push(`${row.key}: already in the base library as ${baseKey} (values agree)`);
  }
  for (const k of Object.keys(aliases)) {
    if (!usedAliases.has(k)) throw new Error(`alias ${k} matches no extracted row`);
  }
  return { rows: kept, skipped, matchedBaseKeys };
}
