/**
 * The activity appendix of an export: every activity-level line behind the report, read in
 * keyset pages, with a reconciliation of the lines against the stored report. Data can change
 * after a report is issued; the appendix then says so (re-issue for a corrected version).
 */
import type { Queryable } from '../../db/types.ts';
import type { Owner } from '../inventory-aggregate.ts';
import { auditLines, type AuditLine } from '../inventory-trace.ts';
import type { Period } from '../period.ts';
import { periodBounds } from '../period.ts';
import { ownerKey } from '../inventory-aggregate.ts';

export const APPENDIX_MAX_LINES = 200_000;
const PAGE = 5_000;

export interface Appendix {
  lines: AuditLine[];
  truncated: boolean;
  /** exact numeric sum of the current emissions of the report's owner and period */
  current_total_kg: number;
  current_count: number;
  matches_report: boolean;
  note: string;
}

export async function loadAppendix(
  tx: Queryable,
  owner: Owner,
  period: Period,
  report: { total_location_kg: number; activity_count: number } | null,
  max = APPENDIX_MAX_LINES,
): Promise<Appendix> {
  const lines: AuditLine[] = [];
  let after: { timestamp: string; activity_id: string } | undefined;
  while (max > 0) {
    const page = await auditLines(tx, owner, period, {
      limit: Math.min(PAGE, max - lines.length + 1),
      after,
    });
    lines.push(...page);
    const last = page.at(-1);
    if (page.length === 0 || !last || lines.length > max) break;
    after = { timestamp: last.timestamp, activity_id: last.activity_id };
  }
  const truncated = max > 0 && lines.length > max;
  if (truncated) lines.length = max;
  const [kind, id] = ownerKey(owner);
  const { start, endExclusive } = periodBounds(period);
  const [cur] = await tx.query<{ s: number | null; n: number }>(
    `SELECT sum(co2_equivalent) AS s, count(*) AS n FROM emissions e
     WHERE ${kind === 'o' ? 'e.org_id = $1::uuid' : 'e.user_id = $1::uuid AND e.org_id IS NULL'}
       AND e."timestamp" >= $2::timestamptz AND e."timestamp" < $3::timestamptz`,
    [id, start, endExclusive],
  );
  const total = Number(cur?.s ?? 0);
  const count = Number(cur?.n ?? 0);
  const matches =
    report === null || (report.total_location_kg === total && report.activity_count === count);
  const note = matches
    ? `${count} activities, ${total} kg CO2e: the same as the report.`
    : `The data changed after this report was issued: now ${count} activities and ${total} kg CO2e, ` +
      `the report has ${report?.activity_count ?? 0} and ${report?.total_location_kg ?? 0}. Re-issue the report for a corrected version.`;
  return {
    lines,
    truncated,
    current_total_kg: total,
    current_count: count,
    matches_report: matches,
    note: truncated && max > 0 ? `${note} Only the first ${max} lines are listed.` : note,
  };
}

export const APPENDIX_COLUMNS: { key: keyof AuditLine; header: string }[] = [
  { key: 'activity_id', header: 'activity_id' },
  { key: 'timestamp', header: 'timestamp' },
  { key: 'user_id', header: 'user_id' },
  { key: 'activity_type', header: 'activity_type' },
  { key: 'description', header: 'description' },
  { key: 'amount', header: 'amount' },
  { key: 'unit', header: 'unit' },
  { key: 'data_quality', header: 'data_quality' },
  { key: 'converted_amount', header: 'amount_in_factor_unit' },
  { key: 'factor_unit', header: 'factor_unit' },
  { key: 'factor_key', header: 'factor_key' },
  { key: 'factor_year', header: 'factor_edition' },
  { key: 'factor_source', header: 'factor_source' },
  { key: 'gwp_set', header: 'gwp_set' },
  { key: 'scope', header: 'scope' },
  { key: 'scope3_category', header: 'scope3_category' },
  { key: 'co2e_kg', header: 'co2e_kg' },
  { key: 'co2_kg', header: 'co2_kg' },
  { key: 'ch4_kg', header: 'ch4_kg' },
  { key: 'n2o_kg', header: 'n2o_kg' },
  { key: 'biogenic_co2_kg', header: 'biogenic_co2_kg' },
];
