/**
 * Leaderboard windows, all in UTC: `weekly` is the current ISO week (from Monday), `monthly` the
 * current calendar month, `all_time` everything. They match the rollup buckets of migration 0032
 * ('w', 'm', 'a'), so a window is one bucket.
 */
export type LeaderboardWindow = 'weekly' | 'monthly' | 'all_time';

export interface WindowBucket {
  kind: 'w' | 'm' | 'a';
  periodStart: string;
  /** first day counted (null = no start) and today */
  from: string | null;
  today: string;
  /** days elapsed in the window, today included (rates for the reduction ranking) */
  elapsedDays: number;
}

const iso = (d: Date): string => d.toISOString().slice(0, 10);

/** Baseline: the user's first 30 days of tracking. */
export const BASELINE_DAYS = 30;
/** All-time reduction needs at least this many days of tracking after the baseline. */
export const MIN_DAYS_AFTER_BASELINE = 7;

export function windowBucket(window: LeaderboardWindow, now: Date): WindowBucket {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  switch (window) {
    case 'weekly': {
      const start = new Date(today);
      start.setUTCDate(start.getUTCDate() - ((today.getUTCDay() + 6) % 7));
      return {
        kind: 'w',
        periodStart: iso(start),
        from: iso(start),
        today: iso(today),
        elapsedDays: daysBetween(start, today) + 1,
      };
    }
    case 'monthly': {
      const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
      return {
        kind: 'm',
        periodStart: iso(start),
        from: iso(start),
        today: iso(today),
        elapsedDays: daysBetween(start, today) + 1,
      };
    }
    case 'all_time':
      return {
        kind: 'a',
        periodStart: '1970-01-01',
        from: null,
        today: iso(today),
        elapsedDays: 0,
      };
  }
}

function daysBetween(a: Date, b: Date): number {
  return Math.round((b.getTime() - a.getTime()) / 86_400_000);
}
