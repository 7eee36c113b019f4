import { ORG_ROLES } from '@eco-track/shared-schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../services/api-client.ts';
import { errorMessage } from '../../services/api-errors.ts';
import { useDb } from '../../services/db-context.tsx';
import { SERVER } from '../../services/query-client.ts';
import { useSession } from '../../hooks/use-session.ts';
import { formatDate } from '../../utils/format.ts';
import type { Organisation, OrgRole } from '../../worker/api.ts';
import { Alert } from '../common/alert.tsx';
import { Button } from '../common/button.tsx';
import { LoadingSpinner } from '../common/loading-spinner.tsx';
import { Select } from '../common/select.tsx';

interface Member {
  user_id: string;
  username: string;
  display_name: string | null;
  email: string | null;
  role: OrgRole;
  joined_at: string;
}

const ROLE_LABELS: Record<OrgRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  viewer: 'Viewer',
};

/** Members and roles (names come from the server; cached for offline reading). */
export function OrgMembers({ org, online }: { org: Organisation; online: boolean }) {
  const session = useSession();
  const db = useDb();
  const queryClient = useQueryClient();
  const manage = org.role === 'owner' || org.role === 'admin';
  const key = [SERVER, 'orgs', org.org_id, 'members'];
  const members = useQuery({
    queryKey: key,
    queryFn: () => apiFetch<Member[]>(`/api/v1/orgs/${org.org_id}/members`),
  });
  const after = () => {
    void queryClient.invalidateQueries({ queryKey: key });
    void db.syncNow();
  };
  const changeRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: OrgRole }) =>
      apiFetch(`/api/v1/orgs/${org.org_id}/members/${userId}`, { method: 'PUT', body: { role } }),
    onSuccess: after,
  });
  const remove = useMutation({
    mutationFn: (userId: string) =>
      apiFetch(`/api/v1/orgs/${org.org_id}/members/${userId}`, { method: 'DELETE' }),
    onSuccess: after,
  });

  if (members.isPending && members.fetchStatus !== 'idle')
    return <LoadingSpinner label="Loading members…" />;
  if (!members.data)
    return (
      <p className="muted">
        {members.error
          ? errorMessage(members.error)
          : 'Offline: the member list shows after it has loaded once.'}
      </p>
    );
  const error = changeRole.error ?? remove.error;
  return (
    <div className="stack">
      {error && <Alert severity="error">{errorMessage(error)}</Alert>}
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Joined</th>
            {manage && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {members.data.map((m) => {
            const name = m.display_name || m.username;
            const isMe = m.user_id === session?.userId;
            const editable = manage && !isMe && (org.role === 'owner' || m.role !== 'owner');
            return (
              <tr key={m.user_id}>
                <th scope="row">
                  {name}
                  {isMe ? ' (you)' : ''}
                  {m.email && <div className="muted">{m.email}</div>}
                </th>
                <td>
                  {editable ? (
                    <Select
                      label={<span className="visually-hidden">Role of {name}</span>}
                      value={m.role}
                      disabled={!online || changeRole.isPending}
                      onValueChange={(role) =>
                        changeRole.mutate({ userId: m.user_id, role: role as OrgRole })
                      }
                      options={ORG_ROLES.filter((r) => org.role === 'owner' || r !== 'owner').map(
                        (r) => ({ value: r, label: ROLE_LABELS[r] }),
                      )}
                    />
                  ) : (
                    ROLE_LABELS[m.role]
                  )}
                </td>
                <td>{formatDate(m.joined_at)}</td>
                {manage && (
                  <td>
                    {editable && (
                      <Button
                        size="small"
                        variant="ghost"
                        disabled={!online}
                        onClick={() => remove.mutate(m.user_id)}
                      >
                        Remove<span className="visually-hidden"> {name}</span>
                      </Button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
