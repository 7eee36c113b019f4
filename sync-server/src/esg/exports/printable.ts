/**
 * One printable shape for every export format: title, a summary table in kg CO2e, sections of
 * labelled rows (the framework's disclosures, then methodology and narrative), the bars of the
 * summary chart, and the activity appendix. XLSX, PDF and CSV each render this shape, so they
 * cannot disagree on a figure. Footprint (non-ESG) reports are flattened into the same shape.
 */
import type { Disclosure, DisclosureRow } from '../frameworks.ts';
import type { EsgReportData } from '../report-data.ts';
import type { StoredReport } from '../report-versions.ts';
import type { Appendix } from './appendix.ts';

export interface SummaryLine {
  label: string;
  kg: number;
}

export interface Section {
  id: string;
  title: string;
  rows: DisclosureRow[];
  narrative?: string;
}

export interface Printable {
  title: string;
  subtitle: string;
  summary: SummaryLine[];
  chart: SummaryLine[];
  sections: Section[];
  appendix: Appendix | null;
}

const versionLine = (r: StoredReport): string =>
  `Version ${r.version}${r.supersedes ? `, superseding report ${r.supersedes}` : ''}; report ${r.report_id}`;

export function esgPrintable(
  r: StoredReport,
  d: EsgReportData,
  appendix: Appendix | null,
): Printable {
  const s = d.summary;
  const m = d.methodology;
  const methodology: Section = {
    id: 'Methodology',
    title: 'Methodology',
    rows: [
      { label: 'Standard', value: m.standard, unit: '' },
      {
        label: 'Consolidation approach',
        value: (m.consolidation_approach ?? 'n/a').replace(/_/g, ' '),
        unit: '',
      },
      { label: 'GWP sets', value: m.gwp_sets.join(', '), unit: '' },
      ...m.factor_editions.map((e) => ({
        label: `Factor source (edition ${e.factor_year})`,
        value: `${e.factor_source}: ${e.activity_count} activities`,
        unit: '',
      })),
      { label: 'Scope 2 method', value: m.scope2_method, unit: '' },
      { label: 'Combined-scope factors', value: m.convenience_factors, unit: '' },
      { label: 'Biogenic CO2', value: m.biogenic, unit: '' },
      {
        label: 'Scope 3 categories excluded',
        value:
          m.scope3_excluded_categories.map((c) => `${c.category} ${c.name}`).join('; ') || 'none',
        unit: '',
      },
      { label: 'Measured data', value: m.data_quality.measured.co2e_pct, unit: '% of CO2e' },
      { label: 'Estimated data', value: m.data_quality.estimated.co2e_pct, unit: '% of CO2e' },
      { label: 'Spend-based data', value: m.data_quality.spend_based.co2e_pct, unit: '% of CO2e' },
      ...m.notes.map((n) => ({ label: 'Note', value: n, unit: '' })),
    ],
  };
  const narrative: Section = {
    id: 'Narrative',
    title: 'Narrative',
    rows: Object.entries(d.narrative).map(([k, v]) => ({
      label: k.replace(/_/g, ' '),
      value: v,
      unit: '',
    })),
  };
  return {
    title: d.title,
    subtitle: `${d.framework_name}${d.industry ? ` · ${d.industry.code} ${d.industry.name}` : ''} · ${versionLine(r)}`,
    summary: [
      { label: 'Scope 1', kg: s.scope1_kg },
      { label: 'Scope 2 (location-based)', kg: s.scope2_location_kg },
      { label: 'Scope 2 (market-based)', kg: s.scope2_market_kg },
      { label: 'Scope 3', kg: s.scope3_kg },
      { label: 'Total (location-based)', kg: s.total_location_kg },
      { label: 'Total (market-based)', kg: s.total_market_kg },
      { label: 'Biogenic CO2 (outside scopes)', kg: s.biogenic_co2_kg },
    ],
    chart: [
      { label: 'Scope 1', kg: s.scope1_kg },
      { label: 'Scope 2 location', kg: s.scope2_location_kg },
      { label: 'Scope 2 market', kg: s.scope2_market_kg },
      { label: 'Scope 3', kg: s.scope3_kg },
    ],
    sections: [...d.disclosures.map((x: Disclosure) => ({ ...x })), methodology, narrative],
    appendix,
  };
}

/** Footprint reports: their data flattened to labelled rows (numbers stay numbers). */
export function genericPrintable(r: StoredReport, appendix: Appendix | null): Printable {
  const rows: DisclosureRow[] = [];
  const walk = (prefix: string, v: unknown): void => {
    if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>))
        walk(prefix ? `${prefix}.${k}` : k, x);
    } else {
      rows.push({
        label: prefix,
        value:
          typeof v === 'number' || typeof v === 'string'
            ? v
            : typeof v === 'boolean'
              ? String(v)
              : null,
        unit: '',
      });
    }
  };
  walk('', r.data);
  const total = typeof r.data.total_emissions === 'number' ? r.data.total_emissions : null;
  const byScope = (r.data.by_scope ?? {}) as Record<string, unknown>;
  return {
    title: `${r.report_type}: ${r.start_date} to ${r.end_date}`,
    subtitle: versionLine(r),
    summary: total === null ? [] : [{ label: 'Total', kg: total }],
    chart: Object.entries(byScope)
      .filter((e): e is [string, number] => typeof e[1] === 'number')
      .map(([k, kg]) => ({ label: `Scope ${k}`, kg })),
    sections: [{ id: 'Data', title: 'Report data', rows }],
    appendix,
  };
}
