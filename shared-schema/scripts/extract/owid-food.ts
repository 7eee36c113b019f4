/**
 * extended/owid-food.csv from OWID's Poore & Nemecek (2018) table: kg CO2e per kg of product.
 * The base library already holds every per-kg value (38 foods; OWID leaves grains and the four
 * vegetable oils blank per kg), so this extraction verifies those rows against the source and,
 * while nothing remains, writes no file. Per-1000 kcal and per-100 g protein values are outside
 * the unit vocabulary.
 * Run: npx tsx shared-schema/scripts/extract/owid-food.ts [--check]
 */
import { readFileSync } from 'node:fs';
import {
  field,
  makeRow,
  parseCsvObjects,
  readFactorCsv,
  slug,
  type FactorRow,
} from './factor-csv.ts';
import { normalize } from './decimal.ts';
import { baseCsvPath, sourceFile } from './paths.ts';
import { runExtractor, type Extraction } from './run-extractor.ts';

const FILE = 'owid-environmental-impacts-of-food-poore-nemecek-2018.csv';
const PER_KG = 'GHG emissions per kilogram (Poore & Nemecek, 2018)';
const SOURCE =
  'Poore & Nemecek (2018) Science 360:987 via Our World in Data, "Environmental impacts of food" (GHG emissions per kilogram)';

export function extractOwidFood(): Extraction {
  const records = parseCsvObjects(readFileSync(sourceFile(FILE), 'utf8'));
  const base = readFactorCsv(baseCsvPath()).filter((r) => r.source === SOURCE);
  const baseByName = new Map(base.map((r) => [r.fuel_or_mode, r]));
  const rows: FactorRow[] = [];
  const skipped: string[] = [];
  let matched = 0;
  records.forEach((r, i) => {
    const entity = field(r, 'Entity');
    const value = field(r, PER_KG);
    if (value === '') {
      skipped.push(`${entity}: no per-kg value in the source (line ${i + 2})`);
      return;
    }
    const inBase = baseByName.get(entity);
    if (inBase) {
      if (normalize(inBase.co2e_kg) !== normalize(value)) {
        throw new Error(`${inBase.key}: base ${inBase.co2e_kg} differs from source ${value}`);
      }
      matched += 1;
      skipped.push(`${entity}: already in the base library as ${inBase.key} (value agrees)`);
      return;
    }
    rows.push(
      makeRow({
        key: `food.${slug(entity)}.kg.global`,
        category: 'food',
        activity: `Food: ${entity}`,
        fuel_or_mode: entity,
        region: 'GLOBAL',
        unit: 'kg',
        co2e_kg: normalize(value),
        co2e_gwp_set: 'GWP100 (as used by Poore & Nemecek 2018)',
        scope: '3',
        scope3_category: '1',
        source: SOURCE,
        source_table: `${PER_KG}, global mean, reference year 2010`,
        source_url: 'https://ourworldindata.org/grapher/ghg-per-kg-poore',
        license: 'CC BY 4.0 (Our World in Data)',
        notes: `kg CO2e per kg of food product, global mean, farm to retail incl. land-use change (line ${i + 2}).`,
      }),
    );
  });
  if (matched !== base.length) throw new Error('a base food row matches no source line');
  return { rows, skipped };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runExtractor('owid-food.csv', extractOwidFood);
}
