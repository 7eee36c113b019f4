/**
 * extended/useeio-spend.csv from EPA's USEEIO v1.3 NAICS table: one spend factor per NAICS-6 code
 * (kg CO2e per 2022 USD, purchaser price, "with margins" column, AR5), except the codes the base
 * library already has. Run: npx tsx shared-schema/scripts/extract/useeio-spend.ts [--check]
 */
import { readFileSync } from 'node:fs';
import { field, makeRow, parseCsvObjects, readFactorCsv, type FactorRow } from './factor-csv.ts';
import { normalize } from './decimal.ts';
import { baseCsvPath, sourceFile } from './paths.ts';
import { runExtractor, type Extraction } from './run-extractor.ts';

const FILE = 'SupplyChainGHGEmissionFactors_v1.3.0_NAICS_CO2e_USD2022.csv';
const SOURCE =
  'US EPA, Supply Chain GHG Emission Factors for US Industries and Commodities v1.3.0 (NAICS-6, USD2022)';
const URL = `https://pasteur.epa.gov/uploads/10.23719/1531143/${FILE}`;

/**
 * NAICS prefixes of capital goods (GHG Protocol Scope 3 category 2: long-lived equipment,
 * machinery, buildings and vehicles): construction, machinery, computers, communication and
 * audio/video equipment, instruments, lighting fixtures, appliances, electrical equipment,
 * vehicles, aircraft, rolling stock, ships, furniture, prefabricated buildings, boilers, tanks.
 * Parts, components and consumables in the same sectors stay in category 1.
 */
const CAPITAL_PREFIXES = [
  '23',
  '333',
  '3341',
  '3342',
  '3343',
  '3345',
  '33512',
  '3352',
  '3353',
  '3361',
  '3362',
  '336411',
  '3365',
  '3366',
  '336991',
  '336992',
  '337',
  '332311',
  '332410',
  '332420',
];

export function isCapitalGood(naics: string): boolean {
  return CAPITAL_PREFIXES.some((p) => naics.startsWith(p));
}

export function extractUseeio(): Extraction {
  const records = parseCsvObjects(readFileSync(sourceFile(FILE), 'utf8'));
  if (records.length !== 1016) throw new Error(`expected 1016 NAICS rows, found ${records.length}`);
  const base = new Map(readFactorCsv(baseCsvPath()).map((r) => [r.key, r]));
  const rows: FactorRow[] = [];
  const skipped: string[] = [];
  records.forEach((src, i) => {
    const code = field(src, '2017 NAICS Code');
    if (!/^\d{6}$/.test(code)) throw new Error(`line ${i + 2}: NAICS code "${code}"`);
    if (
      field(src, 'GHG') !== 'All GHGs' ||
      field(src, 'Unit') !== 'kg CO2e/2022 USD, purchaser price'
    ) {
      throw new Error(
        `line ${i + 2}: unexpected GHG/unit "${field(src, 'GHG')}" / "${field(src, 'Unit')}"`,
      );
    }
    const withMargins = normalize(field(src, 'Supply Chain Emission Factors with Margins'));
    const key = `spend.naics_${code}.usd.us`;
    const inBase = base.get(key);
    if (inBase) {
      if (normalize(inBase.co2e_kg) !== withMargins) {
        throw new Error(`${key}: base ${inBase.co2e_kg} differs from source ${withMargins}`);
      }
      skipped.push(`NAICS ${code}: already in the base library as ${key} (value agrees)`);
      return;
    }
    const capital = isCapitalGood(code);
    const without = normalize(field(src, 'Supply Chain Emission Factors without Margins'));
    const margins = normalize(field(src, 'Margins of Supply Chain Emission Factors'));
    rows.push(
      makeRow({
        key,
        category: 'purchase',
        activity: `Spend: ${field(src, '2017 NAICS Title')}`,
        fuel_or_mode: `NAICS ${code} (USEEIO ${field(src, 'Reference USEEIO Code')})`,
        region: 'US',
        unit: 'USD',
        co2e_kg: withMargins,
        co2e_gwp_set: 'AR5',
        scope: '3',
        scope3_category: capital ? '2' : '1',
        source: SOURCE,
        source_table: 'NAICS_CO2e_USD2022, column "Supply Chain Emission Factors with Margins"',
        source_url: URL,
        license: 'Public domain (US Government work)',
        notes:
          `kg CO2e per 2022 USD, purchaser price (with margins); source line ${i + 2}. ` +
          `Without margins ${without}; margins ${margins}. Deflate/inflate spend to 2022 USD ` +
          'before use. All GHGs incl. HFC/PFC/SF6/NF3 (AR5).' +
          (capital
            ? ' Capital good: Scope 3 category 2 when capitalised (category 1 if expensed).'
            : ''),
      }),
    );
  });
  return { rows, skipped };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runExtractor('useeio-spend.csv', extractUseeio);
}
