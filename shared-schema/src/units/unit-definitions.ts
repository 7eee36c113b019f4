/**
 * The unit vocabulary: every canonical unit id, its dimension, and the everyday spellings that
 * mean it. Magnitudes are NOT here: they come from unit-conversions.csv (see unit-registry.ts),
 * apart from the few SI-prefix / naming definitions listed in DEFINITION_EDGES.
 *
 * Canonical ids are the factor-data vocabulary (`gallon` is the US gallon, as in the EPA rows).
 */
export const DIMENSIONS = [
  'length',
  'vehicle_distance',
  'passenger_distance',
  'freight',
  'volume',
  'gas_volume',
  'mass',
  'energy',
  'room_nights',
  'work_time',
  'money',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface UnitDefinition {
  readonly id: string;
  readonly dimension: Dimension;
  /** Everyday spellings, compared after normalisation (lower case, `-`/`_`/spaces collapsed). */
  readonly aliases: readonly string[];
}

/** The unit each dimension's magnitudes are expressed in (distance bases are all 1 km). */
export const BASE_UNIT: Readonly<Record<Dimension, string>> = {
  length: 'km',
  vehicle_distance: 'vehicle_km',
  passenger_distance: 'passenger_km',
  freight: 'tonne_km',
  volume: 'litre',
  gas_volume: 'scf',
  mass: 'kg',
  energy: 'MJ',
  room_nights: 'night',
  work_time: 'fte_hour',
  money: 'USD',
};

/**
 * Which activity dimensions a factor of a given dimension accepts besides its own. A distance
 * travelled is the vehicle-distance of the vehicle and the passenger-distance of the traveller
 * (one person logging their own trip); a per-km car factor (DESNZ) is per vehicle-km. A
 * passenger-distance is never converted to a vehicle-distance (occupancy is unknown).
 */
export const ALSO_ACCEPTS: Readonly<Partial<Record<Dimension, readonly Dimension[]>>> = {
  vehicle_distance: ['length'],
  passenger_distance: ['length'],
  length: ['vehicle_distance'],
};

export const UNIT_DEFINITIONS: readonly UnitDefinition[] = [
  // length
  { id: 'km', dimension: 'length', aliases: ['km', 'kms', 'kilometer', 'kilometre'] },
  { id: 'm', dimension: 'length', aliases: ['m', 'meter', 'metre'] },
  { id: 'mile', dimension: 'length', aliases: ['mile', 'mi', 'statute mile'] },
  { id: 'nautical_mile', dimension: 'length', aliases: ['nautical mile', 'nmi'] },
  { id: 'foot', dimension: 'length', aliases: ['foot', 'feet', 'ft'] },
  // vehicle distance
  {
    id: 'vehicle_mile',
    dimension: 'vehicle_distance',
    aliases: ['vehicle mile', 'vehicle miles', 'veh mile', 'vmt'],
  },
  { id: 'vehicle_km', dimension: 'vehicle_distance', aliases: ['vehicle km', 'vkm', 'veh km'] },
  // passenger distance
  {
    id: 'passenger_mile',
    dimension: 'passenger_distance',
    aliases: ['passenger mile', 'pax mile', 'pmt', 'passenger miles'],
  },
  {
    id: 'passenger_km',
    dimension: 'passenger_distance',
    aliases: ['passenger km', 'pkm', 'pax km', 'passenger kilometre', 'passenger kilometer'],
  },
  // freight (mass × distance)
  {
    id: 'tonne_km',
    dimension: 'freight',
    aliases: ['tonne km', 'tkm', 't km', 'tonne kilometre', 'tonne kilometer', 'metric ton km'],
  },
  {
    id: 'short_ton_mile',
    dimension: 'freight',
    aliases: ['short ton mile', 'ton mile', 'short ton miles', 'ton miles'],
  },
  // volume
  { id: 'litre', dimension: 'volume', aliases: ['litre', 'liter', 'l', 'ltr', 'lt'] },
  {
    id: 'gallon',
    dimension: 'volume',
    aliases: ['gallon', 'gal', 'us gallon', 'gallon us', 'us gal', 'usg'],
  },
  {
    id: 'gallon_imperial',
    dimension: 'volume',
    aliases: ['imperial gallon', 'gallon imperial', 'uk gallon', 'imp gal', 'imperial gal'],
  },
  { id: 'barrel_oil', dimension: 'volume', aliases: ['barrel', 'bbl', 'oil barrel', 'barrel oil'] },
  { id: 'cubic_foot', dimension: 'volume', aliases: ['cubic foot', 'cubic feet', 'ft3', 'cu ft'] },
  {
    id: 'm3',
    dimension: 'volume',
    aliases: ['m3', 'cubic meter', 'cubic metre', 'cu m', 'cbm'],
  },
  // standard cubic feet of gas: kept apart from geometric volume (reference conditions differ)
  {
    id: 'scf',
    dimension: 'gas_volume',
    aliases: ['scf', 'standard cubic foot', 'standard cubic feet'],
  },
  { id: 'ccf', dimension: 'gas_volume', aliases: ['ccf', 'hundred cubic feet'] },
  { id: 'mcf', dimension: 'gas_volume', aliases: ['mcf', 'thousand cubic feet'] },
  // mass
  { id: 'kg', dimension: 'mass', aliases: ['kg', 'kilogram', 'kilo', 'kgs'] },
  { id: 'g', dimension: 'mass', aliases: ['g', 'gram', 'gr'] },
  { id: 'lb', dimension: 'mass', aliases: ['lb', 'lbs', 'pound', 'pound mass'] },
  {
    id: 'short_ton',
    dimension: 'mass',
    // "ton" is the short ton in US usage, in EPA's tables and in pint (ton = 2000 lb), the
    // definitions unit-conversions.csv cites; UK "ton" (long ton) must be written long_ton.
    aliases: ['short ton', 'us ton', 'short tons', 'tn', 'ton', 'tons'],
  },
  {
    id: 'tonne',
    dimension: 'mass',
    aliases: ['tonne', 't', 'metric ton', 'metric tonne', 'mt'],
  },
  { id: 'long_ton', dimension: 'mass', aliases: ['long ton', 'uk ton', 'imperial ton'] },
  // energy
  {
    id: 'kWh',
    dimension: 'energy',
    aliases: ['kwh', 'kilowatt hour', 'kilowatt hours', 'kw h', 'kilowatthour'],
  },
  { id: 'MWh', dimension: 'energy', aliases: ['mwh', 'megawatt hour', 'megawatt hours'] },
  { id: 'MJ', dimension: 'energy', aliases: ['mj', 'megajoule'] },
  { id: 'GJ', dimension: 'energy', aliases: ['gj', 'gigajoule'] },
  { id: 'J', dimension: 'energy', aliases: ['j', 'joule'] },
  { id: 'Btu', dimension: 'energy', aliases: ['btu', 'british thermal unit'] },
  {
    id: 'mmBtu',
    dimension: 'energy',
    aliases: ['mmbtu', 'million btu', 'dth', 'dekatherm', 'decatherm'],
  },
  { id: 'therm', dimension: 'energy', aliases: ['therm', 'thm'] },
  { id: 'toe', dimension: 'energy', aliases: ['toe', 'tonne of oil equivalent'] },
  // hotel stays, home-working time, money
  {
    id: 'night',
    dimension: 'room_nights',
    aliases: ['night', 'room night', 'room nights', 'hotel night', 'nights'],
  },
  { id: 'fte_hour', dimension: 'work_time', aliases: ['fte hour', 'fte hours', 'fte hr'] },
  {
    id: 'USD',
    dimension: 'money',
    aliases: ['usd', '$', 'us$', 'us dollar', 'dollar', 'usd 2022', 'usd2022'],
  },
];

/** Names used in unit-conversions.csv that differ from our canonical ids. */
export const CSV_UNIT_NAMES: Readonly<Record<string, string>> = {
  gallon_us: 'gallon',
  metric_ton: 'tonne',
};

/**
 * Definitions the CSV does not spell out because they are SI prefixes or naming conventions:
 * `1 from = factor × to`, all exact.
 */
export const DEFINITION_EDGES: readonly (readonly [string, string, number])[] = [
  ['m', 'km', 0.001],
  ['J', 'MJ', 1e-6],
  ['GJ', 'MJ', 1000],
  ['ccf', 'scf', 100],
  ['mcf', 'scf', 1000],
];
