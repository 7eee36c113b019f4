/**
 * Reads a footprint report's `data` (shared-schema FootprintReportData) defensively: reports are
 * synced JSON and may come from an older server version, so anything missing reads as absent.
 */
import { FootprintReportDataSchema, type FootprintReportData } from '@eco-track/shared-schema';
import type { CategoryTotal, PeriodTotal, ScopeSplit } from '../../worker/api.ts';

export function footprintData(data: unknown): FootprintReportData | null {
  const parsed = FootprintReportDataSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

export function monthlyTotals(d: FootprintReportData): PeriodTotal[] {
  return d.monthly.map((m) => ({
    period: m.month.slice(0, 7),
    co2e_kg: m.total_emissions,
    activity_count: m.activity_count,
  }));
}

export function categoryTotals(d: FootprintReportData): CategoryTotal[] {
  return Object.entries(d.breakdown)
    .map(([category, co2e_kg]) => ({ category, co2e_kg, activity_count: 0 }))
    .sort((a, b) => b.co2e_kg - a.co2e_kg);
}

/** Scope keys may be "1", "scope1", "Scope 2+3"…: read the digits. */
export function scopeSplit(d: FootprintReportData): ScopeSplit {
  const split: ScopeSplit = { scope1_kg: 0, scope2_kg: 0, scope3_kg: 0, scope2_3_kg: 0 };
  for (const [key, kg] of Object.entries(d.by_scope)) {
    const k = key.replace(/[^0-9+]/g, '');
    if (k === '2+3') split.scope2_3_kg += kg;
    else if (k === '1') split.scope1_kg += kg;
    else if (k === '2') split.scope2_kg += kg;
    else if (k === '3') split.scope3_kg += kg;
  }
  return split;
}
