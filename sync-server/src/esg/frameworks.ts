/**
 * Report layouts: which inventory figures each framework's GHG disclosures ask for, in its own
 * order and units (t CO2e). Pure functions of the inventory and the rendered narratives; the
 * exports (XLSX, PDF, CSV) print these disclosures as they are, so every format shows one set.
 *
 *   GRI 305-1..305-5   Scope 1, Scope 2 (location + market), Scope 3, intensity, reductions
 *   SASB xx-110a.1/.2  gross global Scope 1 and the emissions strategy, for a chosen industry
 *   ESRS E1-6          gross Scopes 1, 2, 3, totals (location- and market-based), intensity
 */
import type { Inventory } from './inventory-types.ts';
import type { NarrativeSection } from './narratives.ts';

export type Framework = 'gri' | 'sasb' | 'esrs';

export interface DisclosureRow {
  label: string;
  value: number | string | null;
  /** 't CO2e', '%', 'kg CO2e per employee', ... or '' for text */
  unit: string;
  /** the inventory figure behind a number: a key of inventory.traceability */
  figure?: string;
}

export interface Disclosure {
  id: string;
  title: string;
  rows: DisclosureRow[];
  narrative?: string;
}

export const FRAMEWORK_NAMES: Record<Framework, string> = {
  gri: 'GRI 305: Emissions 2016',
  sasb: 'SASB Standards (GHG emissions, topic 110a)',
  esrs: 'ESRS E1 Climate change, disclosure requirement E1-6',
};

/** SASB industries whose 110a.1 is gross global Scope 1 and 110a.2 the emissions strategy. */
export const SASB_INDUSTRIES = {
  'TR-AF': 'Airlines',
  'TR-RO': 'Road Transportation',
  'TR-MT': 'Marine Transportation',
  'EM-CM': 'Construction Materials',
  'EM-IS': 'Iron & Steel Producers',
  'EM-MM': 'Metals & Mining',
  'RT-CH': 'Chemicals',
  'RT-CP': 'Containers & Packaging',
  'FB-AG': 'Agricultural Products',
} as const;
export type SasbIndustry = keyof typeof SASB_INDUSTRIES;

export function isSasbIndustry(code: string): code is SasbIndustry {
  return Object.hasOwn(SASB_INDUSTRIES, code);
}

const t = (kg: number): number => kg / 1000;

export function buildDisclosures(
  framework: Framework,
  inv: Inventory,
  narrative: Record<NarrativeSection, string>,
  industry: SasbIndustry | null,
): Disclosure[] {
  switch (framework) {
    case 'gri':
      return gri(inv, narrative);
    case 'sasb':
      return sasb(inv, narrative, industry);
    case 'esrs':
      return esrs(inv, narrative);
  }
}

const gases = (inv: Inventory): string => {
  const list = ['CO2'];
  if (inv.by_gas.ch4_kg !== 0) list.push('CH4');
  if (inv.by_gas.n2o_kg !== 0) list.push('N2O');
  if (inv.by_gas.unsplit_co2e_kg !== 0)
    list.push('other Kyoto gases as CO2e (spend- and product-based factors)');
  return list.join(', ');
};

const baseYearRows = (inv: Inventory): DisclosureRow[] => [
  {
    label: 'Base year',
    value: inv.owner.base_year === null ? 'not set' : String(inv.owner.base_year),
    unit: '',
  },
  {
    label: 'Base-year emissions (location-based total)',
    value: inv.comparison.base_year ? t(inv.comparison.base_year.total_location_kg) : null,
    unit: 't CO2e',
  },
];

function gri(inv: Inventory, n: Record<NarrativeSection, string>): Disclosure[] {
  const sources = inv.factor_editions
    .map((e) => `${e.factor_source} (${e.factor_year})`)
    .join('; ');
  const gwp = inv.gwp_sets.join(', ') || inv.owner.gwp_set;
  const consolidation = (inv.owner.consolidation_approach ?? 'operational_control').replace(
    /_/g,
    ' ',
  );
  const common = (): DisclosureRow[] => [
    { label: 'Gases included', value: gases(inv), unit: '' },
    ...baseYearRows(inv),
    { label: 'Emission factor sources', value: sources || 'none', unit: '' },
    { label: 'GWP rates', value: `IPCC ${gwp}, 100-year`, unit: '' },
    { label: 'Consolidation approach', value: consolidation, unit: '' },
  ];
  const change = inv.comparison.change_vs_base_pct;
  return [
    {
      id: 'GRI 305-1',
      title: 'Direct (Scope 1) GHG emissions',
      rows: [
        {
          label: 'Gross direct (Scope 1) GHG emissions',
          value: t(inv.scope1_kg),
          unit: 't CO2e',
          figure: 'scope1_kg',
        },
        {
          label: 'Biogenic CO2 emissions',
          value: t(inv.biogenic_co2_kg),
          unit: 't CO2',
          figure: 'biogenic_co2_kg',
        },
        ...common(),
      ],
    },
    {
      id: 'GRI 305-2',
      title: 'Energy indirect (Scope 2) GHG emissions',
      rows: [
        {
          label: 'Gross location-based energy indirect (Scope 2) GHG emissions',
          value: t(inv.scope2_location_kg),
          unit: 't CO2e',
          figure: 'scope2_location_kg',
        },
        {
          label: 'Gross market-based energy indirect (Scope 2) GHG emissions',
          value: t(inv.scope2_market_kg),
          unit: 't CO2e',
          figure: 'scope2_market_kg',
        },
        ...common(),
      ],
      narrative: n.scope2_approach,
    },
    {
      id: 'GRI 305-3',
      title: 'Other indirect (Scope 3) GHG emissions',
      rows: [
        {
          label: 'Gross other indirect (Scope 3) GHG emissions',
          value: t(inv.scope3_kg),
          unit: 't CO2e',
          figure: 'scope3_kg',
        },
        ...Object.entries(inv.scope3_by_category).map(([c, kg]) => ({
          label: `Scope 3 category ${c}: ${SCOPE3_CATEGORY_NAMES[Number(c)] ?? ''}`,
          value: t(kg),
          unit: 't CO2e',
          figure: `scope3_by_category.${c}`,
        })),
        {
          label: 'Categories not included (no activity data)',
          value: inv.scope3_excluded_categories.join(', ') || 'none',
          unit: '',
        },
        ...common(),
      ],
      narrative: n.exclusions,
    },
    {
      id: 'GRI 305-4',
      title: 'GHG emissions intensity',
      rows: [
        {
          label: 'Intensity per employee (Scopes 1, 2 location-based, 3)',
          value: inv.intensity.location_kg_per_employee,
          unit: 'kg CO2e per employee',
          figure: 'total_location_kg',
        },
        {
          label: 'Intensity per employee (Scopes 1, 2 market-based, 3)',
          value: inv.intensity.market_kg_per_employee,
          unit: 'kg CO2e per employee',
          figure: 'total_market_kg',
        },
        {
          label: `Intensity per revenue (location-based)`,
          value: inv.intensity.location_t_per_million_revenue,
          unit: `t CO2e per million ${inv.intensity.revenue_currency ?? ''}`.trim(),
          figure: 'total_location_kg',
        },
        {
          label: 'Intensity per revenue (market-based)',
          value: inv.intensity.market_t_per_million_revenue,
          unit: `t CO2e per million ${inv.intensity.revenue_currency ?? ''}`.trim(),
          figure: 'total_market_kg',
        },
        { label: 'Gases included', value: gases(inv), unit: '' },
      ],
    },
    {
      id: 'GRI 305-5',
      title: 'Reduction of GHG emissions',
      rows: [
        {
          label: 'Change against the prior year (location-based total)',
          value: inv.comparison.change_vs_prior_pct.location,
          unit: '%',
        },
        {
          label: 'Change against the prior year (market-based total)',
          value: inv.comparison.change_vs_prior_pct.market,
          unit: '%',
        },
        {
          label: 'Change against the base year (location-based total)',
          value: change ? change.location : null,
          unit: '%',
        },
        {
          label: 'Change against the base year (market-based total)',
          value: change ? change.market : null,
          unit: '%',
        },
        {
          label: 'Prior-year total (location-based)',
          value: t(inv.comparison.prior_year.total_location_kg),
          unit: 't CO2e',
        },
        ...baseYearRows(inv),
        { label: 'Scopes included', value: 'Scope 1, Scope 2, Scope 3', unit: '' },
      ],
      narrative: n.reduction_strategy,
    },
  ];
}

function sasb(
  inv: Inventory,
  n: Record<NarrativeSection, string>,
  industry: SasbIndustry | null,
): Disclosure[] {
  const prefix = industry ?? 'XX-XX';
  const name = industry ? SASB_INDUSTRIES[industry] : 'industry not chosen';
  return [
    {
      id: `${prefix}-110a.1`,
      title: `Gross global Scope 1 emissions (${name})`,
      rows: [
        {
          label: 'Gross global Scope 1 emissions',
          value: t(inv.scope1_kg),
          unit: 't CO2e',
          figure: 'scope1_kg',
        },
        {
          label: 'Percentage covered under emissions-limiting regulations',
          value: 'not recorded in Eco-Track; to be completed by the reporter',
          unit: '%',
        },
        {
          label: 'Biogenic CO2 (reported separately)',
          value: t(inv.biogenic_co2_kg),
          unit: 't CO2',
          figure: 'biogenic_co2_kg',
        },
      ],
    },
    {
      id: `${prefix}-110a.2`,
      title: 'Strategy to manage Scope 1 emissions, reduction targets and performance against them',
      rows: [
        {
          label: 'Scope 1, prior year',
          value: t(inv.comparison.prior_year.scope1_kg),
          unit: 't CO2e',
        },
        {
          label: 'Scope 1, this period',
          value: t(inv.scope1_kg),
          unit: 't CO2e',
          figure: 'scope1_kg',
        },
        {
          label: 'Scope 1, base year',
          value: inv.comparison.base_year ? t(inv.comparison.base_year.scope1_kg) : null,
          unit: 't CO2e',
        },
        {
          label: 'Change in Scope 1 against the base year',
          value:
            inv.comparison.base_year && inv.comparison.base_year.scope1_kg !== 0
              ? ((inv.scope1_kg - inv.comparison.base_year.scope1_kg) /
                  inv.comparison.base_year.scope1_kg) *
                100
              : null,
          unit: '%',
        },
      ],
      narrative: n.reduction_strategy,
    },
  ];
}

function esrs(inv: Inventory, n: Record<NarrativeSection, string>): Disclosure[] {
  const c = inv.comparison;
  const rows = (
    label: string,
    cur: number,
    prior: number,
    base: number | null,
    figure: string,
  ): DisclosureRow[] => [
    { label: `${label}: base year`, value: base === null ? null : t(base), unit: 't CO2e' },
    { label: `${label}: N-1`, value: t(prior), unit: 't CO2e' },
    { label: `${label}: N`, value: t(cur), unit: 't CO2e', figure },
    {
      label: `${label}: % N / N-1`,
      value: prior === 0 ? null : ((cur - prior) / prior) * 100,
      unit: '%',
    },
  ];
  const b = c.base_year;
  return [
    {
      id: 'ESRS E1-6 Scope 1',
      title: 'Gross Scope 1 GHG emissions',
      rows: rows(
        'Gross Scope 1 GHG emissions',
        inv.scope1_kg,
        c.prior_year.scope1_kg,
        b ? b.scope1_kg : null,
        'scope1_kg',
      ),
    },
    {
      id: 'ESRS E1-6 Scope 2',
      title: 'Gross Scope 2 GHG emissions',
      rows: [
        ...rows(
          'Gross location-based Scope 2',
          inv.scope2_location_kg,
          c.prior_year.scope2_location_kg,
          b ? b.scope2_location_kg : null,
          'scope2_location_kg',
        ),
        ...rows(
          'Gross market-based Scope 2',
          inv.scope2_market_kg,
          c.prior_year.scope2_market_kg,
          b ? b.scope2_market_kg : null,
          'scope2_market_kg',
        ),
      ],
      narrative: n.scope2_approach,
    },
    {
      id: 'ESRS E1-6 Scope 3',
      title: 'Significant Scope 3 GHG emissions',
      rows: [
        ...rows(
          'Gross Scope 3 GHG emissions',
          inv.scope3_kg,
          c.prior_year.scope3_kg,
          b ? b.scope3_kg : null,
          'scope3_kg',
        ),
        ...Object.entries(inv.scope3_by_category).map(([cat, kg]) => ({
          label: `Category ${cat}: ${SCOPE3_CATEGORY_NAMES[Number(cat)] ?? ''}`,
          value: t(kg),
          unit: 't CO2e',
          figure: `scope3_by_category.${cat}`,
        })),
      ],
      narrative: n.exclusions,
    },
    {
      id: 'ESRS E1-6 Total',
      title: 'Total GHG emissions',
      rows: [
        ...rows(
          'Total GHG emissions (location-based)',
          inv.total_location_kg,
          c.prior_year.total_location_kg,
          b ? b.total_location_kg : null,
          'total_location_kg',
        ),
        ...rows(
          'Total GHG emissions (market-based)',
          inv.total_market_kg,
          c.prior_year.total_market_kg,
          b ? b.total_market_kg : null,
          'total_market_kg',
        ),
        {
          label: 'Biogenic CO2 emissions (outside the scopes)',
          value: t(inv.biogenic_co2_kg),
          unit: 't CO2',
          figure: 'biogenic_co2_kg',
        },
      ],
    },
    {
      id: 'ESRS E1-6 Intensity',
      title: 'GHG intensity per net revenue',
      rows: [
        {
          label: 'Net revenue',
          value: inv.intensity.revenue,
          unit: inv.intensity.revenue_currency ?? '',
        },
        {
          label: 'Total GHG emissions (location-based) per net revenue',
          value: inv.intensity.location_t_per_million_revenue,
          unit: `t CO2e per million ${inv.intensity.revenue_currency ?? ''}`.trim(),
          figure: 'total_location_kg',
        },
        {
          label: 'Total GHG emissions (market-based) per net revenue',
          value: inv.intensity.market_t_per_million_revenue,
          unit: `t CO2e per million ${inv.intensity.revenue_currency ?? ''}`.trim(),
          figure: 'total_market_kg',
        },
      ],
    },
  ];
}

/** GHG Protocol Scope 3 Standard category names. */
export const SCOPE3_CATEGORY_NAMES: Record<number, string> = {
  1: 'Purchased goods and services',
  2: 'Capital goods',
  3: 'Fuel- and energy-related activities',
  4: 'Upstream transportation and distribution',
  5: 'Waste generated in operations',
  6: 'Business travel',
  7: 'Employee commuting',
  8: 'Upstream leased assets',
  9: 'Downstream transportation and distribution',
  10: 'Processing of sold products',
  11: 'Use of sold products',
  12: 'End-of-life treatment of sold products',
  13: 'Downstream leased assets',
  14: 'Franchises',
  15: 'Investments',
};
