/**
 * Key segments and unit mapping for DESNZ rows: the flat file's names (vehicle classes, loads,
 * flight hauls and cabins, fuels) turned into the lower-case segments of factor keys.
 */
import { slug, type Unit } from './factor-csv.ts';
import type { DesnzGroup } from './desnz-source.ts';

export interface UnitInfo {
  readonly unit: Unit;
  readonly qualifier: string;
  readonly label: string;
  readonly perGigajoule: boolean;
}

export const UNITS: Record<string, UnitInfo> = {
  km: { unit: 'km', qualifier: '', label: '', perGigajoule: false },
  miles: { unit: 'mile', qualifier: '', label: '', perGigajoule: false },
  'tonne.km': { unit: 'tonne_km', qualifier: '', label: '', perGigajoule: false },
  tonnes: { unit: 'tonne', qualifier: '', label: '', perGigajoule: false },
  kg: { unit: 'kg', qualifier: '', label: '', perGigajoule: false },
  'passenger.km': { unit: 'passenger_km', qualifier: '', label: '', perGigajoule: false },
  litres: { unit: 'litre', qualifier: '', label: '', perGigajoule: false },
  'kWh (Gross CV)': { unit: 'kWh', qualifier: '', label: ' (gross CV basis)', perGigajoule: false },
  'kWh (Net CV)': {
    unit: 'kWh',
    qualifier: 'net_cv.',
    label: ' (net CV basis)',
    perGigajoule: false,
  },
  kWh: { unit: 'kWh', qualifier: '', label: '', perGigajoule: false },
  GJ: { unit: 'kWh', qualifier: '', label: '', perGigajoule: true },
  'cubic metres': { unit: 'm3', qualifier: '', label: '', perGigajoule: false },
  'Room per night': { unit: 'night', qualifier: '', label: '', perGigajoule: false },
  'per FTE Working Hour': { unit: 'fte_hour', qualifier: '', label: '', perGigajoule: false },
};

/** Fuel names the base library spells differently from a plain slug. */
const FUEL_ITEM: Record<string, string> = {
  'Burning oil': 'burning_oil_kerosene',
  'Diesel (average biofuel blend)': 'diesel_avg_biofuel_blend',
  'Petrol (average biofuel blend)': 'petrol_avg_biofuel_blend',
  'Diesel (100% mineral diesel)': 'diesel_100pct_mineral',
  'Petrol (100% mineral petrol)': 'petrol_100pct_mineral',
};

const CAR_SIZE: Record<string, string> = {
  'Small car': 'small',
  'Medium car': 'medium',
  'Large car': 'large',
  'Average car': 'average',
};

const VEHICLE_FUEL: Record<string, string> = {
  Petrol: 'petrol',
  Diesel: 'diesel',
  Hybrid: 'hybrid',
  CNG: 'cng',
  LPG: 'lpg',
  Unknown: 'unknown_fuel',
  'Plug-in Hybrid Electric Vehicle': 'phev',
  'Battery Electric Vehicle': 'bev',
};

const VAN_CLASS: Record<string, string> = {
  'Average (up to 3.5 tonnes)': 'average',
  'Class I (up to 1.305 tonnes)': 'class_i',
  'Class II (1.305 to 1.74 tonnes)': 'class_ii',
  'Class III (1.74 to 3.5 tonnes)': 'class_iii',
};

const HGV_TYPE: Record<string, string> = {
  'All HGVs': 'all_hgvs',
  'All artics': 'all_artics',
  'All rigids': 'all_rigids',
  'Articulated (>3.5 - 33t)': 'articulated_3_5_to_33t',
  'Articulated (>33t)': 'articulated_over_33t',
  'Rigid (>3.5 - 7.5 tonnes)': 'rigid_3_5_to_7_5t',
  'Rigid (>7.5 tonnes-17 tonnes)': 'rigid_7_5_to_17t',
  'Rigid (>17 tonnes)': 'rigid_over_17t',
};

const LADEN: Record<string, string> = {
  '0% Laden': 'laden_0pct',
  '50% Laden': 'laden_50pct',
  '100% Laden': 'laden_100pct',
  'Average laden': 'average_laden',
};

export const HAUL: Record<string, string> = {
  'Domestic, to/from UK': 'domestic',
  'Short-haul, to/from UK': 'short_haul',
  'Long-haul, to/from UK': 'long_haul',
  'International, to/from non-UK': 'international_non_uk',
};

export const CABIN: Record<string, string> = {
  'Average passenger': 'average_passenger',
  'Economy class': 'economy',
  'Premium economy class': 'premium_economy',
  'Business class': 'business',
  'First class': 'first',
};

export const LAND_ITEM: Record<string, string> = {
  'Regular taxi': 'regular',
  'Black cab': 'black_cab',
  'Local bus (not London)': 'local_not_london',
  'Local London bus': 'local_london',
  'Average local bus': 'average_local',
  Coach: 'coach',
  'National rail': 'national_rail',
  'International rail': 'international_rail',
  'Light rail and tram': 'light_rail_tram',
  'London Underground': 'london_underground',
  'Foot passenger': 'foot_passenger',
  'Car passenger': 'car_passenger',
  'Average (all passenger)': 'average',
};

export const HEAT_ITEM: Record<string, string> = {
  'District heat and steam': 'district_heat_steam',
  'Onsite heat and steam': 'onsite_heat_steam',
};

export const WTT = 'Well-to-tank (upstream) emissions';

export function pick(map: Record<string, string>, name: string, what: string): string {
  const v = map[name] ?? map[name.charAt(0).toUpperCase() + name.slice(1).toLowerCase()];
  if (v === undefined) throw new Error(`DESNZ ${what} "${name}" not mapped`);
  return v;
}

export function fuelItem(l3: string): string {
  return FUEL_ITEM[l3] ?? slug(l3);
}

export function details(g: DesnzGroup): string {
  return [g.l3, g.l4, g.columnText].filter((s) => s !== '').join(', ');
}

/** Road vehicle segment (`car.average.petrol`, `van.class_i.diesel`, `hgv.all_hgvs.laden_0pct`). */
export function vehicle(l2: string, g: DesnzGroup): string {
  const kind = l2.replace(/^(WTT- |Managed )/i, '').toLowerCase();
  if (kind.startsWith('cars') || kind.startsWith('car')) {
    const cls = CAR_SIZE[g.l3] ?? slug(g.l3);
    return `car.${cls}.${pick(VEHICLE_FUEL, g.columnText, 'fuel')}`;
  }
  if (kind.startsWith('van')) {
    return `van.${pick(VAN_CLASS, g.l3, 'van class')}.${pick(VEHICLE_FUEL, g.columnText, 'fuel')}`;
  }
  if (kind.startsWith('hgv')) {
    const fleet = kind.includes('refrigerated') ? 'hgv_refrigerated' : 'hgv';
    return `${fleet}.${pick(HGV_TYPE, g.l3, 'HGV type')}.${pick(LADEN, g.columnText, 'load')}`;
  }
  if (kind.startsWith('motorbike')) return `motorbike.${slug(g.l3)}`;
  if (kind.startsWith('taxis')) return `taxi.${pick(LAND_ITEM, g.l3, 'taxi')}`;
  if (kind === 'bus') return `bus.${pick(LAND_ITEM, g.l3, 'bus')}`;
  if (kind === 'rail') return `rail.${pick(LAND_ITEM, g.l3, 'rail')}`;
  throw new Error(`DESNZ vehicle kind "${l2}" not mapped`);
}

/** EV electricity segment: `average_car_bev`, `supermini_phev`, `van_class_i_bev`. */
export function evVehicle(g: DesnzGroup): string {
  const fuel = pick(VEHICLE_FUEL, g.columnText, 'fuel');
  if (g.l2 === 'Vans') return `van_${pick(VAN_CLASS, g.l3, 'van class')}_${fuel}`;
  return `${slug(g.l3)}_${fuel}`;
}

/** Freight segment after `freight.` / `freight_wtt.`. */
export function freight(l2: string, g: DesnzGroup): string {
  const kind = l2.replace(/^WTT- /, '').toLowerCase();
  if (kind === 'freight flights') {
    return `air.${pick(HAUL, g.l3, 'haul')}.${slug(g.columnText)}`;
  }
  if (kind === 'rail') return `rail.${slug(g.l3)}`;
  if (kind === 'sea tanker' || kind === 'cargo ship') {
    return `${slug(kind)}.${slug(g.l3)}.${slug(g.l4)}`;
  }
  return vehicle(l2, g);
}

/** What `fuel_or_mode` says for a road vehicle row: its fuel, else the mode (HGVs are diesel). */
export function modeLabel(g: DesnzGroup): string {
  if (VEHICLE_FUEL[g.columnText] !== undefined) return g.columnText;
  const kind = g.l2.replace(/^(WTT- |Managed )/i, '').toLowerCase();
  if (kind.includes('hgv')) return 'Diesel';
  if (kind.startsWith('motorbike')) return 'Motorbike';
  if (kind === 'taxis') return 'Taxi';
  if (kind === 'bus') return 'Bus';
  if (kind === 'rail') return 'Rail';
  throw new Error(`DESNZ mode of "${g.l2}" not mapped`);
}

/** `fuel_or_mode` of a freight row: the DESNZ Level 2 name without "WTT- ", capitalised. */
export function freightMode(l2: string): string {
  const name = l2.replace(/^WTT- /, '');
  return name.charAt(0).toUpperCase() + name.slice(1);
}
