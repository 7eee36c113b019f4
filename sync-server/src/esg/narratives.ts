/**
 * Narrative parts of ESG reports: default templates per section, an organisation's stored
 * overrides (migration 0031), and the placeholder values an inventory provides.
 */
import { NARRATIVE_SECTIONS } from '@eco-track/shared-schema';
import type { Queryable } from '../db/types.ts';
import { ValidationError } from '../errors.ts';
import { formatNumber } from './format.ts';
import type { Inventory } from './inventory-types.ts';
import { checkTemplate, renderTemplate } from './template.ts';

export { NARRATIVE_SECTIONS };
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];

export const DEFAULT_TEMPLATES: Record<NarrativeSection, string> = {
  introduction:
    'This report sets out the greenhouse gas emissions of {{org_name}} from {{period_start}} to ' +
    '{{period_end}}, following {{framework_name}}. Total emissions were {{total_location_t}} t CO2e ' +
    '(location-based Scope 2) and {{total_market_t}} t CO2e (market-based Scope 2).',
  methodology:
    'The inventory follows the GHG Protocol Corporate Standard with the {{consolidation_approach}} ' +
    'consolidation approach. Each activity is converted with a cited emission factor ({{factor_sources}}) ' +
    'and weighted with {{gwp_sets}} global warming potentials. Data: {{data_measured_pct}}% of CO2e ' +
    'from measured activity data, {{data_estimated_pct}}% estimated, {{data_spend_based_pct}}% spend-based.',
  scope2_approach:
    'Scope 2 is reported both location-based ({{scope2_location_t}} t CO2e, grid-average factors) and ' +
    'market-based ({{scope2_market_t}} t CO2e, contractual instruments where held, otherwise the ' +
    'location-based factor).',
  exclusions:
    'Scope 3 categories without activity data in the period, and so not included: ' +
    '{{scope3_excluded_categories}}. Biogenic CO2 ({{biogenic_co2_t}} t) is reported outside the scopes.',
  reduction_strategy:
    'Emissions changed by {{change_vs_prior_pct}}% against the prior year and by ' +
    '{{change_vs_base_pct}}% against the base year {{base_year}} (location-based totals). ' +
    '{{org_name}} has not yet described its reduction targets and plan.',
};

/** Every placeholder a template may use. */
export const PLACEHOLDERS = [
  'org_name',
  'period_start',
  'period_end',
  'framework_name',
  'industry_name',
  'total_location_t',
  'total_market_t',
  'scope1_t',
  'scope2_location_t',
  'scope2_market_t',
  'scope3_t',
  'biogenic_co2_t',
  'change_vs_prior_pct',
  'change_vs_base_pct',
  'base_year',
  'consolidation_approach',
  'gwp_sets',
  'factor_sources',
  'scope3_excluded_categories',
  'data_measured_pct',
  'data_estimated_pct',
  'data_spend_based_pct',
] as const;

const t = (kg: number): string => formatNumber(kg / 1000, 3);
const pct = (x: number | null | undefined): string => (x == null ? 'n/a' : formatNumber(x, 1));

export function placeholderValues(
  inv: Inventory,
  ctx: { frameworkName: string; industryName: string | null },
): Record<(typeof PLACEHOLDERS)[number], string> {
  return {
    org_name: inv.owner.name,
    period_start: inv.period.from,
    period_end: inv.period.to,
    framework_name: ctx.frameworkName,
    industry_name: ctx.industryName ?? 'not specified',
    total_location_t: t(inv.total_location_kg),
    total_market_t: t(inv.total_market_kg),
    scope1_t: t(inv.scope1_kg),
    scope2_location_t: t(inv.scope2_location_kg),
    scope2_market_t: t(inv.scope2_market_kg),
    scope3_t: t(inv.scope3_kg),
    biogenic_co2_t: t(inv.biogenic_co2_kg),
    change_vs_prior_pct: pct(inv.comparison.change_vs_prior_pct.location),
    change_vs_base_pct: pct(inv.comparison.change_vs_base_pct?.location),
    base_year: inv.owner.base_year === null ? 'not set' : String(inv.owner.base_year),
    consolidation_approach: (inv.owner.consolidation_approach ?? 'operational_control').replace(
      /_/g,
      ' ',
    ),
    gwp_sets: inv.gwp_sets.length > 0 ? inv.gwp_sets.join(', ') : inv.owner.gwp_set,
    factor_sources:
      inv.factor_editions.map((e) => `${e.factor_source} (${e.factor_year})`).join('; ') || 'none',
    scope3_excluded_categories:
      inv.scope3_excluded_categories.length > 0
        ? inv.scope3_excluded_categories.join(', ')
        : 'none',
    data_measured_pct: pct(inv.data_quality.measured.co2e_pct),
    data_estimated_pct: pct(inv.data_quality.estimated.co2e_pct),
    data_spend_based_pct: pct(inv.data_quality.spend_based.co2e_pct),
  };
}

export interface StoredTemplate {
  section: NarrativeSection;
  body: string;
  is_default: boolean;
  updated_at: string | null;
}

export async function loadTemplates(
  tx: Queryable,
  orgId: string | null,
): Promise<StoredTemplate[]> {
  const rows = orgId
    ? await tx.query<{ section: string; body: string; updated_at: string }>(
        'SELECT section, body, updated_at FROM esg_narrative_templates WHERE org_id = $1::uuid',
        [orgId],
      )
    : [];
  const stored = new Map(rows.map((r) => [r.section, r]));
  return NARRATIVE_SECTIONS.map((section) => {
    const s = stored.get(section);
    return s
      ? { section, body: s.body, is_default: false, updated_at: s.updated_at }
      : { section, body: DEFAULT_TEMPLATES[section], is_default: true, updated_at: null };
  });
}

export async function saveTemplate(
  tx: Queryable,
  orgId: string,
  userId: string,
  section: NarrativeSection,
  body: string,
): Promise<StoredTemplate> {
  const problems = checkTemplate(body, PLACEHOLDERS);
  if (problems.length > 0) throw new ValidationError(`body: ${problems.join('; ')}`);
  const [row] = await tx.query<{ updated_at: string }>(
    `INSERT INTO esg_narrative_templates (org_id, section, body, updated_by)
     VALUES ($1::uuid, $2, $3, $4::uuid)
     ON CONFLICT (org_id, section) DO UPDATE SET body = EXCLUDED.body, updated_by = EXCLUDED.updated_by
     RETURNING updated_at`,
    [orgId, section, body, userId],
  );
  return { section, body, is_default: false, updated_at: row?.updated_at ?? null };
}

export async function resetTemplate(
  tx: Queryable,
  orgId: string,
  section: NarrativeSection,
): Promise<StoredTemplate> {
  await tx.query('DELETE FROM esg_narrative_templates WHERE org_id = $1::uuid AND section = $2', [
    orgId,
    section,
  ]);
  return { section, body: DEFAULT_TEMPLATES[section], is_default: true, updated_at: null };
}

/** The rendered narrative of every section. */
export function renderNarratives(
  templates: readonly StoredTemplate[],
  values: Readonly<Record<string, string>>,
): Record<NarrativeSection, string> {
  const out = {} as Record<NarrativeSection, string>;
  for (const tpl of templates) out[tpl.section] = renderTemplate(tpl.body, values);
  return out;
}
