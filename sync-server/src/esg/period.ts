/**
 * Reporting periods are inclusive UTC date ranges ('YYYY-MM-DD'). The inventory compares the
 * period with the same dates one year earlier (prior year) and with the organisation's base
 * year (a calendar year).
 */
export interface Period {
  from: string;
  to: string;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date in 'YYYY-MM-DD' form (rejects 2024-02-30). */
export function isIsoDate(text: string): boolean {
  if (!DATE_RE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** The same dates one year earlier; 29 February becomes 28 February. */
export function shiftYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  const candidate = `${String(y).padStart(4, '0')}-${md}`;
  return isIsoDate(candidate) ? candidate : `${String(y).padStart(4, '0')}-02-28`;
}

export function priorYear(p: Period): Period {
  return { from: shiftYears(p.from, -1), to: shiftYears(p.to, -1) };
}

export function calendarYear(year: number): Period {
  const y = String(year).padStart(4, '0');
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

/** Number of days in the inclusive range. */
export function daysIn(p: Period): number {
  return (
    Math.round((Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000) +
    1
  );
}

/** The instant a period starts and the instant just after it ends (UTC), for timestamp filters. */
export function periodBounds(p: Period): { start: string; endExclusive: string } {
  const end = new Date(`${p.to}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { start: `${p.from}T00:00:00.000Z`, endExclusive: end.toISOString() };
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/** Change from `before` to `after` in %, or null when there is no meaningful base. */
export function changePct(before: number, after: number): number | null {
  if (before === 0) return null;
  return ((after - before) / before) * 100;
}
