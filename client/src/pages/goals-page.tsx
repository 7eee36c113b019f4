import { useState } from 'react';
import { Alert } from '../components/common/alert.tsx';
import { Card } from '../components/common/card.tsx';
import { Dialog } from '../components/common/dialog.tsx';
import { LoadingSpinner } from '../components/common/loading-spinner.tsx';
import { GoalForm } from '../components/goal/goal-form.tsx';
import { GoalList } from '../components/goal/goal-list.tsx';
import { useLocalQuery } from '../hooks/use-local-query.ts';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { useDb } from '../services/db-context.tsx';
import type { GoalWithProgress } from '../worker/api.ts';

export function GoalsPage() {
  usePageTitle('Goals');
  const db = useDb();
  const [editing, setEditing] = useState<GoalWithProgress | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const goals = useLocalQuery({
    key: ['goals', 'all'],
    tables: ['goals', 'activities', 'emissions'],
    query: (d) => d.listGoals(),
  });
  const orgs = useLocalQuery({
    key: ['organisations'],
    tables: ['organizations', 'memberships'],
    query: (d) => d.listOrganisations(),
  });

  const remove = (g: GoalWithProgress) => {
    void db
      .deleteGoal(g.goal_id)
      .then((r) =>
        setMessage(
          r.ok
            ? { ok: true, text: `Deleted the goal "${g.description || g.goal_type}".` }
            : { ok: false, text: r.error.message },
        ),
      );
  };

  return (
    <div className="stack">
      <div className="page-header">
        <h1>Goals</h1>
      </div>
      <Card title="Set a goal">
        <GoalForm
          orgs={orgs.data ?? []}
          onSaved={(g) =>
            setMessage({ ok: true, text: `Goal set: ${g.description || g.goal_type}.` })
          }
        />
      </Card>
      {message && (
        <Alert severity={message.ok ? 'success' : 'error'} onDismiss={() => setMessage(null)}>
          {message.text}
        </Alert>
      )}
      <Card title="Your goals">
        {goals.isPending ? (
          <LoadingSpinner label="Loading goals…" />
        ) : (
          <GoalList goals={goals.data ?? []} onEdit={setEditing} onDelete={remove} />
        )}
      </Card>
      <Dialog
        open={editing !== null}
        onOpenChange={(o) => !o && setEditing(null)}
        title="Edit goal"
      >
        {editing && (
          <GoalForm
            goal={editing}
            orgs={orgs.data ?? []}
            onSaved={() => setEditing(null)}
            onCancel={() => setEditing(null)}
          />
        )}
      </Dialog>
    </div>
  );
}
