/**
 * extended/epa-hub-2025.csv from the EPA GHG Emission Factors Hub 2025 workbook: every Table 1
 * stationary fuel per unit and per mmBtu, the mobile Tables 3-5, and every Table 9 waste route,
 * less the rows the base library has. EPA publishes per-gas masses (CH4/N2O in g, converted to
 * kg) and no CO2e, except Table 9 (t CO2e per short ton, AR4, converted to kg).
 * Tables 6-8 and 10 are wholly in the base library; see SKIPPED_TABLES for the rest.
 * Run: npx tsx shared-schema/scripts/extract/epa-hub-2025.ts [--check]
 */
import { removeBaseRows } from './base-overlap.ts';
import { shift } from './decimal.ts';
import { slug, type FactorRow, type Unit } from './factor-csv.ts';
import { HUB_FILE, HUB_SHEET, cellDecimal, epaRow, tableRow } from './epa-hub-common.ts';
import { table3, table4, table5 } from './epa-hub-mobile.ts';
import { sourceFile } from './paths.ts';
import { runExtractor, type Extraction } from './run-extractor.ts';
import { num, openSheet, text, type Sheet } from './xlsx.ts';

const SKIPPED_TABLES = [
  'Table 6 non-baseload rates: EPA says they are not for footprints or inventories',
  'Table 6 grid gross loss (%): a loss rate, not an emission factor per unit',
  'Tables 11-12 (GWPs): already in gwp.csv; refrigerant releases come from DESNZ',
];

/** Table 1 per-unit header → unit. */
const PER_UNIT: Record<string, Unit> = {
  'mmBtu per short ton': 'short_ton',
  'mmBtu per scf': 'scf',
  'mmBtu per gallon': 'gallon',
};

/** Table 1 fuel names whose key item differs from a plain slug (matching the base library). */
const ITEM: Record<string, string> = {
  Anthracite: 'coal_anthracite',
  Bituminous: 'coal_bituminous',
  'Sub-bituminous': 'coal_sub_bituminous',
  Lignite: 'coal_lignite',
  'Mixed (Commercial Sector)': 'coal_mixed_commercial',
  'Mixed (Electric Power Sector)': 'coal_mixed_electric_power',
  'Mixed (Industrial Coking)': 'coal_mixed_industrial_coking',
  'Mixed (Industrial Sector)': 'coal_mixed_industrial',
  'Liquefied Petroleum Gases (LPG)': 'lpg',
  'Distillate Fuel Oil No. 1': 'distillate_fuel_oil_no1',
  'Distillate Fuel Oil No. 2': 'distillate_fuel_oil_no2',
  'Distillate Fuel Oil No. 4': 'distillate_fuel_oil_no4',
  'Residual Fuel Oil No. 5': 'residual_fuel_oil_no5',
  'Residual Fuel Oil No. 6': 'residual_fuel_oil_no6',
  'Wood and Wood Residuals': 'wood',
  'Biodiesel (100%)': 'biodiesel_b100',
  'Ethanol (100%)': 'ethanol_e100',
  'Naphtha (<401 deg F)': 'naphtha_lt_401f',
  'Other Oil (>401 deg F)': 'other_oil_gt_401f',
  'Petroleum Coke (Solid)': 'petroleum_coke',
};

/** Generated key → base key, where the base library named a row outside this pattern. */
const ALIASES: Record<string, string> = {
  'mobile.nonroad.construction_diesel_equipment.gallon.us':
    'mobile.nonroad.construction_diesel.gallon.us',
};

const BIOGENIC =
  ' CO2 is biogenic: GHG Protocol reports it outside the scopes; CH4/N2O are Scope 1.';
const PEAT = ' EPA lists peat among solid biomass fuels; IPCC inventories treat peat as fossil.';

/** Table 1: each fuel per unit (short ton, scf or gallon) and per mmBtu (HHV). */
function table1(sheet: Sheet): FactorRow[] {
  const rows: FactorRow[] = [];
  let unit: Unit | undefined;
  let group = '';
  for (let r = tableRow(sheet, 1) + 2; r < tableRow(sheet, 2); r++) {
    const name = text(sheet.at(r, 3)).replace(/\s+/g, ' ');
    if (name.startsWith('Source:')) break;
    const header = PER_UNIT[text(sheet.at(r, 4))];
    if (header) {
      unit = header;
      continue;
    }
    if (name === '') continue;
    if (typeof sheet.at(r, 5) !== 'number') {
      group = name;
      continue;
    }
    const kraft = group.includes('Kraft Pulping Liquor');
    const item = kraft ? `kraft_pulping_liquor_${slug(name)}` : (ITEM[name] ?? slug(name));
    const fuel = kraft ? `Kraft pulping liquor, ${name}` : name;
    const activity = `${group.startsWith('Coal') && name !== 'Coal Coke' ? `Coal, ${name}` : fuel} (stationary combustion)`;
    const extra = name === 'Peat' ? PEAT : group.startsWith('Biomass Fuels') ? BIOGENIC : '';
    const common = {
      category: 'energy',
      activity,
      fuel_or_mode: fuel,
      scope: '1',
    } as const;
    const heat = sheet.at(r, 4);
    if (unit && typeof heat === 'number' && typeof sheet.at(r, 8) === 'number') {
      rows.push(
        epaRow({
          ...common,
          key: `stationary.${item}.${unit}.us`,
          unit,
          co2_kg: cellDecimal(num(sheet.at(r, 8), `H${r}`)),
          ch4_kg: shift(cellDecimal(num(sheet.at(r, 9), `I${r}`)), -3),
          n2o_kg: shift(cellDecimal(num(sheet.at(r, 10), `J${r}`)), -3),
          source_table: 'Table 1 Stationary Combustion (per-unit columns)',
          notes:
            `EPA CH4/N2O given in g per unit; converted g->kg (x0.001); cells H${r}:J${r}. ` +
            `Heat content (HHV) ${cellDecimal(heat)} mmBtu per ${unit.replace('_', ' ')}.${extra}`,
        }),
      );
    }
    rows.push(
      epaRow({
        ...common,
        key: `stationary.${item}.mmbtu.us`,
        unit: 'mmBtu',
        co2_kg: cellDecimal(num(sheet.at(r, 5), `E${r}`)),
        ch4_kg: shift(cellDecimal(num(sheet.at(r, 6), `F${r}`)), -3),
        n2o_kg: shift(cellDecimal(num(sheet.at(r, 7), `G${r}`)), -3),
        source_table: 'Table 1 Stationary Combustion (per-mmBtu columns, HHV)',
        notes: `EPA CH4/N2O given in g per mmBtu; converted g->kg; cells E${r}:G${r}.${extra}`,
      }),
    );
  }
  return rows;
}

/** Table 9 column headers (footnote letters dropped, spaces collapsed) → route segment. */
const ROUTES: readonly (readonly [string, string, string])[] = [
  ['Recycled', 'recycled', 'recycled'],
  ['Landfilled', 'landfilled', 'landfilled'],
  ['Combusted', 'combusted', 'combusted'],
  ['Composted', 'composted', 'composted'],
  [
    'Anaerobically Digested (Dry Digestate with Curing)',
    'anaerobically_digested_dry',
    'anaerobically digested (dry digestate with curing)',
  ],
  [
    'Anaerobically Digested (Wet Digestate with Curing)',
    'anaerobically_digested_wet',
    'anaerobically digested (wet digestate with curing)',
  ],
];

/** Table 9: t CO2e per short ton of waste by material and route, converted to kg. */
function table9(sheet: Sheet): FactorRow[] {
  const start = tableRow(sheet, 9);
  const headerRow = start + 3;
  ROUTES.forEach(([header], i) => {
    const cell = text(sheet.at(headerRow, 4 + i))
      .replace(/\s+/g, ' ')
      .replace(/[A-E]$/, '');
    if (cell !== header) throw new Error(`Table 9 column ${4 + i}: "${cell}" is not "${header}"`);
  });
  const rows: FactorRow[] = [];
  for (let r = headerRow + 1; r < tableRow(sheet, 10); r++) {
    const material = text(sheet.at(r, 3));
    if (material.startsWith('Source')) break;
    ROUTES.forEach(([, segment, label], i) => {
      const v = sheet.at(r, 4 + i);
      if (text(v) === 'NA') return;
      const col = String.fromCharCode(68 + i);
      const tonnes = cellDecimal(num(v, `${col}${r}`));
      rows.push(
        epaRow({
          key: `waste.${slug(material)}.${segment}.short_ton.us`,
          category: 'waste',
          activity: `Waste: ${material}, ${label}`,
          fuel_or_mode: label,
          unit: 'short_ton',
          co2e_kg: shift(tonnes, 3),
          co2e_gwp_set: 'AR4',
          scope: '3',
          scope3_category: '5 (or 12)',
          source_table: 'Table 9 Scope 3 Category 5/12 Waste (from WARM, Dec 2023)',
          notes:
            `Source ${tonnes} metric tons CO2e per short ton (cell ${col}${r}); converted ` +
            't->kg (x1000). Short ton = 2000 lb. AR4 GWPs per EPA note; excludes avoided ' +
            'emissions; includes transport.',
        }),
      );
    });
  }
  return rows;
}

export async function extractEpaHub(): Promise<Extraction> {
  const sheet = await openSheet(sourceFile(HUB_FILE), HUB_SHEET);
  const all = [
    ...table1(sheet),
    ...table3(sheet),
    ...table4(sheet),
    ...table5(sheet),
    ...table9(sheet),
  ];
  const { rows, skipped } = removeBaseRows(all, ALIASES);
  return { rows, skipped: [...skipped, ...SKIPPED_TABLES] };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runExtractor('epa-hub-2025.csv', extractEpaHub);
}
