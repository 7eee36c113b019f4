/**
 * The ESG report document stored in `reports.data` (so it syncs and reads offline): the inventory
 * with its traceability, the framework's disclosures, a methodology section and the narrative
 * rendered from the organisation's templates. Exports (exports/*.ts) print this document.
 */
import type { Queryable } from '../db/types.ts';
import { ValidationError } from '../errors.ts';
import { requireInventoryReader } from './access.ts';
import {
  buildDisclosures,
  FRAMEWORK_NAMES,
  isSasbIndustry,
  SASB_INDUSTRIES,
  SCOPE3_CATEGORY_NAMES,
  type Disclosure,
  type Framework,
  type SasbIndustry,
} from './frameworks.ts';
import type { Owner } from './inventory-aggregate.ts';
import type { Inventory } from './inventory-types.ts';
import { computeInventory } from './inventory.ts';
import {
  loadTemplates,
  placeholderValues,
  renderNarratives,
  type NarrativeSection,
} from './narratives.ts';

export const ESG_REPORT_FORMAT_VERSION = 1;
/** activity ids listed per figure inside a stored report (the audit export has them all) */
export const REPORT_TRACE_LIMIT = 25;

export interface EsgReportRequest {
  userId: string;
  orgId: string | null;
  framework: Framework;
  startDate: string;
  endDate: string;
  now?: Date;
  /** SASB industry code (e.g. 'TR-RO'); defaults to the organisation's industry when it is one */
  industry?: string | null;
}

export interface Methodology {
  standard: string;
  consolidation_approach: string | null;
  gwp_sets: string[];
  factor_editions: Inventory['factor_editions'];
  scope2_method: string;
  convenience_factors: string;
  scope3_excluded_categories: { category: number; name: string; reason: string }[];
  biogenic: string;
  data_quality: Inventory['data_quality'];
  notes: string[];
}

export interface EsgReportData {
  [k: string]: unknown;
  kind: 'esg_report';
  format_version: number;
  title: string;
  framework: Framework;
  framework_name: string;
  industry: { code: SasbIndustry; name: string } | null;
  subject: { org_id: string | null; user_id: string | null; name: string };
  period: { start_date: string; end_date: string };
  summary: {
    scope1_kg: number;
    scope2_location_kg: number;
    scope2_market_kg: number;
    scope3_kg: number;
    total_location_kg: number;
    total_market_kg: number;
    biogenic_co2_kg: number;
    activity_count: number;
  };
  disclosures: Disclosure[];
  methodology: Methodology;
  narrative: Record<NarrativeSection, string>;
  inventory: Inventory;
  generated_at: string;
}

function resolveIndustry(
  requested: string | null | undefined,
  orgIndustry: string | null,
): SasbIndustry | null {
  if (requested) {
    const code = requested.toUpperCase();
    if (!isSasbIndustry(code))
      throw new ValidationError(
        `industry: unknown SASB industry "${requested}"; use one of ${Object.keys(SASB_INDUSTRIES).join(', ')}`,
      );
    return code;
  }
  const fromOrg = orgIndustry?.toUpperCase() ?? '';
  return isSasbIndustry(fromOrg) ? fromOrg : null;
}

export function buildMethodology(inv: Inventory): Methodology {
  return {
    standard:
      'GHG Protocol Corporate Accounting and Reporting Standard; Scope 2 Guidance; Scope 3 Standard',
    consolidation_approach: inv.owner.consolidation_approach,
    gwp_sets: inv.gwp_sets.length > 0 ? inv.gwp_sets : [inv.owner.gwp_set],
    factor_editions: inv.factor_editions,
    scope2_method: inv.scope2_market.method,
    convenience_factors:
      "Factors that bundle Scope 2 and Scope 3 (the UK grid 'incl. T&D' factor) are split by the CO2e ratio of their parts in the same edition: generation to Scope 2, T&D losses to Scope 3 category 3. Each kilogram is counted once.",
    scope3_excluded_categories: inv.scope3_excluded_categories.map((c) => ({
      category: c,
      name: SCOPE3_CATEGORY_NAMES[c] ?? '',
      reason: 'no activity data recorded in the period',
    })),
    biogenic:
      'CO2 from biomass combustion (wood, biofuels) is reported separately, outside the scopes; its CH4 and N2O stay in the scopes.',
    data_quality: inv.data_quality,
    notes: inv.notes,
  };
}

/**
 * Builds the "ESG Report" document. Compatible with the reports service's EsgReportBuilder;
 * checks that the caller may read the inventory (owners, admins, members of the organisation).
 */
export async function buildEsgReportData(
  tx: Queryable,
  req: EsgReportRequest,
): Promise<EsgReportData> {
  if (req.orgId) await requireInventoryReader(tx, req.userId, req.orgId);
  const owner: Owner = req.orgId
    ? { kind: 'org', orgId: req.orgId }
    : { kind: 'user', userId: req.userId };
  const inv = await computeInventory(
    tx,
    owner,
    { from: req.startDate, to: req.endDate },
    { traceLimit: REPORT_TRACE_LIMIT },
  );
  const industry =
    req.framework === 'sasb' ? resolveIndustry(req.industry, inv.owner.industry) : null;
  const frameworkName = FRAMEWORK_NAMES[req.framework];
  const templates = await loadTemplates(tx, req.orgId);
  const narrative = renderNarratives(
    templates,
    placeholderValues(inv, {
      frameworkName,
      industryName: industry ? SASB_INDUSTRIES[industry] : null,
    }),
  );
  return {
    kind: 'esg_report',
    format_version: ESG_REPORT_FORMAT_VERSION,
    title: `${inv.owner.name}: greenhouse gas emissions ${req.startDate} to ${req.endDate} (${frameworkName})`,
    framework: req.framework,
    framework_name: frameworkName,
    industry: industry ? { code: industry, name: SASB_INDUSTRIES[industry] } : null,
    subject: { org_id: inv.owner.org_id, user_id: inv.owner.user_id, name: inv.owner.name },
    period: { start_date: req.startDate, end_date: req.endDate },
    summary: {
      scope1_kg: inv.scope1_kg,
      scope2_location_kg: inv.scope2_location_kg,
      scope2_market_kg: inv.scope2_market_kg,
      scope3_kg: inv.scope3_kg,
      total_location_kg: inv.total_location_kg,
      total_market_kg: inv.total_market_kg,
      biogenic_co2_kg: inv.biogenic_co2_kg,
      activity_count: inv.activity_count,
    },
    disclosures: buildDisclosures(req.framework, inv, narrative, industry),
    methodology: buildMethodology(inv),
    narrative,
    inventory: inv,
    generated_at: (req.now ?? new Date()).toISOString(),
  };
}

/** True when a stored `reports.data` is an ESG document this module can export. */
export function isEsgReportData(data: unknown): data is EsgReportData {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { kind?: unknown }).kind === 'esg_report' &&
    Array.isArray((data as { disclosures?: unknown }).disclosures)
  );
}
