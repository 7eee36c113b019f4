import { Card } from '../components/common/card.tsx';
import { EmptyState } from '../components/common/empty-state.tsx';
import { LoadingSpinner } from '../components/common/loading-spinner.tsx';
import styles from '../components/recommendation/recommendation.module.css';
import { useLocalQuery } from '../hooks/use-local-query.ts';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { formatDate, formatNumber } from '../utils/format.ts';

export function AchievementsPage() {
  usePageTitle('Achievements');
  const achievements = useLocalQuery({
    key: ['achievements'],
    tables: ['achievements', 'user_achievements'],
    query: (d) => d.listAchievements(),
  });
  const list = achievements.data ?? [];
  const earned = list.filter((a) => a.earned_at);
  const points = earned.reduce((sum, a) => sum + a.points, 0);
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Achievements</h1>
      </div>
      <Card>
        <p>
          <strong>
            {earned.length} of {list.length}
          </strong>{' '}
          earned · {formatNumber(points, 0)} points
        </p>
      </Card>
      {achievements.isPending ? (
        <LoadingSpinner size="large" label="Loading achievements…" />
      ) : list.length === 0 ? (
        <EmptyState title="No achievements yet." />
      ) : (
        <ul className={styles.list}>
          {[...list]
            .sort((a, b) => Number(Boolean(b.earned_at)) - Number(Boolean(a.earned_at)))
            .map((a) => (
              <li key={a.achievement_id}>
                <article className={styles.item} aria-label={a.achievement_name}>
                  <div className={styles.head}>
                    {a.earned_at ? (
                      <span className="badge">Earned {formatDate(a.earned_at)}</span>
                    ) : (
                      <span className="badge badge--neutral">Not yet</span>
                    )}
                    <span className="badge badge--neutral">{formatNumber(a.points, 0)} points</span>
                  </div>
                  <p className={styles.title}>
                    <span aria-hidden="true">{a.earned_at ? '★ ' : '☆ '}</span>
                    {a.achievement_name}
                  </p>
                  {a.description && <p>{a.description}</p>}
                </article>
              </li>
            ))}
        </ul>
      )}
    </div>
  );
}
