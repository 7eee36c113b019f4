/**
 * How each DESNZ Level 1 section becomes factor rows: key (in the base library's families),
 * category, scope and Scope 3 category, readable labels, unit mapping and the notes users need.
 * A group that cannot become a row gets a `skip` reason instead.
 */
import { slug, unitSegment, type Category, type Unit } from './factor-csv.ts';
import {
  CABIN,
  HAUL,
  HEAT_ITEM,
  LAND_ITEM,
  UNITS,
  WTT,
  details,
  evVehicle,
  freight,
  freightMode,
  fuelItem,
  modeLabel,
  pick,
  vehicle,
  type UnitInfo,
} from './desnz-segments.ts';
import type { DesnzGroup } from './desnz-source.ts';

export interface Described {
  readonly key: string;
  readonly category: Category;
  readonly activity: string;
  readonly fuelOrMode: string;
  readonly region: 'GB' | 'GLOBAL';
  readonly unit: Unit;
  readonly scope: '1' | '2' | '3';
  readonly scope3Category: string;
  readonly notes: readonly string[];
  /** The source value is per GJ; the row is per kWh (×0.0036). */
  readonly perGigajoule: boolean;
}

export type Description = Described | { readonly skip: string };

type Partial3 = Omit<Described, 'key' | 'unit' | 'region' | 'perGigajoule'> & {
  readonly item: string;
  readonly region?: 'GB' | 'GLOBAL';
};

/** The section-specific part of a row, before the unit is attached to the key. */
function section(g: DesnzGroup, u: UnitInfo): Partial3 | { skip: string } {
  const d = details(g);
  const wtt = (
    cat: Category,
    item: string,
    s3: string,
    label: string,
    fuelOrMode = g.l3 || g.l2,
  ): Partial3 => ({
    item,
    category: cat,
    activity: `${WTT}: ${label}${u.label}`,
    fuelOrMode,
    scope: '3',
    scope3Category: s3,
    notes: [],
  });
  switch (g.l1) {
    case 'Fuels':
      return {
        item: `fuel.${fuelItem(g.l3)}`,
        category: 'energy',
        activity: `${g.l3} combustion${u.label}`,
        fuelOrMode: g.l3,
        scope: '1',
        scope3Category: '',
        notes: g.l3.includes('average biofuel blend')
          ? ['Forecourt blend: report the biogenic share separately as outside of scopes.']
          : [],
      };
    case 'Bioenergy':
      return {
        item: `fuel.${fuelItem(g.l3)}`,
        category: 'energy',
        activity: `${g.l3} combustion (CH4 and N2O only)${u.label}`,
        fuelOrMode: g.l3,
        scope: '1',
        scope3Category: '',
        notes: ['Scope 1 factor covers CH4/N2O only; biogenic CO2 is reported outside of scopes.'],
      };
    case 'Refrigerant & other':
      if (g.columnText !== 'Emissions including only Kyoto products') {
        return { skip: 'non-Kyoto or total-incl.-non-Kyoto column: outside GHG Protocol scopes' };
      }
      return {
        item: `refrigerant.${slug(g.l3)}`,
        region: 'GLOBAL',
        category: 'other',
        activity: `Release of ${g.l3} (refrigerant or other gas)`,
        fuelOrMode: g.l3,
        scope: '1',
        scope3Category: '',
        notes: [
          'kg CO2e per kg of gas released: its AR5 GWP, Kyoto-protocol gases only (GHG Protocol ' +
            'Scope 1). A GWP is not UK-specific, hence region GLOBAL.',
        ],
      };
    case 'Passenger vehicles':
    case 'Delivery vehicles':
      return {
        item: `vehicle.${vehicle(g.l2, g)}`,
        category: 'transportation',
        activity: `Company ${g.l1 === 'Passenger vehicles' ? 'vehicle' : 'delivery vehicle'} (owned/leased), ${g.l2}: ${d}`,
        fuelOrMode: modeLabel(g),
        scope: '1',
        scope3Category: '',
        notes:
          g.columnText === 'Plug-in Hybrid Electric Vehicle'
            ? ['PHEV factor covers fuel only; add ev.* electricity (Scope 2).']
            : g.columnText === 'Battery Electric Vehicle'
              ? [
                  'No tailpipe emissions (DESNZ 0); log the electricity with ev.uk_grid.* (Scope 2).',
                ]
              : [],
      };
    case 'UK electricity':
      return {
        item: 'electricity.uk_grid.generation',
        category: 'energy',
        activity: 'UK grid electricity consumed (generation)',
        fuelOrMode: 'electricity (location-based)',
        scope: '2',
        scope3Category: '',
        notes: [],
      };
    case 'UK electricity for EVs':
    case 'UK electricity T&D for EVs': {
      const td = g.l1.includes('T&D');
      return {
        item: `${td ? 'ev_td' : 'ev'}.uk_grid.${evVehicle(g)}`,
        category: 'transportation',
        activity: `${td ? 'UK grid T&D losses for' : 'UK grid electricity for'} a company EV, ${g.l2}: ${d}`,
        fuelOrMode: g.columnText,
        scope: td ? '3' : '2',
        scope3Category: td ? '3' : '',
        notes: [
          td
            ? 'Transmission and distribution losses of the electricity an EV uses per unit.'
            : 'Electricity an EV uses per unit; add ev_td.* for T&D losses (Scope 3 category 3).',
        ],
      };
    }
    case 'Heat and steam':
      return {
        item: `heat.${pick(HEAT_ITEM, g.l3, 'heat')}`,
        category: 'energy',
        activity: `${g.l3} purchased`,
        fuelOrMode: 'heat and steam',
        scope: '2',
        scope3Category: '',
        notes: [],
      };
    case 'Transmission and distribution':
      return g.l2 === 'T&D- UK electricity'
        ? {
            item: 'electricity.uk_grid.td_losses',
            category: 'energy',
            activity: 'UK grid electricity transmission & distribution losses',
            fuelOrMode: 'electricity T&D losses',
            scope: '3',
            scope3Category: '3',
            notes: [],
          }
        : {
            item: 'heat.district_heat_steam.distribution_losses',
            category: 'energy',
            activity: `District heat and steam distribution losses (${g.l3})`,
            fuelOrMode: 'heat and steam distribution losses',
            scope: '3',
            scope3Category: '3',
            notes: [],
          };
    case 'WTT- fuels':
    case 'WTT- bioenergy':
      return wtt('energy', `fuel_wtt.${fuelItem(g.l3)}`, '3', g.l3);
    case 'WTT- UK electricity':
      return wtt(
        'energy',
        g.l2.includes('T&D') ? 'electricity.uk_grid.wtt_td' : 'electricity.uk_grid.wtt_generation',
        '3',
        g.l2.replace(/^WTT- /, ''),
      );
    case 'WTT- heat and steam':
      return wtt(
        'energy',
        g.l2.includes('distribution')
          ? 'heat_wtt.district_heat_steam.distribution_losses'
          : `heat_wtt.${pick(HEAT_ITEM, g.l3, 'heat')}`,
        '3',
        g.l2.includes('distribution') ? `district heat & steam distribution (${g.l3})` : g.l3,
      );
    case 'Water supply':
    case 'Water treatment':
      return {
        item: g.l1 === 'Water supply' ? 'water.supply' : 'water.treatment',
        category: 'other',
        activity: g.l1,
        fuelOrMode: 'Water',
        scope: '3',
        scope3Category: g.l1 === 'Water supply' ? '1' : '5',
        notes: [],
      };
    case 'Material use':
      return {
        item: `material.${slug(g.l3)}.${slug(g.columnText.replace(/ source$/, ''))}`,
        category: 'purchase',
        activity: `Material use: ${g.l3} (${g.columnText.toLowerCase()})`,
        fuelOrMode: g.columnText,
        scope: '3',
        scope3Category: '1',
        notes: ['Per tonne (metric) of material bought, by how it was sourced (DESNZ column).'],
      };
    case 'Waste disposal':
      return {
        item: `waste.${slug(g.l3)}.${slug(g.columnText)}`,
        category: 'waste',
        activity: `Waste: ${g.l3}, ${g.columnText.toLowerCase()}`,
        fuelOrMode: g.columnText.toLowerCase(),
        scope: '3',
        scope3Category: '5',
        notes: [
          'Per tonne of waste (metric). Recycling/combustion factors cover transport to the ' +
            'facility only (cut-off approach).',
        ],
      };
    case 'Business travel- air':
    case 'WTT- business travel- air': {
      const isWtt = g.l1.startsWith('WTT');
      const item = `${isWtt ? 'flight_wtt' : 'flight'}.${pick(HAUL, g.l3, 'haul')}.${pick(CABIN, g.l4, 'class')}.${slug(g.columnText)}`;
      return isWtt
        ? wtt('travel', item, '6', `flight ${d}`, `Air (${g.l3})`)
        : {
            item,
            category: 'travel',
            activity: `Flight ${d}`,
            fuelOrMode: `Air (${g.l3})`,
            scope: '3',
            scope3Category: '6',
            notes: [],
          };
    }
    case 'Business travel- sea':
    case 'WTT- business travel- sea': {
      const isWtt = g.l1.startsWith('WTT');
      const item = `${isWtt ? 'travel_wtt' : 'travel'}.ferry.${pick(LAND_ITEM, g.l3, 'ferry')}`;
      return isWtt
        ? wtt('travel', item, '6', `ferry, ${g.l3}`)
        : {
            item,
            category: 'travel',
            activity: `Ferry: ${g.l3}`,
            fuelOrMode: 'Ferry',
            scope: '3',
            scope3Category: '6',
            notes: [],
          };
    }
    case 'Business travel- land':
      return {
        item: `travel.${vehicle(g.l2, g)}`,
        category: 'travel',
        activity: `Business travel (vehicle not owned by the company), ${g.l2}: ${d}`,
        fuelOrMode: modeLabel(g),
        scope: '3',
        scope3Category: '6',
        notes: ['Battery Electric Vehicle', 'Plug-in Hybrid Electric Vehicle'].includes(
          g.columnText,
        )
          ? ['BEV/PHEV travel factors include the UK-grid electricity used.']
          : [],
      };
    case 'WTT- pass vehs & travel- land': {
      const own = /cars|motorbike/.test(g.l2);
      return {
        ...wtt(
          'travel',
          `travel_wtt.${vehicle(g.l2, g)}`,
          own ? '6 (or 3)' : '6',
          `${g.l2.replace(/^WTT- /, '')}: ${d}`,
          modeLabel(g),
        ),
        notes: own
          ? ["Category 6 for business travel; category 3 for the company's own vehicles."]
          : [],
      };
    }
    case 'Freighting goods':
      return {
        item: `freight.${freight(g.l2, g)}`,
        category: 'transportation',
        activity: `Freighting goods, ${g.l2}: ${d}`,
        fuelOrMode: freightMode(g.l2),
        scope: '3',
        scope3Category: '4 (or 9)',
        notes: [],
      };
    case 'WTT- delivery vehs & freight':
      return {
        ...wtt(
          'transportation',
          `freight_wtt.${freight(g.l2, g)}`,
          '4 (or 9)',
          `${g.l2.replace(/^WTT- /, '')}: ${d}`,
          freightMode(g.l2),
        ),
        notes: ["Category 3 instead when the vehicle is the company's own (Scope 1)."],
      };
    case 'Managed assets- electricity':
      return {
        item: 'managed_assets.electricity.uk_grid',
        category: 'energy',
        activity: 'Managed (leased) asset: UK grid electricity',
        fuelOrMode: 'electricity (location-based)',
        scope: '3',
        scope3Category: '8 (or 13)',
        notes: ['Leased assets: category 8 (upstream) or 13 (downstream).'],
      };
    case 'Managed assets- vehicles':
      return {
        item: `managed_vehicle.${vehicle(g.l2.replace(/^Managed /, ''), g)}`,
        category: 'transportation',
        activity: `Managed (leased) vehicle, ${g.l2.replace(/^Managed /, '')}: ${d}`,
        fuelOrMode: modeLabel(g),
        scope: '3',
        scope3Category: '8 (or 13)',
        notes: ['Leased assets: category 8 (upstream) or 13 (downstream).'],
      };
    case 'Homeworking':
      return {
        item: `homeworking.${slug(g.l2)}`,
        category: 'other',
        activity: `Homeworking: ${g.l2.toLowerCase()}`,
        fuelOrMode: 'Homeworking',
        scope: '3',
        scope3Category: '7',
        notes: ['Per full-time-equivalent working hour at home.'],
      };
    case 'Hotel stay':
      return { skip: 'hotel stays: checked against the base library by name instead' };
    default:
      if (g.l1.startsWith('SECR')) return { skip: 'SECR kWh: energy per distance, not emissions' };
      if (g.scope === 'Outside of Scopes') return { skip: 'biogenic CO2 outside of scopes' };
      throw new Error(`DESNZ section "${g.l1}" not mapped`);
  }
}

export function describe(g: DesnzGroup): Description {
  const u = UNITS[g.uom];
  if (g.uom === 'million litres') return { skip: 'per million litres: the m3 row is the same' };
  if (!u) return { skip: `unit "${g.uom}" outside the vocabulary` };
  const s = section(g, u);
  if ('skip' in s) return s;
  const { item, region = 'GB', ...rest } = s;
  return {
    ...rest,
    key: `${item}.${u.qualifier}${unitSegment(u.unit)}.${region.toLowerCase()}`,
    region,
    unit: u.unit,
    perGigajoule: u.perGigajoule,
  };
}
