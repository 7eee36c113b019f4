import { describe, expect, it } from 'vitest';
import { leaderboardRows } from './leaderboard-rows.ts';

const board = {
  scope: 'global',
  id: null,
  window: 'monthly',
  rank_by: 'points',
  period: { from: '2025-03-01', to: '2025-03-31' },
  entries: [
    { rank: 1, display_name: 'Ana', points: 120, reduction_pct: 12.5, is_me: false },
    { rank: 2, display_name: 'Bo', points: 80, reduction_pct: null, is_me: false },
  ],
  me: { rank: 7, display_name: 'Cy', points: 10, reduction_pct: -3, is_me: true, listed: false },
};

describe('leaderboard rows', () => {
  it('lists the entries and adds my own standing when I am not among them', () => {
    expect(leaderboardRows(board)).toEqual([
      { rank: 1, name: 'Ana', points: 120, reductionPct: 12.5, isMe: false, unlisted: false },
      { rank: 2, name: 'Bo', points: 80, reductionPct: null, isMe: false, unlisted: false },
      { rank: 7, name: 'Cy', points: 10, reductionPct: -3, isMe: true, unlisted: true },
    ]);
  });

  it('does not repeat me when I am listed', () => {
    const listed = {
      ...board,
      entries: [{ rank: 1, display_name: 'Cy', points: 10, reduction_pct: null, is_me: true }],
      me: {
        rank: 1,
        display_name: 'Cy',
        points: 10,
        reduction_pct: null,
        is_me: true,
        listed: true,
      },
    };
    expect(leaderboardRows(listed)).toHaveLength(1);
  });

  it('refuses an answer of another shape', () => {
    expect(() => leaderboardRows([{ rank: 1 }])).toThrow(/cannot read/);
  });
});
