/**
 * Calendar arithmetic shared by goals, reports and challenges. Dates are 'YYYY-MM-DD' days in UTC;
 * a period of dates [start, end] (inclusive) is the half-open instant window
 * [start 00:00Z, end + 1 day 00:00Z), so an emission at 23:59:59Z on end_date counts and one at
 * 00:00Z the next day does not.
 */

export const DAY_MS = 86_400_000;

/** A half-open window of instants [from, to). */
export interface Window {
  from: Date;
  to: Date;
}

/** Midnight UTC of a 'YYYY-MM-DD' date, in ms. */
export function dateToMs(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

/** The UTC date of an instant. */
export function msToDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export const addDays = (date: string, days: number): string =>
  msToDate(dateToMs(date) + days * DAY_MS);

/** Number of days in [start, end], both inclusive. */
export const daysInclusive = (start: string, end: string): number =>
  Math.round((dateToMs(end) - dateToMs(start)) / DAY_MS) + 1;

export const todayUtc = (now: Date): string => msToDate(now.getTime());

/** The instants of the dates [start, end]. */
export function periodWindow(start: string, end: string): Window {
  return { from: new Date(dateToMs(start)), to: new Date(dateToMs(end) + DAY_MS) };
}

/** The part of `w` that has happened by `now` (empty, from == to, when it has not started). */
export function elapsedPart(w: Window, now: Date): Window {
  const to = Math.min(Math.max(now.getTime(), w.from.getTime()), w.to.getTime());
  return { from: w.from, to: new Date(to) };
}

export const shiftDays = (w: Window, days: number): Window => ({
  from: new Date(w.from.getTime() + days * DAY_MS),
  to: new Date(w.to.getTime() + days * DAY_MS),
});

export const isEmpty = (w: Window): boolean => w.to.getTime() <= w.from.getTime();

/** First and last day of the calendar month containing `date`. */
export function monthOf(date: string): { start: string; end: string } {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return { start: msToDate(Date.UTC(y, m - 1, 1)), end: msToDate(Date.UTC(y, m, 0)) };
}

/** First and last day of the calendar year containing `date`. */
export function yearOf(date: string): { start: string; end: string } {
  const y = date.slice(0, 4);
  return { start: `${y}-01-01`, end: `${y}-12-31` };
}

/** Every calendar month 'YYYY-MM' that overlaps [start, end], in order. */
export function monthsCovering(start: string, end: string): string[] {
  const out: string[] = [];
  let [y, m] = start.split('-').map(Number) as [number, number];
  const last = end.slice(0, 7);
  for (;;) {
    const key = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) return out;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

/** Rounds to `digits` decimals (half away from zero), for percentages shown to people. */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.sign(value) * (Math.round(Math.abs(value) * f) / f);
}
