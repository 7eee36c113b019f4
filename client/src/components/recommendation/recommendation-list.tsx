import type { Recommendation } from '../../worker/api.ts';
import { EmptyState } from '../common/empty-state.tsx';
import { RecommendationItem, type RecommendationRanking } from './recommendation-item.tsx';
import styles from './recommendation.module.css';

/**
 * The recommendations (the seed's Recommendation/RecommendationList): in the server's ranking for
 * this user when known (most kg saved first), otherwise new ones first.
 */
export function RecommendationList({
  recommendations,
  rankings,
  onMark,
}: {
  recommendations: readonly Recommendation[];
  rankings: ReadonlyMap<string, RecommendationRanking>;
  onMark: (rec: Recommendation, flags: { seen?: boolean; acted_on?: boolean }) => void;
}) {
  if (recommendations.length === 0) return <EmptyState title="No recommendations yet." catalogue />;
  const sorted = [...recommendations].sort((a, b) => {
    const ra = rankings.get(a.recommendation_id)?.rank ?? Infinity;
    const rb = rankings.get(b.recommendation_id)?.rank ?? Infinity;
    if (ra !== rb) return ra - rb;
    return Number(a.acted_on) - Number(b.acted_on) || Number(a.seen) - Number(b.seen);
  });
  return (
    <ul className={styles.list}>
      {sorted.map((r) => (
        <li key={r.recommendation_id}>
          <RecommendationItem
            rec={r}
            ranking={rankings.get(r.recommendation_id)}
            onMark={(flags) => onMark(r, flags)}
          />
        </li>
      ))}
    </ul>
  );
}
