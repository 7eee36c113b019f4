import { useMutation } from '@tanstack/react-query';
import { ChallengeList } from '../components/challenge/challenge-list.tsx';
import { Leaderboard } from '../components/challenge/leaderboard.tsx';
import { Alert } from '../components/common/alert.tsx';
import { Card } from '../components/common/card.tsx';
import { LoadingSpinner } from '../components/common/loading-spinner.tsx';
import { useLocalQuery } from '../hooks/use-local-query.ts';
import { useOnline } from '../hooks/use-online.ts';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { apiFetch } from '../services/api-client.ts';
import { errorMessage } from '../services/api-errors.ts';
import { useDb } from '../services/db-context.tsx';

export function ChallengesPage() {
  usePageTitle('Challenges');
  const db = useDb();
  const online = useOnline();
  const challenges = useLocalQuery({
    key: ['challenges'],
    tables: ['challenges', 'user_challenges'],
    query: (d) => d.listChallenges(),
  });
  // Joining is a server call; the participation then syncs back to this device.
  const join = useMutation({
    mutationFn: (id: string) =>
      apiFetch(`/api/v1/challenges/${encodeURIComponent(id)}/join`, { method: 'POST' }),
    onSuccess: () => void db.syncNow(),
  });

  return (
    <div className="stack">
      <div className="page-header">
        <h1>Challenges</h1>
      </div>
      {!online && (
        <Alert severity="warning">Offline: joining a challenge needs a connection.</Alert>
      )}
      {join.error && <Alert severity="error">{errorMessage(join.error)}</Alert>}
      {join.isSuccess && (
        <Alert severity="success">
          You joined the challenge. Your progress appears here as it syncs.
        </Alert>
      )}
      {challenges.isPending ? (
        <LoadingSpinner size="large" label="Loading challenges…" />
      ) : (
        <ChallengeList
          challenges={challenges.data ?? []}
          onJoin={(c) => join.mutate(c.challenge_id)}
          joiningId={join.isPending ? (join.variables ?? null) : null}
          canJoin={online}
        />
      )}
      <Card title="Leaderboard">
        <Leaderboard scope="global" title="Global leaderboard" />
        <p className="muted">
          Only people who chose to appear are listed. You can opt in on your Profile.
        </p>
      </Card>
    </div>
  );
}
