import { formatCo2e, formatNumber } from '../../utils/format.ts';
import type { Recommendation } from '../../worker/api.ts';
import { categoryLabel } from '../activity/categories.ts';
import { Button } from '../common/button.tsx';
import styles from './recommendation.module.css';

/** The server's ranking for this user, when it could be fetched (cached for offline). */
export interface RecommendationRanking {
  rank: number;
  reason: string;
  estimated_kg_co2e_saved_per_year: number;
}

/** One recommendation (the seed's Recommendation/RecommendationItem). */
export function RecommendationItem({
  rec,
  ranking,
  onMark,
}: {
  rec: Recommendation;
  ranking?: RecommendationRanking;
  onMark: (flags: { seen?: boolean; acted_on?: boolean }) => void;
}) {
  return (
    <article className={styles.item} aria-label={rec.description}>
      <div className={styles.head}>
        <span className="badge badge--neutral">{categoryLabel(rec.category)}</span>
        {rec.acted_on ? (
          <span className="badge">Done</span>
        ) : rec.seen ? (
          <span className="badge badge--neutral">Seen</span>
        ) : (
          <span className="badge badge--pending">New</span>
        )}
      </div>
      <p className={styles.title}>{rec.description}</p>
      {rec.impact_description && <p>{rec.impact_description}</p>}
      {ranking && (
        <p className={styles.reason}>
          Could save about {formatCo2e(ranking.estimated_kg_co2e_saved_per_year)} a year.{' '}
          {ranking.reason}
        </p>
      )}
      {!ranking && rec.estimated_reduction_pct !== null && (
        <p className={styles.reason}>
          Typically cuts this category&apos;s emissions by{' '}
          {formatNumber(rec.estimated_reduction_pct, 0)} %.
        </p>
      )}
      <p className={styles.source}>
        Source:{' '}
        {rec.source_url ? (
          <a href={rec.source_url} target="_blank" rel="noreferrer">
            {rec.source}
          </a>
        ) : (
          rec.source
        )}
      </p>
      <div className="row">
        {!rec.seen && (
          <Button size="small" variant="outline" onClick={() => onMark({ seen: true })}>
            Mark as seen
          </Button>
        )}
        <Button
          size="small"
          variant={rec.acted_on ? 'ghost' : 'primary'}
          onClick={() => onMark({ seen: true, acted_on: !rec.acted_on })}
          aria-pressed={rec.acted_on}
        >
          {rec.acted_on ? 'Undo "I did this"' : 'I did this'}
        </Button>
      </div>
    </article>
  );
}
