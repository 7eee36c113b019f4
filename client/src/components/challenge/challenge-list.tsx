import type { Challenge } from '../../worker/api.ts';
import { EmptyState } from '../common/empty-state.tsx';
import styles from '../recommendation/recommendation.module.css';
import { ChallengeItem } from './challenge-item.tsx';

/** Challenges (the seed's Challenge/ChallengeList): joined ones first. */
export function ChallengeList({
  challenges,
  onJoin,
  joiningId,
  canJoin,
}: {
  challenges: readonly Challenge[];
  onJoin: (c: Challenge) => void;
  joiningId: string | null;
  canJoin: boolean;
}) {
  if (challenges.length === 0)
    return <EmptyState title="No challenges are running right now." catalogue />;
  const sorted = [...challenges].sort(
    (a, b) => Number(b.participation !== null) - Number(a.participation !== null),
  );
  return (
    <ul className={styles.list}>
      {sorted.map((c) => (
        <li key={c.challenge_id}>
          <ChallengeItem
            challenge={c}
            onJoin={onJoin}
            joining={joiningId === c.challenge_id}
            canJoin={canJoin}
          />
        </li>
      ))}
    </ul>
  );
}
