import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Leaderboard } from '../components/challenge/leaderboard.tsx';
import { Alert } from '../components/common/alert.tsx';
import { Card } from '../components/common/card.tsx';
import { EmptyState } from '../components/common/empty-state.tsx';
import { Select } from '../components/common/select.tsx';
import { CreateOrgForm, JoinOrgForm } from '../components/organisation/org-forms.tsx';
import { OrgInventory } from '../components/organisation/org-inventory.tsx';
import { OrgInvite } from '../components/organisation/org-invite.tsx';
import { OrgMembers } from '../components/organisation/org-members.tsx';
import { useLocalQuery } from '../hooks/use-local-query.ts';
import { useOnline } from '../hooks/use-online.ts';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { apiFetch } from '../services/api-client.ts';
import { SERVER } from '../services/query-client.ts';
import type { Organisation } from '../worker/api.ts';

const ROLE: Record<string, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  viewer: 'Viewer',
};

export function OrganisationPage() {
  usePageTitle('Organisation');
  const online = useOnline();
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const local = useLocalQuery({
    key: ['organisations'],
    tables: ['organizations', 'memberships'],
    query: (db) => db.listOrganisations(),
  });
  // Until a new or joined organisation has synced down, the server's list fills the gap.
  const remote = useQuery({
    queryKey: [SERVER, 'orgs'],
    queryFn: () => apiFetch<Organisation[]>('/api/v1/orgs'),
  });
  const orgs = useMemo(() => {
    const byId = new Map<string, Organisation>();
    for (const o of remote.data ?? []) byId.set(o.org_id, o);
    for (const o of local.data ?? [])
      byId.set(o.org_id, {
        ...byId.get(o.org_id),
        ...o,
        join_code: o.join_code ?? byId.get(o.org_id)?.join_code ?? null,
      });
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  }, [local.data, remote.data]);
  const current = orgs.find((o) => o.org_id === selected) ?? orgs[0];

  return (
    <div className="stack">
      <div className="page-header">
        <h1>Organisation</h1>
        {orgs.length > 1 && current && (
          <Select
            label="Organisation"
            value={current.org_id}
            onValueChange={setSelected}
            options={orgs.map((o) => ({ value: o.org_id, label: o.name }))}
          />
        )}
      </div>
      {!online && (
        <Alert severity="warning">
          Offline: you can read your organisations; creating, joining and managing members need a
          connection.
        </Alert>
      )}
      {notice && (
        <Alert severity="success" onDismiss={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {current ? (
        <>
          <Card title={current.name}>
            <p>
              Your role: <strong>{ROLE[current.role] ?? current.role}</strong>
              {current.industry ? ` · ${current.industry}` : ''}
              {current.employees ? ` · ${current.employees} employees` : ''} · GWP {current.gwp_set}
            </p>
            <p className="muted">
              Activities logged into this workspace are shared with its members. Viewers can read,
              members and up can log.
            </p>
          </Card>
          <div className="grid">
            <Card title="Invite people" level={2}>
              <OrgInvite org={current} online={online} />
            </Card>
            <Card title="Inventory" level={2}>
              <OrgInventory orgId={current.org_id} />
            </Card>
          </div>
          <Card title="Members and roles">
            <OrgMembers org={current} online={online} />
          </Card>
          <Card title="Leaderboard">
            <Leaderboard scope="org" id={current.org_id} title={`${current.name} leaderboard`} />
          </Card>
        </>
      ) : (
        <Card>
          <EmptyState title="You are not in an organisation yet.">
            <p>Create one for your team, or join one with an invite code.</p>
          </EmptyState>
        </Card>
      )}
      <div className="grid">
        <Card title="Create an organisation">
          <CreateOrgForm
            disabled={!online}
            onCreated={(o) => {
              setSelected(o.org_id);
              setNotice(`Created ${o.name}.`);
            }}
          />
        </Card>
        <Card title="Join an organisation">
          <JoinOrgForm
            disabled={!online}
            onJoined={(o) => {
              setSelected(o.org_id);
              setNotice(`You joined ${o.name}.`);
            }}
          />
        </Card>
      </div>
    </div>
  );
}
