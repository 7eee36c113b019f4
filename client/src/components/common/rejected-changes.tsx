import { Link } from 'react-router';
import { useSyncStatus } from '../../hooks/use-sync-status.tsx';
import { useDb } from '../../services/db-context.tsx';
import type { RejectedMutation } from '../../worker/api.ts';
import { Alert } from './alert.tsx';
import styles from './rejected-changes.module.css';

const WHAT: Record<string, string> = {
  activities: 'activity',
  goals: 'goal',
  users: 'profile change',
  user_recommendations: 'recommendation update',
  user_challenges: 'challenge',
};

function describe(m: RejectedMutation): string {
  const thing = WHAT[m.table] ?? 'change';
  const name =
    typeof m.payload.description === 'string' && m.payload.description
      ? ` "${m.payload.description}"`
      : typeof m.payload.activity_type === 'string'
        ? ` (${m.payload.activity_type})`
        : '';
  const verb = m.op === 'insert' ? 'new' : m.op === 'update' ? 'edited' : 'deleted';
  return `Your ${verb} ${thing}${name} was not accepted by the server`;
}

/**
 * Changes the server refused, with its reason. An activity can be reopened in the form with the
 * user's input kept (the Activities page reads ?resubmit=<mutation id>).
 */
export function RejectedChanges() {
  const status = useSyncStatus();
  const db = useDb();
  const rejected = status?.rejected ?? [];
  if (rejected.length === 0) return null;
  return (
    <div className={styles.list}>
      {rejected.map((m) => (
        <Alert
          key={m.mutation_id}
          severity="error"
          title={describe(m)}
          onDismiss={() => void db.dismissRejected(m.mutation_id)}
          action={
            m.table === 'activities' && m.op !== 'delete' ? (
              <Link to={`/activities?resubmit=${encodeURIComponent(m.mutation_id)}`}>
                Review and resend
              </Link>
            ) : undefined
          }
        >
          Reason: {m.detail}
        </Alert>
      ))}
    </div>
  );
}
