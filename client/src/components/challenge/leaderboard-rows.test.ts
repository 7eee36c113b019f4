import { describe, expect, it } from 'vitest';
import { parseLeaderboard } from './leaderboard-rows.ts';

describe('reading a leaderboard answer', () => {
  it('reads a plain list and an envelope alike', () => {
    const row = { rank: 2, display_name: 'Ana', points: 120, reduction_pct: 12.5, is_me: true };
    const expected = [{ rank: 2, name: 'Ana', points: 120, reductionPct: 12.5, isMe: true }];
    expect(parseLeaderboard([row])).toEqual(expected);
    expect(parseLeaderboard({ entries: [row] })).toEqual(expected);
    expect(parseLeaderboard({ rows: [row] })).toEqual(expected);
  });

  it('fills what is missing without inventing numbers', () => {
    expect(parseLeaderboard([{ username: 'bo' }, {}])).toEqual([
      { rank: 1, name: 'bo', points: null, reductionPct: null, isMe: false },
      { rank: 2, name: 'Anonymous', points: null, reductionPct: null, isMe: false },
    ]);
    expect(parseLeaderboard('nonsense')).toEqual([]);
  });
});
