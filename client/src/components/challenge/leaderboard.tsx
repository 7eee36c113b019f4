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
import { leaderboardRows } from './leaderboard-rows.ts';

const WINDOWS = [
  { value: 'weekly', label: 'This week' },
  { value: 'monthly', label: 'This month' },
  { value: 'all_time', label: 'All time' },
];
const RANKINGS = [
  { value: 'points', label: 'Points' },
  { value: 'reduction', label: 'Reduction against own baseline' },
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
  const [period, setPeriod] = useState('monthly');
  const [rankBy, setRankBy] = useState('points');
  const params = new URLSearchParams({ scope, window: period, rank_by: rankBy });
  if (id) params.set('id', id);
  const board = useQuery({
    queryKey: [SERVER, 'leaderboard', scope, id ?? '', period, rankBy],
    queryFn: async () =>
      leaderboardRows(await apiFetch<unknown>(`/api/v1/leaderboards?${params.toString()}`)),
  });
  return (
    <div className="stack">
      <div className="row">
        <Select label="Period" value={period} onValueChange={setPeriod} options={WINDOWS} />
        <Select label="Rank by" value={rankBy} onValueChange={setRankBy} options={RANKINGS} />
      </div>
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
                  <th scope="row">
                    {r.isMe ? `${r.name} (you${r.unlisted ? ', only you see this' : ''})` : r.name}
                  </th>
                  <td className="number">{formatNumber(r.points, 0)}</td>
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
