/**
 * A leaderboard answer (shared-schema LeaderboardSchema) as table rows, with the caller's own
 * standing added at the end when they are not among the listed entries.
 */
import { LeaderboardSchema } from '@eco-track/shared-schema';

export interface LeaderboardRow {
  rank: number;
  name: string;
  points: number;
  reductionPct: number | null;
  isMe: boolean;
  /** The caller, shown to themselves even when not opted in (never to others). */
  unlisted: boolean;
}

export function leaderboardRows(body: unknown): LeaderboardRow[] {
  const parsed = LeaderboardSchema.safeParse(body);
  if (!parsed.success) throw new Error('The server sent a leaderboard this app cannot read.');
  const board = parsed.data;
  const rows: LeaderboardRow[] = board.entries.map((e) => ({
    rank: e.rank,
    name: e.display_name,
    points: e.points,
    reductionPct: e.reduction_pct,
    isMe: e.is_me,
    unlisted: false,
  }));
  if (board.me && !rows.some((r) => r.isMe)) {
    rows.push({
      rank: board.me.rank,
      name: board.me.display_name,
      points: board.me.points,
      reductionPct: board.me.reduction_pct,
      isMe: true,
      unlisted: !board.me.listed,
    });
  }
  return rows;
}
