import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useSyncStatus } from '../../hooks/use-sync-status.tsx';
import { logout } from '../../services/auth-service.ts';
import { useDb } from '../../services/db-context.tsx';
import { clearLocalSnapshots } from '../../services/local-snapshot.ts';
import { clearPersistedQueryCache } from '../../services/query-persist.ts';
import { Alert } from '../common/alert.tsx';
import { Button } from '../common/button.tsx';
import { Checkbox } from '../common/checkbox.tsx';
import { Dialog } from '../common/dialog.tsx';

/**
 * Log out. Unsynced changes are never thrown away silently: with pending changes the local data
 * stays (and is sent at the next login of the same user) unless the user says otherwise.
 */
export function LogoutDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const db = useDb();
  const status = useSyncStatus();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const pending = status?.pendingCount ?? 0;
  const [wipe, setWipe] = useState(false);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setBusy(true);
    try {
      await db.clearSession({ wipeLocalData: wipe });
      await logout();
      clearPersistedQueryCache();
      clearLocalSnapshots();
      queryClient.clear();
      onOpenChange(false);
      void navigate('/login');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Log out">
      <div className="stack">
        {pending > 0 && (
          <Alert
            severity="warning"
            title={`${pending} change${pending === 1 ? '' : 's'} not synced yet`}
          >
            They stay on this device and are sent the next time you log in here.
          </Alert>
        )}
        <Checkbox
          label={
            pending > 0
              ? 'Remove my data from this device, including the unsynced changes'
              : 'Remove my data from this device (shared devices)'
          }
          checked={wipe}
          onChange={(e) => setWipe(e.target.checked)}
        />
        <div className="row">
          <Button
            onClick={() => void confirm()}
            loading={busy}
            variant={wipe && pending > 0 ? 'danger' : 'primary'}
          >
            Log out
          </Button>
          <Button variant="outline" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
