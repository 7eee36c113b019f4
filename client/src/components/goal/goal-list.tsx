import type { GoalWithProgress } from '../../worker/api.ts';
import { EmptyState } from '../common/empty-state.tsx';
import styles from './goal.module.css';
import { GoalItem } from './goal-item.tsx';

/** The user's goals (the seed's Goal/GoalList). */
export function GoalList({
  goals,
  onEdit,
  onDelete,
}: {
  goals: readonly GoalWithProgress[];
  onEdit: (g: GoalWithProgress) => void;
  onDelete: (g: GoalWithProgress) => void;
}) {
  if (goals.length === 0) return <EmptyState title="No goals yet. Set one above." />;
  return (
    <ul className={styles.list}>
      {goals.map((g) => (
        <li key={g.goal_id}>
          <GoalItem goal={g} onEdit={onEdit} onDelete={onDelete} />
        </li>
      ))}
    </ul>
  );
}
