import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiFetch } from '../../services/api-client.ts';
import { errorMessage } from '../../services/api-errors.ts';
import { useDb } from '../../services/db-context.tsx';
import { SERVER } from '../../services/query-client.ts';
import type { Organisation } from '../../worker/api.ts';
import { Alert } from '../common/alert.tsx';
import { Button } from '../common/button.tsx';
import styles from './organisation.module.css';

/** The invite (join) code, for owners and admins: copy it, or replace it with a new one. */
export function OrgInvite({ org, online }: { org: Organisation; online: boolean }) {
  const db = useDb();
  const queryClient = useQueryClient();
  const [copied, setCopied] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  const rotate = useMutation({
    mutationFn: () =>
      apiFetch<{ join_code: string }>(`/api/v1/orgs/${org.org_id}/join_code`, { method: 'POST' }),
    onSuccess: (r) => {
      setCode(r.join_code);
      void queryClient.invalidateQueries({ queryKey: [SERVER, 'orgs'] });
      void db.syncNow();
    },
  });
  const shown = code ?? org.join_code;
  if (!shown) return <p className="muted">Only owners and admins see the invite code.</p>;
  return (
    <div className="stack">
      <p>Share this code with colleagues; they enter it under “Join an organisation”.</p>
      <p className={styles.code} data-testid="join-code">
        {shown}
      </p>
      <div className="row">
        <Button
          size="small"
          variant="outline"
          onClick={() => {
            void navigator.clipboard?.writeText(shown).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy code'}
        </Button>
        <Button
          size="small"
          variant="ghost"
          disabled={!online}
          loading={rotate.isPending}
          onClick={() => rotate.mutate()}
        >
          New code
        </Button>
      </div>
      {rotate.error && <Alert severity="error">{errorMessage(rotate.error)}</Alert>}
    </div>
  );
}
