/**
 * A leaderboard from the server (GET /api/v1/leaderboards), cached for offline reading. Only
 * people who opted in appear globally, with their display names (the server enforces it).
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiFetch } from '../../services/api-client.ts';
import { errorMessage } from '../../services/api-errors.ts';
import { SERVER } from '../../services/query-client.ts';
import { formatNumber, formatPercent } from '../../utils/format.ts';
import { LoadingSpinner } from '../common/loading-spinner.tsx';
import { Select } from '../common/select.tsx';

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

const WINDOWS = [
  { value: 'week', label: 'This week' },
  { value: 'month', label: 'This month' },
  { value: 'all', label: 'All time' },
];

export function Leaderboard({
  scope,
  id,
  title,
}: {
  scope: 'global' | 'org' | 'challenge';
  id?: string;
  title: string;
}) {
  const [window, setWindow] = useState('month');
  const params = new URLSearchParams({ scope, window });
  if (id) params.set('id', id);
  const board = useQuery({
    queryKey: [SERVER, 'leaderboard', scope, id ?? '', window],
    queryFn: async () =>
      parseLeaderboard(await apiFetch<unknown>(`/api/v1/leaderboards?${params.toString()}`)),
  });
  return (
    <div className="stack">
      <Select
        label={`${title}: period`}
        value={window}
        onValueChange={setWindow}
        options={WINDOWS}
      />
      {board.isPending && board.fetchStatus !== 'idle' ? (
        <LoadingSpinner label="Loading leaderboard…" />
      ) : board.data ? (
        board.data.length === 0 ? (
          <p className="muted">Nobody on this leaderboard yet.</p>
        ) : (
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Name</th>
                <th scope="col">Points</th>
                <th scope="col">Reduction</th>
              </tr>
            </thead>
            <tbody>
              {board.data.slice(0, 20).map((r) => (
                <tr key={`${r.rank}-${r.name}`} aria-current={r.isMe ? 'true' : undefined}>
                  <td className="number">{r.rank}</td>
                  <th scope="row">{r.isMe ? `${r.name} (you)` : r.name}</th>
                  <td className="number">{r.points === null ? '–' : formatNumber(r.points, 0)}</td>
                  <td className="number">{formatPercent(r.reductionPct)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : (
        <p className="muted">
          {board.error
            ? `The leaderboard is not available: ${errorMessage(board.error)}`
            : 'Offline: the leaderboard shows after it has loaded once.'}
        </p>
      )}
    </div>
  );
}
