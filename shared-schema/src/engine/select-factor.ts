/**
 * Choosing a factor when the caller gives no factor_key: from an activity type (the seed's
 * "Transportation", "Energy Consumption", "Food Consumption", "Purchase", or a category name),
 * an optional fuel or mode, the activity's unit and a region.
 *
 *   1. activity type → category (CATEGORY_WORDS)
 *   2. a documented default rule (DEFAULT_RULES) whose fuel pattern matches, or, with a fuel/mode
 *      that no rule covers, a text search of the library (every word of fuel_type must match)
 *   3. region fallback: exact region → its country (eGRID subregion or US-CA → US) → EU for EU
 *      members → GLOBAL → the rule's documented last-resort region; the first region that has a
 *      factor whose unit the activity's unit converts to wins
 * The result names the region actually used and says why the factor was chosen.
 */
import { FACTORS, getFactor } from '../factors/library.ts';
import type { EmissionFactor, FactorCategory } from '../factors/types.ts';
import { normalizeUnit } from '../units/normalize-unit.ts';
import { dimensionsCompatible, unitDefinition } from '../units/unit-registry.ts';
import { EmissionError } from './emission-error.ts';

export interface FactorQuery {
  activityType?: string;
  category?: string;
  fuelType?: string;
  unit?: string;
  region?: string;
}

export interface FactorSelection {
  factor: EmissionFactor;
  regionUsed: string;
  reason: string;
}

const CATEGORY_WORDS: Readonly<Record<FactorCategory, readonly string[]>> = {
  transportation: [
    'transportation',
    'transport',
    'commute',
    'commuting',
    'driving',
    'car',
    'vehicle',
    'freight',
    'shipping',
  ],
  energy: [
    'energy',
    'energy consumption',
    'electricity',
    'utilities',
    'heating',
    'home energy',
    'power',
  ],
  food: ['food', 'food consumption', 'diet', 'groceries', 'meal', 'meals'],
  purchase: [
    'purchase',
    'purchases',
    'shopping',
    'spend',
    'spending',
    'goods and services',
    'goods',
    'services',
  ],
  waste: ['waste', 'recycling', 'trash', 'garbage'],
  travel: ['travel', 'business travel', 'flight', 'flights', 'hotel', 'hotels', 'accommodation'],
  other: ['other', 'water', 'homeworking', 'home working'],
};

export function resolveCategory(text: string | undefined): FactorCategory | undefined {
  if (!text) return undefined;
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
  for (const [cat, words] of Object.entries(CATEGORY_WORDS) as [
    FactorCategory,
    readonly string[],
  ][]) {
    if (words.includes(t)) return cat;
  }
  return undefined;
}

const EU27 = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' '),
);

/** exact → country → EU (members) → GLOBAL, without duplicates. */
export function regionChain(region: string | undefined): string[] {
  const r = (region ?? '')
    .trim()
    .toUpperCase()
    .replace(/^UK$/, 'GB')
    .replace(/^(WORLD|GLOBAL)$/, 'GLOBAL');
  const chain: string[] = [];
  if (r) chain.push(r);
  const country = /^[A-Z]{2}-/.test(r)
    ? r.slice(0, 2)
    : getFactor(`electricity.egrid.${r.toLowerCase()}.kwh`)
      ? 'US'
      : r;
  if (country && !chain.includes(country)) chain.push(country);
  if (EU27.has(country)) chain.push('EU');
  if (!chain.includes('GLOBAL')) chain.push('GLOBAL');
  return chain;
}

interface DefaultRule {
  readonly id: string;
  readonly categories: readonly FactorCategory[];
  /** Matches fuel_type; absent means the rule applies when no fuel_type is given. */
  readonly fuel?: RegExp;
  /** Candidate keys for a region, in preference order (unit compatibility picks among them). */
  readonly keys: (region: string) => readonly string[];
  /** Used when no region of the chain has a factor. */
  readonly lastResort?: string;
  readonly describe: string;
}

const lc = (r: string) => r.toLowerCase();

let medianFood: string | undefined;
/** Drinks are not "food by the kilogram"; they are left out of the median. */
const DRINKS = /\b(wine|coffee|milk|beer|tea|juice)\b/;
/** The food product whose kg CO2e/kg is the (lower) median of the library's GLOBAL food factors. */
function medianFoodKey(): string {
  if (medianFood) return medianFood;
  const foods = FACTORS.filter(
    (f) =>
      f.category === 'food' &&
      f.region === 'GLOBAL' &&
      f.unit === 'kg' &&
      f.co2eKg !== null &&
      !DRINKS.test(f.key.replace(/[._]/g, ' ')),
  )
    .slice()
    .sort((a, b) => (a.co2eKg as number) - (b.co2eKg as number) || a.key.localeCompare(b.key));
  return (medianFood = foods[Math.floor((foods.length - 1) / 2)]?.key ?? '');
}

export const DEFAULT_RULES: readonly DefaultRule[] = [
  {
    id: 'electricity',
    categories: ['energy'],
    fuel: /^(electricity|electric|grid|power|grid electricity)$/i,
    keys: (r) =>
      r === 'US'
        ? ['electricity.egrid.us_average.kwh']
        : r === 'GB'
          ? ['electricity.uk_grid.generation.kwh.gb']
          : [`electricity.egrid.${lc(r)}.kwh`, `electricity.country_grid.kwh.${lc(r)}`],
    describe:
      'grid electricity, location-based: eGRID subregion or US average (EPA), UK grid (DESNZ), else national grid intensity (Ember)',
  },
  {
    id: 'natural_gas',
    categories: ['energy'],
    fuel: /^(natural gas|gas|mains gas)$/i,
    keys: (r) =>
      r === 'US'
        ? ['stationary.natural_gas.therm.us', 'stationary.natural_gas.scf.us']
        : r === 'GB'
          ? ['fuel.natural_gas.kwh.gb', 'fuel.natural_gas.m3.gb']
          : [],
    lastResort: 'US',
    describe: 'natural gas burned for heat (EPA stationary combustion; DESNZ in GB)',
  },
  {
    id: 'road_fuel',
    categories: ['transportation'],
    fuel: /^(gasoline|petrol|diesel)$/i,
    keys: (r) =>
      r === 'US'
        ? ['mobile.{fuel}.gallon.us', 'travel.car.passenger_car.vehicle_mile.us']
        : r === 'GB'
          ? ['fuel.{fuel}_avg_biofuel_blend.litre.gb', 'travel.car.average.{fuel}.km.gb']
          : [],
    lastResort: 'US',
    describe:
      'road fuel burned in a vehicle (per volume), or an average car of that fuel (per distance)',
  },
  {
    id: 'car_distance',
    categories: ['transportation', 'travel'],
    keys: (r) =>
      r === 'US'
        ? [
            'travel.car.passenger_car.vehicle_mile.us',
            'mobile.gasoline.gallon.us',
            'freight.medium_heavy_truck.short_ton_mile.us',
            'hotel.room_night.us',
          ]
        : r === 'GB'
          ? [
              'travel.car.average.unknown_fuel.km.gb',
              'fuel.petrol_avg_biofuel_blend.litre.gb',
              'freight.hgv_all_average_laden.tonne_km.gb',
              'hotel.room_night.gb',
            ]
          : [`hotel.room_night.${lc(r)}`],
    lastResort: 'US',
    describe:
      'travel by an average passenger car (per distance; all three gases), motor gasoline by volume, road freight by tonne-distance, or a hotel night',
  },
  {
    id: 'home_energy',
    categories: ['energy'],
    keys: (r) =>
      r === 'US'
        ? ['electricity.egrid.us_average.kwh', 'stationary.natural_gas.scf.us']
        : r === 'GB'
          ? ['electricity.uk_grid.generation.kwh.gb']
          : [`electricity.egrid.${lc(r)}.kwh`, `electricity.country_grid.kwh.${lc(r)}`],
    describe:
      'energy in kWh/MWh/GJ is taken as grid electricity (location-based); standard cubic feet as natural gas',
  },
  {
    id: 'food_median',
    categories: ['food'],
    keys: (r) => (r === 'GLOBAL' ? [medianFoodKey()] : []),
    describe:
      'no food product named: the product with the median kg CO2e/kg among the library\'s food factors, drinks excluded (Poore & Nemecek); give fuel_type (e.g. "beef") for an accurate figure',
  },
  {
    id: 'general_spend',
    categories: ['purchase'],
    keys: (r) => (r === 'US' ? ['spend.naics_452319.usd.us'] : []),
    lastResort: 'US',
    describe:
      'no product named: USEEIO "All Other General Merchandise Stores" (kg CO2e per 2022 USD); give fuel_type with the product or NAICS title for an accurate figure',
  },
  {
    id: 'waste_mixed',
    categories: ['waste'],
    keys: (r) =>
      r === 'US'
        ? ['waste.mixed_msw.landfilled.short_ton.us']
        : r === 'GB'
          ? ['waste.household_residual_waste.landfill.tonne.gb']
          : [],
    lastResort: 'US',
    describe:
      'no waste type named: mixed municipal solid waste to landfill (EPA; DESNZ household residual waste in GB)',
  },
  {
    id: 'other',
    categories: ['other'],
    keys: (r) =>
      r === 'GB'
        ? ['water.supply.m3.gb', 'homeworking.office_equipment_and_heating.fte_hour.gb']
        : [],
    lastResort: 'GB',
    describe: 'water supply per m³, or home-working per FTE-hour (DESNZ)',
  },
];

const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  gasoline: ['gasoline', 'petrol'],
  petrol: ['petrol', 'gasoline'],
  chicken: ['poultry'],
  train: ['rail'],
  plane: ['air', 'flight'],
  flight: ['flight', 'air'],
  lpg: ['lpg', 'liquefied petroleum'],
  subway: ['subway', 'underground', 'transit'],
  electric: ['electric', 'electricity', 'bev'],
};

/** The fuel word as the keys of that region spell it (EPA: gasoline; DESNZ: petrol). */
function fuelSlug(fuel: string | undefined, region: string): string {
  const f = (fuel ?? '').toLowerCase();
  if (region === 'US' && f === 'petrol') return 'gasoline';
  if (region === 'GB' && f === 'gasoline') return 'petrol';
  return f;
}

function unitFits(f: EmissionFactor, unitId: string | undefined): boolean {
  if (!unitId) return true;
  const a = unitDefinition(unitId);
  const b = unitDefinition(f.unit);
  return a !== undefined && b !== undefined && dimensionsCompatible(a.dimension, b.dimension);
}

function fail(message: string): never {
  throw new EmissionError('no_factor_found', message);
}

export function selectFactor(q: FactorQuery): FactorSelection {
  const category = resolveCategory(q.category) ?? resolveCategory(q.activityType);
  const typed = q.category ?? q.activityType;
  if (typed && !category && !q.fuelType) {
    fail(
      `unknown activity type "${typed.slice(0, 60)}"; use one of Transportation, Energy Consumption, Food Consumption, Purchase, Waste, Travel, Other, or give factor_key`,
    );
  }
  let unitId: string | undefined;
  if (q.unit !== undefined) {
    unitId = normalizeUnit(q.unit);
    if (!unitId) throw new EmissionError('unknown_unit', `unknown unit "${q.unit.slice(0, 64)}"`);
  }
  const chain = regionChain(q.region);
  const fuel = q.fuelType?.trim() || undefined;
  const label = `${typed ? `"${typed}"` : 'activity'}${fuel ? ` with fuel/mode "${fuel}"` : ''}${unitId ? ` in ${unitId}` : ''}`;

  const rules = DEFAULT_RULES.filter(
    (r) => (!category || r.categories.includes(category)) && (fuel ? r.fuel?.test(fuel) : !r.fuel),
  );
  for (const rule of rules) {
    const regions =
      rule.lastResort && !chain.includes(rule.lastResort) ? [...chain, rule.lastResort] : chain;
    for (const region of regions) {
      for (const template of rule.keys(region)) {
        const key = template.replace('{fuel}', fuelSlug(fuel, region));
        const f = getFactor(key);
        if (!f || !unitFits(f, unitId)) continue;
        return {
          factor: f,
          regionUsed: f.region,
          reason: `${label}: default "${rule.id}" (${rule.describe}) → ${f.key}, edition ${f.year}. ${regionNote(chain, region, f.region)}`,
        };
      }
    }
  }
  if (fuel) return searchByFuel(fuel, category, unitId, chain, label);
  return fail(
    `no default factor for ${label}${q.region ? ` in ${q.region}` : ''}; give fuel_type (the fuel, mode or product) or factor_key`,
  );
}

function regionNote(chain: readonly string[], tried: string, used: string): string {
  const asked = chain[0];
  if (!asked || asked === 'GLOBAL') return `Region used: ${used}.`;
  if (tried === asked || used === asked) return `Region used: ${used} (exact match).`;
  const i = chain.indexOf(tried);
  const skipped = (i < 0 ? chain : chain.slice(0, i)).join(', ');
  return i < 0
    ? `Region used: ${used}: no factor for ${skipped}; ${used} is this default's documented last resort.`
    : `Region used: ${used}: no factor for ${skipped} (fallback exact region → country → GLOBAL).`;
}

function searchByFuel(
  fuel: string,
  category: FactorCategory | undefined,
  unitId: string | undefined,
  chain: readonly string[],
  label: string,
): FactorSelection {
  const words = fuel
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const group = (c: string) => (c === 'travel' ? 'transportation' : c);
  const seen = new Set<string>();
  const candidates: EmissionFactor[] = [];
  for (const f of FACTORS) {
    if (seen.has(f.key)) continue;
    const newest = getFactor(f.key);
    if (!newest || newest !== f) continue;
    seen.add(f.key);
    if (category && group(f.category) !== group(category)) continue;
    if (!unitFits(f, unitId)) continue;
    const text = `${f.key.replace(/[._]/g, ' ')} ${f.activity} ${f.fuelOrMode ?? ''}`.toLowerCase();
    if (words.every((w) => (SYNONYMS[w] ?? [w]).some((s) => text.includes(s)))) candidates.push(f);
  }
  if (!candidates.length) {
    fail(
      `no factor matches ${label}; search the library with GET /api/v1/emission_factors?q=${encodeURIComponent(fuel)}`,
    );
  }
  const rank = (f: EmissionFactor) => {
    const i = chain.indexOf(f.region);
    return i < 0 ? chain.length + (f.region === 'US' ? 0 : f.region === 'GB' ? 1 : 2) : i;
  };
  candidates.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      Number(b.unit === unitId) - Number(a.unit === unitId) ||
      a.key.length - b.key.length ||
      a.key.localeCompare(b.key),
  );
  const f = candidates[0] as EmissionFactor;
  const tried = chain.includes(f.region) ? f.region : '';
  const note =
    tried === ''
      ? `Region used: ${f.region}: no matching factor for ${chain.join(', ')}.`
      : regionNote(chain, tried, f.region);
  return {
    factor: f,
    regionUsed: f.region,
    reason: `${label}: best text match among ${candidates.length} factor(s) for "${fuel}" → ${f.key}, edition ${f.year} (${f.activity}). ${note}`,
  };
}
