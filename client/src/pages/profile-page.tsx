import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button } from '../components/common/button.tsx';
import { Card } from '../components/common/card.tsx';
import { LoadingSpinner } from '../components/common/loading-spinner.tsx';
import { LogoutDialog } from '../components/auth/logout-dialog.tsx';
import { DownloadDataButtons } from '../components/profile/download-data-dialog.tsx';
import { PreferencesForm } from '../components/profile/preferences-form.tsx';
import { useLocalQuery } from '../hooks/use-local-query.ts';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { useSession } from '../hooks/use-session.ts';
import { apiFetch } from '../services/api-client.ts';
import { SERVER } from '../services/query-client.ts';
import { persistState, type PersistState } from '../services/storage-persist.ts';

interface Me {
  username: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  company_name: string | null;
  user_type: string;
}

const STORAGE_TEXT: Record<PersistState, string> = {
  persistent: 'Persistent: the browser will not clear your data on its own.',
  'best-effort':
    'Best effort: the browser may clear it when the device runs out of space. Sync often.',
  unsupported: 'This browser cannot guarantee persistent storage.',
};

export function ProfilePage() {
  usePageTitle('Profile');
  const session = useSession();
  const [logoutOpen, setLogoutOpen] = useState(false);
  const [storage, setStorage] = useState<PersistState | null>(null);
  const prefs = useLocalQuery({
    key: ['preferences'],
    tables: ['users'],
    query: (db) => db.getPreferences(),
  });
  const me = useQuery({ queryKey: [SERVER, 'me'], queryFn: () => apiFetch<Me>('/api/v1/auth/me') });
  useEffect(() => {
    void persistState().then(setStorage);
  }, []);

  const name = [me.data?.first_name, me.data?.last_name].filter(Boolean).join(' ');
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Profile</h1>
      </div>
      <Card title="Account">
        <dl className="facts">
          <dt>Username</dt>
          <dd>{me.data?.username ?? session?.username}</dd>
          {me.data?.email && (
            <>
              <dt>Email</dt>
              <dd>{me.data.email}</dd>
            </>
          )}
          {name && (
            <>
              <dt>Name</dt>
              <dd>{name}</dd>
            </>
          )}
          {me.data && (
            <>
              <dt>Account type</dt>
              <dd>
                {me.data.user_type === 'business' ? 'Business' : 'Individual'}
                {me.data.company_name ? ` · ${me.data.company_name}` : ''}
              </dd>
            </>
          )}
        </dl>
        <Button variant="outline" onClick={() => setLogoutOpen(true)}>
          Log out
        </Button>
      </Card>
      <Card title="Preferences">
        {prefs.data ? (
          <PreferencesForm key={JSON.stringify(prefs.data)} prefs={prefs.data} />
        ) : prefs.isPending ? (
          <LoadingSpinner label="Loading preferences…" />
        ) : (
          <p className="muted">Your preferences appear after the first sync.</p>
        )}
      </Card>
      <Card title="Your data">
        <p>
          Storage on this device: <strong>{storage ? STORAGE_TEXT[storage] : '…'}</strong>
        </p>
        <DownloadDataButtons />
      </Card>
      <LogoutDialog open={logoutOpen} onOpenChange={setLogoutOpen} />
    </div>
  );
}
