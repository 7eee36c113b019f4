/** A leaderboard answer as rows, whatever envelope the server wraps it in. */
export interface LeaderboardRow {
  rank: number;
  name: string;
  points: number | null;
  reductionPct: number | null;
  isMe: boolean;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Reads the answer whether it is a list or `{ entries | rows | items: [...] }`. */
export function parseLeaderboard(body: unknown): LeaderboardRow[] {
  const list = Array.isArray(body)
    ? body
    : body && typeof body === 'object'
      ? ((body as Record<string, unknown>).entries ??
        (body as Record<string, unknown>).rows ??
        (body as Record<string, unknown>).items ??
        [])
      : [];
  if (!Array.isArray(list)) return [];
  return list.map((raw: unknown, i) => {
    const r = (raw ?? {}) as Record<string, unknown>;
    const name = [r.display_name, r.username, r.name].find((v) => typeof v === 'string');
    return {
      rank: num(r.rank) ?? i + 1,
      name: typeof name === 'string' ? name : 'Anonymous',
      points: num(r.points),
      reductionPct: num(r.reduction_pct) ?? num(r.reduction_percent),
      isMe: r.is_me === true || r.me === true,
    };
  });
}
