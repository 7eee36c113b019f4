import { formatDate, formatNumber } from '../../utils/format.ts';
import type { Challenge } from '../../worker/api.ts';
import { Button } from '../common/button.tsx';
import goalStyles from '../goal/goal.module.css';
import styles from '../recommendation/recommendation.module.css';

/** One challenge (the seed's Challenge/ChallengeItem): join, or the user's progress. */
export function ChallengeItem({
  challenge: c,
  onJoin,
  joining,
  canJoin,
}: {
  challenge: Challenge;
  onJoin: (c: Challenge) => void;
  joining: boolean;
  canJoin: boolean;
}) {
  const p = c.participation;
  const pct = p
    ? Math.round(Math.min(1, Math.max(0, p.progress > 1 ? p.progress / 100 : p.progress)) * 100)
    : 0;
  return (
    <article className={styles.item} aria-label={c.challenge_name}>
      <div className={styles.head}>
        <span className="badge badge--neutral">{formatNumber(c.reward_points, 0)} points</span>
        {p && (
          <span className={p.status === 'failed' ? 'badge badge--error' : 'badge'}>
            {p.status === 'active' ? 'Joined' : p.status === 'completed' ? 'Completed' : 'Ended'}
          </span>
        )}
      </div>
      <p className={styles.title}>{c.challenge_name}</p>
      {c.description && <p>{c.description}</p>}
      <p className={styles.source}>
        {formatDate(c.start_date)} – {formatDate(c.end_date)}
      </p>
      {p ? (
        <div
          className={goalStyles.bar}
          role="progressbar"
          aria-label={`${c.challenge_name} progress`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
        >
          <span className={goalStyles.fill} style={{ width: `${pct}%` }} />
        </div>
      ) : (
        <div>
          <Button size="small" onClick={() => onJoin(c)} loading={joining} disabled={!canJoin}>
            Join<span className="visually-hidden"> {c.challenge_name}</span>
          </Button>
        </div>
      )}
    </article>
  );
}
