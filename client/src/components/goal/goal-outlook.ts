/**
 * Whether a goal is on track, from the worker's progress numbers. The rule follows the goal's
 * unit (shared-schema goalRuleForUnit):
 *   "%"       a reduction against the period before start_date: on track when the reduction
 *             achieved so far (current_value) has reached the target.
 *   "kg CO2e" a budget: on track while the emissions so far stay within the share of the budget
 *             that matches the share of the period already gone (pro rata).
 */
import { goalRuleForUnit } from '@eco-track/shared-schema';
import { formatCo2e, formatNumber } from '../../utils/format.ts';
import type { GoalWithProgress } from '../../worker/api.ts';

export interface GoalOutlook {
  kind: 'percent' | 'budget';
  /** 0..1 for the progress bar. */
  fraction: number;
  /** null when it cannot be told yet (no baseline to compare with). */
  onTrack: boolean | null;
  /** One sentence for people. */
  summary: string;
}

const clamp01 = (n: number) => Math.min(1, Math.max(0, Number.isFinite(n) ? n : 0));

export function goalOutlook(g: GoalWithProgress): GoalOutlook {
  if (goalRuleForUnit(g.unit) === 'percent_reduction') {
    if (g.current_value === null) {
      return {
        kind: 'percent',
        fraction: 0,
        onTrack: null,
        summary: `Target: ${formatNumber(g.target_value, 1)} % less than the period before. Not enough data to compare yet.`,
      };
    }
    const achieved = g.current_value;
    return {
      kind: 'percent',
      fraction: g.target_value > 0 ? clamp01(achieved / g.target_value) : 1,
      onTrack: achieved >= g.target_value,
      summary: `${formatNumber(achieved, 1)} % reduction so far of a ${formatNumber(g.target_value, 1)} % target.`,
    };
  }
  const used = g.emitted_kg;
  const allowedSoFar = g.target_value * clamp01(g.elapsed_fraction);
  return {
    kind: 'budget',
    fraction: g.target_value > 0 ? clamp01(used / g.target_value) : 1,
    onTrack: used <= allowedSoFar + 1e-9 || (g.elapsed_fraction <= 0 && used <= g.target_value),
    summary: `${formatCo2e(used)} of a ${formatCo2e(g.target_value)} budget used, ${formatNumber(clamp01(g.elapsed_fraction) * 100, 0)} % of the period gone.`,
  };
}
