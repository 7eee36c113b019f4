import type { GoalWithProgress } from '../../worker/api.ts';
import { Button } from '../common/button.tsx';
import styles from './goal.module.css';
import { GoalProgress } from './goal-progress.tsx';

/** One goal (the seed's Goal/GoalItem) with its progress and actions. */
export function GoalItem({
  goal,
  onEdit,
  onDelete,
}: {
  goal: GoalWithProgress;
  onEdit: (g: GoalWithProgress) => void;
  onDelete: (g: GoalWithProgress) => void;
}) {
  const name = goal.description || goal.goal_type;
  return (
    <article className={styles.item} aria-label={name}>
      <GoalProgress goal={goal} />
      <div className="row">
        <Button size="small" variant="outline" onClick={() => onEdit(goal)}>
          Edit<span className="visually-hidden"> {name}</span>
        </Button>
        <Button size="small" variant="ghost" onClick={() => onDelete(goal)}>
          Delete<span className="visually-hidden"> {name}</span>
        </Button>
      </div>
    </article>
  );
}
