import { formatDate } from '../../utils/format.ts';
import type { GoalWithProgress } from '../../worker/api.ts';
import { goalOutlook } from './goal-outlook.ts';
import styles from './goal.module.css';

/** A goal's progress bar with its on/off-track verdict. */
export function GoalProgress({
  goal,
  compact = false,
}: {
  goal: GoalWithProgress;
  compact?: boolean;
}) {
  const o = goalOutlook(goal);
  const verdict =
    goal.status === 'completed'
      ? { text: 'Achieved', cls: 'badge' }
      : goal.status === 'failed'
        ? { text: 'Missed', cls: 'badge badge--error' }
        : o.onTrack === null
          ? { text: 'Too early to tell', cls: 'badge badge--neutral' }
          : o.onTrack
            ? { text: 'On track', cls: 'badge' }
            : { text: 'Off track', cls: 'badge badge--pending' };
  const pct = Math.round(o.fraction * 100);
  return (
    <div className={styles.progress}>
      <div className={styles.progressHead}>
        <span className={styles.goalName}>{goal.description || goal.goal_type}</span>
        <span className={verdict.cls}>{verdict.text}</span>
        {goal.pending && <span className="badge badge--pending">Pending sync</span>}
      </div>
      <div
        className={styles.bar}
        role="progressbar"
        aria-label={`${goal.description || goal.goal_type}: ${o.kind === 'budget' ? 'budget used' : 'progress to target'}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <span
          className={
            o.kind === 'budget' && o.onTrack === false
              ? `${styles.fill} ${styles.over}`
              : styles.fill
          }
          style={{ width: `${pct}%` }}
        />
      </div>
      <p className={styles.summary}>{o.summary}</p>
      {!compact && (
        <p className={styles.dates}>
          {formatDate(goal.start_date)} – {formatDate(goal.end_date)}
        </p>
      )}
    </div>
  );
}
