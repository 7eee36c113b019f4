/**
 * extended/desnz-2024.csv from the DESNZ/Defra 2024 flat file (v1.1): every factor a company or
 * person would log (fuels, bioenergy, refrigerants, owned/leased vehicles, EV electricity, heat,
 * WTT, T&D, water, material use, waste, business travel, freight, managed assets), less the base
 * library's rows, which are re-verified against the source. CO2e is DESNZ's AR5 total; per-gas
 * masses are derived as the base README says (CH4 CO2e ÷ 28, N2O CO2e ÷ 265, 6 s.f.).
 * Run: npx tsx shared-schema/scripts/extract/desnz-2024.ts [--check]
 */
import { removeBaseRows } from './base-overlap.ts';
import { multiply, significant } from './decimal.ts';
import { describe, type Described } from './desnz-naming.ts';
import { DESNZ_FILE, readDesnzGroups, type DesnzGroup } from './desnz-source.ts';
import { makeRow, readFactorCsv, type FactorRow } from './factor-csv.ts';
import { baseCsvPath, sourceFile } from './paths.ts';
import { runExtractor, type Extraction } from './run-extractor.ts';

const SOURCE =
  'UK DESNZ/Defra, GHG Conversion Factors for Company Reporting 2024 (flat file v1.1, 18 Oct 2024)';
const URL =
  'https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2024';
const PER_GAS_NOTE =
  'DESNZ publishes per-gas values as kg CO2e (AR5): ch4_co2e_kg/n2o_co2e_kg. ch4_kg = ' +
  'ch4_co2e/28, n2o_kg = n2o_co2e/265 (derived, 6 s.f.; DESNZ rounds per-gas CO2e to 5 d.p. so ' +
  'small values are imprecise). co2_kg = kg CO2e of CO2.';
const TOTAL_ONLY = 'DESNZ gives total CO2e only.';
const GJ_NOTE = (perGj: string): string =>
  `Source ${perGj} kg CO2e per GJ; converted to per kWh (x0.0036, exact: 1 GJ = 1000/3.6 kWh).`;

/** Generated key → base key, where the base library named a DESNZ row differently. */
const ALIASES: Record<string, string> = {
  'homeworking.homeworking_office_equipment_plus_heating.fte_hour.gb':
    'homeworking.office_equipment_and_heating.fte_hour.gb',
  'freight.hgv.all_hgvs.average_laden.tonne_km.gb': 'freight.hgv_all_average_laden.tonne_km.gb',
  'freight.hgv.all_hgvs.average_laden.km.gb': 'freight.hgv_all_average_laden.km.gb',
  'freight.van.average.diesel.tonne_km.gb': 'freight.van_diesel_average.tonne_km.gb',
  'freight.rail.freight_train.tonne_km.gb': 'freight.rail_freight_train.tonne_km.gb',
  'freight.cargo_ship.container_ship.average.tonne_km.gb':
    'freight.container_ship_average.tonne_km.gb',
  'freight.air.long_haul.with_rf.tonne_km.gb': 'freight.air_long_haul_with_rf.tonne_km.gb',
  'freight.air.short_haul.with_rf.tonne_km.gb': 'freight.air_short_haul_with_rf.tonne_km.gb',
};

/** Base rows built from two DESNZ factors, so no single source group matches them. */
const BASE_ONLY = new Set(['electricity.uk_grid.incl_td.kwh.gb']);

/** Gases released as themselves: 1 kg per kg, so their per-gas mass is known exactly. */
const PURE_GASES: Record<string, 'co2' | 'ch4' | 'n2o'> = {
  'Carbon dioxide': 'co2',
  Methane: 'ch4',
  'Nitrous oxide': 'n2o',
};

function where(g: DesnzGroup): string {
  return `rows ${g.firstRow}-${g.lastRow} (${[g.l1, g.l2, g.l3, g.l4, g.columnText, g.uom].filter(Boolean).join(' / ')})`;
}

function value(g: DesnzGroup, ghg: string): string {
  const v = g.values.get(ghg);
  if (v === undefined || v === null) throw new Error(`${where(g)}: no "${ghg}" value`);
  return v;
}

function toRow(g: DesnzGroup, d: Described, total: string): FactorRow {
  const perGas = g.values.has('kg CO2e of CO2 per unit');
  const gases: Partial<FactorRow> = {};
  const notes = [...d.notes];
  if (perGas) {
    const ch4e = value(g, 'kg CO2e of CH4 per unit');
    const n2oe = value(g, 'kg CO2e of N2O per unit');
    Object.assign(gases, {
      co2_kg: value(g, 'kg CO2e of CO2 per unit'),
      ch4_kg: significant(Number(ch4e) / 28, 6),
      n2o_kg: significant(Number(n2oe) / 265, 6),
      ch4_co2e_kg: ch4e,
      n2o_co2e_kg: n2oe,
    });
    notes.push(PER_GAS_NOTE);
  } else {
    const pure = d.key.startsWith('refrigerant.') ? PURE_GASES[g.l3] : undefined;
    if (pure === 'co2') gases.co2_kg = '1';
    if (pure === 'ch4') Object.assign(gases, { ch4_kg: '1', ch4_co2e_kg: total });
    if (pure === 'n2o') Object.assign(gases, { n2o_kg: '1', n2o_co2e_kg: total });
    notes.push(
      pure ? `The released gas is itself ${g.l3.toLowerCase()}: 1 kg per kg.` : TOTAL_ONLY,
    );
  }
  let co2e = total;
  if (d.perGigajoule) {
    if (perGas) throw new Error(`${where(g)}: per-GJ conversion of per-gas values`);
    co2e = multiply(total, '0.0036');
    notes.push(GJ_NOTE(total));
  }
  const rows = g.firstRow === g.lastRow ? `row ${g.firstRow}` : `rows ${g.firstRow}-${g.lastRow}`;
  notes.push(`Flat file 'Factors by Category' ${rows}.`);
  return makeRow({
    key: d.key,
    category: d.category,
    activity: d.activity,
    fuel_or_mode: d.fuelOrMode,
    region: d.region,
    unit: d.unit,
    ...gases,
    co2e_kg: co2e,
    co2e_gwp_set: 'AR5',
    scope: d.scope,
    scope3_category: d.scope3Category,
    source: SOURCE,
    source_table: g.l2 && g.l2 !== g.l1 ? `${g.l1}: ${g.l2}` : g.l1,
    source_url: URL,
    license: 'Open Government Licence v3.0',
    notes: notes.join(' '),
  });
}

/** Hotel stays are all in the base library, named by country; check each value there. */
function checkHotels(groups: readonly DesnzGroup[], base: readonly FactorRow[]): string[] {
  const byActivity = new Map(base.map((r) => [r.activity, r]));
  const matched: string[] = [];
  for (const g of groups) {
    const total = g.values.get('kg CO2e');
    if (g.l1 !== 'Hotel stay' || total === null || total === undefined) continue;
    const row = byActivity.get(`Hotel stay, ${g.l3} (per room per night)`);
    if (!row || Number(row.co2e_kg) !== Number(total)) {
      throw new Error(`${where(g)}: hotel value ${total} not found in the base library`);
    }
    matched.push(row.key);
  }
  return matched;
}

export async function extractDesnz(): Promise<Extraction> {
  const groups = await readDesnzGroups(sourceFile(DESNZ_FILE));
  const candidates: FactorRow[] = [];
  const skipped: string[] = [];
  for (const g of groups) {
    const d = describe(g);
    if ('skip' in d) {
      skipped.push(`${where(g)}: ${d.skip}`);
      continue;
    }
    const total = g.values.get('kg CO2e');
    if (total === undefined || total === null) {
      skipped.push(`${where(g)}: no value in the source`);
      continue;
    }
    candidates.push(toRow(g, d, total));
  }
  const base = readFactorCsv(baseCsvPath()).filter((r) => r.source === SOURCE);
  const overlap = removeBaseRows(candidates, ALIASES);
  const hotels = checkHotels(groups, base);
  const covered = new Set([...overlap.matchedBaseKeys, ...hotels, ...BASE_ONLY]);
  const unmatched = base.filter((r) => !covered.has(r.key)).map((r) => r.key);
  if (unmatched.length > 0)
    throw new Error(`base DESNZ rows not re-found: ${unmatched.join(', ')}`);
  return {
    rows: overlap.rows,
    skipped: [...skipped, ...overlap.skipped, ...hotels.map((k) => `${k}: hotel in base`)],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runExtractor('desnz-2024.csv', extractDesnz);
}
