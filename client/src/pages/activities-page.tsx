import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  ActivityFilters,
  DEFAULT_CONTROLS,
  isFiltered,
  toFilter,
  type ListControls,
} from '../components/activity/activity-filters.tsx';
import { formValuesFrom } from '../components/activity/activity-form-schema.ts';
import { ActivityForm } from '../components/activity/activity-form.tsx';
import { ActivityList } from '../components/activity/activity-list.tsx';
import { UndoToast } from '../components/activity/undo-toast.tsx';
import { Alert } from '../components/common/alert.tsx';
import { Card } from '../components/common/card.tsx';
import { Dialog } from '../components/common/dialog.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { useSyncStatus } from '../hooks/use-sync-status.tsx';
import { useDb } from '../services/db-context.tsx';
import { isoToDateInput } from '../utils/dates.ts';
import type { Activity, ActivityDetail, ActivityListItem } from '../worker/api.ts';

export function ActivitiesPage() {
  usePageTitle('Activities');
  const db = useDb();
  const status = useSyncStatus();
  const [params, setParams] = useSearchParams();
  const [controls, setControls] = useState<ListControls>(DEFAULT_CONTROLS);
  const [editing, setEditing] = useState<ActivityDetail | null>(null);
  const [deleted, setDeleted] = useState<Activity | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const formRef = useRef<HTMLDivElement>(null);

  const resubmitId = params.get('resubmit');
  const rejected = resubmitId
    ? status?.rejected.find((m) => m.mutation_id === resubmitId && m.table === 'activities')
    : undefined;

  useEffect(() => {
    if (params.get('new') !== '1') return;
    formRef.current?.scrollIntoView({ block: 'start' });
    formRef.current?.querySelector<HTMLElement>('button, input')?.focus();
  }, [params]);

  const onEdit = useCallback(
    (a: ActivityListItem) => {
      void db.getActivity(a.activity_id).then((detail) => {
        if (detail) setEditing(detail);
        else setActionError('This activity no longer exists.');
      });
    },
    [db],
  );

  const onDelete = useCallback(
    (a: ActivityListItem) => {
      setActionError(null);
      void db.deleteActivity(a.activity_id).then((r) => {
        if (r.ok) setDeleted(r.value);
        else setActionError(r.error.message);
      });
    },
    [db],
  );

  const undo = () => {
    if (!deleted) return;
    const activity = deleted;
    setDeleted(null);
    void db.restoreActivity(activity).then((r) => {
      if (!r.ok) setActionError(`Could not restore the activity: ${r.error.message}`);
    });
  };
  const closeToast = useCallback(() => setDeleted(null), []);

  const finishResubmit = () => {
    if (rejected) void db.dismissRejected(rejected.mutation_id);
    params.delete('resubmit');
    setParams(params, { replace: true });
  };

  return (
    <div className="stack">
      <div className="page-header">
        <h1>Activities</h1>
      </div>
      {rejected ? (
        <Card title="Review and resend">
          <ActivityForm
            activityId={rejected.op === 'update' ? rejected.row_id : undefined}
            initial={formValuesFrom(rejected.payload, isoToDateInput)}
            onSaved={finishResubmit}
            onCancel={finishResubmit}
            notice={
              <Alert severity="error" title="The server did not accept this change.">
                Reason: {rejected.detail}. Your input is below; correct it and send it again.
              </Alert>
            }
          />
        </Card>
      ) : (
        <div ref={formRef}>
          <Card title="Log an activity">
            {editing ? (
              <p className="muted">Finish editing the activity first.</p>
            ) : (
              <ActivityForm />
            )}
          </Card>
        </div>
      )}
      <Card title="Your activities">
        <ActivityFilters value={controls} onChange={setControls} />
        {actionError && (
          <Alert severity="error" onDismiss={() => setActionError(null)}>
            {actionError}
          </Alert>
        )}
        <ActivityList
          filter={toFilter(controls)}
          sort={controls.sort}
          filtered={isFiltered(controls)}
          onEdit={onEdit}
          onDelete={onDelete}
        />
      </Card>
      <Dialog
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        title="Edit activity"
      >
        {editing && (
          <ActivityForm
            activityId={editing.activity_id}
            initial={formValuesFrom(editing, isoToDateInput)}
            onSaved={() => setEditing(null)}
            onCancel={() => setEditing(null)}
          />
        )}
      </Dialog>
      {deleted && (
        <UndoToast
          message={`Deleted "${deleted.description || deleted.activity_type}".`}
          onUndo={undo}
          onClose={closeToast}
        />
      )}
    </div>
  );
}
