/**
 * extended/ember-grid.csv from OWID's `carbon-intensity-electricity` export (Ember and Energy
 * Institute data): each country's latest-year lifecycle grid intensity, g CO2e/kWh → kg/kWh,
 * for the countries the base library does not have yet.
 * Run: npx tsx shared-schema/scripts/extract/ember-grid.ts [--check]
 */
import { readFileSync } from 'node:fs';
import { field, makeRow, parseCsvObjects, readFactorCsv, type FactorRow } from './factor-csv.ts';
import { normalize, shift, significant } from './decimal.ts';
import { alpha2 } from './iso3166-alpha.ts';
import { baseCsvPath, sourceFile } from './paths.ts';
import { runExtractor, type Extraction } from './run-extractor.ts';

const FILE = 'owid-carbon-intensity-electricity.csv';
const VALUE_COLUMN = 'Carbon intensity of electricity - gCO2/kWh';
const SOURCE =
  'Ember Yearly Electricity Data & Energy Institute Statistical Review, via Our World in Data grapher "carbon-intensity-electricity" (2025 release)';
/** Older latest years are too stale to offer as a country's current grid factor. */
const OLDEST_YEAR = 2022;

interface Latest {
  readonly entity: string;
  readonly code: string;
  readonly year: number;
  readonly grams: string;
  readonly line: number;
}

function latestPerEntity(): Map<string, Latest> {
  const records = parseCsvObjects(readFileSync(sourceFile(FILE), 'utf8'));
  const latest = new Map<string, Latest>();
  records.forEach((r, i) => {
    const entity = field(r, 'Entity');
    const year = Number(field(r, 'Year'));
    const grams = field(r, VALUE_COLUMN);
    if (!Number.isInteger(year) || grams === '') throw new Error(`line ${i + 2}: bad year/value`);
    const prev = latest.get(entity);
    if (!prev || year > prev.year) {
      latest.set(entity, { entity, code: field(r, 'Code'), year, grams, line: i + 2 });
    }
  });
  return latest;
}

export function extractEmberGrid(): Extraction {
  const base = new Map(readFactorCsv(baseCsvPath()).map((r) => [r.key, r]));
  const rows: FactorRow[] = [];
  const skipped: string[] = [];
  const regions = new Set<string>();
  for (const l of latestPerEntity().values()) {
    const at = `${l.entity} (${l.code || 'no code'}, ${l.year})`;
    const region =
      l.code === 'OWID_WRL' ? 'GLOBAL' : l.entity === 'EU (Ember)' ? 'EU' : alpha2(l.code);
    if (region === undefined) {
      skipped.push(`${at}: aggregate or non-ISO code, no region in the library's vocabulary`);
      continue;
    }
    if (regions.has(region)) throw new Error(`${at}: second entity for region ${region}`);
    regions.add(region);
    const kg = shift(normalize(l.grams), -3);
    const key = `electricity.country_grid.kwh.${region.toLowerCase()}`;
    const inBase = base.get(key);
    if (inBase) {
      // The base library rounded these to 8 significant figures.
      if (normalize(inBase.co2e_kg) !== significant(Number(kg), 8)) {
        throw new Error(`${key}: base ${inBase.co2e_kg} differs from source ${kg}`);
      }
      skipped.push(`${at}: already in the base library as ${key} (value agrees)`);
      continue;
    }
    if (l.year < OLDEST_YEAR) {
      skipped.push(`${at}: latest data year ${l.year} is older than ${OLDEST_YEAR}`);
      continue;
    }
    rows.push(
      makeRow({
        key,
        category: 'energy',
        activity: `Grid electricity, ${l.entity} national average (${l.year})`,
        fuel_or_mode: 'electricity (generation mix, lifecycle)',
        region,
        unit: 'kWh',
        co2e_kg: kg,
        co2e_gwp_set: 'GWP100 (Ember lifecycle CO2e)',
        scope: '2',
        source: SOURCE,
        source_table: `${VALUE_COLUMN}, year ${l.year}`,
        source_url: 'https://ourworldindata.org/grapher/carbon-intensity-electricity',
        license: 'CC BY 4.0 (Ember; Our World in Data)',
        notes:
          `Source ${normalize(l.grams)} g/kWh for ${l.year} (line ${l.line}); converted g->kg ` +
          '(/1000, exact). Ember: lifecycle emissions of domestic generation (incl. upstream ' +
          'methane, all gases, CO2e 100-yr), excludes imports and T&D losses; higher than ' +
          'combustion-only national factors. Use national/eGRID/DESNZ factors where available.',
      }),
    );
  }
  rows.sort((a, b) => a.key.localeCompare(b.key));
  return { rows, skipped };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runExtractor('ember-grid.csv', extractEmberGrid);
}
