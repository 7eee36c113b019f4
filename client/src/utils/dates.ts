/** Period arithmetic for the dashboard and filters, in UTC (the worker groups by UTC months). */

export interface Range {
  from: string;
  /** exclusive */
  to: string;
}

export type PeriodPreset =
  'this_month' | 'last_month' | 'last_30_days' | 'this_year' | 'last_12_months' | 'all';

export const PERIOD_LABELS: Record<PeriodPreset, string> = {
  this_month: 'This month',
  last_month: 'Last month',
  last_30_days: 'Last 30 days',
  this_year: 'This year',
  last_12_months: 'Last 12 months',
  all: 'All time',
};

const utc = (y: number, m: number, d = 1) => new Date(Date.UTC(y, m, d)).toISOString();

export function presetRange(preset: PeriodPreset, now = new Date()): Range {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  switch (preset) {
    case 'this_month':
      return { from: utc(y, m), to: utc(y, m + 1) };
    case 'last_month':
      return { from: utc(y, m - 1), to: utc(y, m) };
    case 'last_30_days':
      return {
        from: new Date(now.getTime() - 30 * 86_400_000).toISOString(),
        to: new Date(now.getTime() + 1).toISOString(),
      };
    case 'this_year':
      return { from: utc(y, 0), to: utc(y + 1, 0) };
    case 'last_12_months':
      return { from: utc(y, m - 11), to: utc(y, m + 1) };
    case 'all':
      return { from: utc(1900, 0), to: utc(2101, 0) };
  }
}

/** Today as YYYY-MM-DD in the user's time zone (what a date input shows). */
export function todayLocal(now = new Date()): string {
  const tz = now.getTimezoneOffset() * 60_000;
  return new Date(now.getTime() - tz).toISOString().slice(0, 10);
}

/**
 * A date input's YYYY-MM-DD as an instant: noon local time, so it stays on that day in UTC too
 * (for every offset within ±12 h). '' when the input is not a date.
 */
export function dateInputToIso(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return '';
  return new Date(y, m - 1, d, 12, 0, 0).toISOString();
}

/** An ISO instant back to the date input's YYYY-MM-DD in local time. */
export function isoToDateInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return todayLocal(d);
}

/** The ISO instant at the start of a local date, and of the day after another (filters). */
export function dayStartIso(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).toISOString();
}

export function dayEndExclusiveIso(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + 1).toISOString();
}
