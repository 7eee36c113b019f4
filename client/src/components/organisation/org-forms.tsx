import {
  JoinOrgRequestSchema,
  OrgCreateRequestSchema,
  type JoinOrgRequest,
  type OrgCreateRequest,
} from '@eco-track/shared-schema';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { apiFetch } from '../../services/api-client.ts';
import { errorMessage } from '../../services/api-errors.ts';
import { useDb } from '../../services/db-context.tsx';
import { SERVER } from '../../services/query-client.ts';
import type { Organisation } from '../../worker/api.ts';
import styles from '../activity/activity-form.module.css';
import { Alert } from '../common/alert.tsx';
import { Button } from '../common/button.tsx';
import { Input } from '../common/input.tsx';

/** After a server-side change to organisations: refresh the server list and sync the replica. */
function useAfterOrgChange() {
  const db = useDb();
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: [SERVER, 'orgs'] });
    void db.syncNow();
  };
}

export function CreateOrgForm({
  onCreated,
  disabled,
}: {
  onCreated: (o: Organisation) => void;
  disabled: boolean;
}) {
  const after = useAfterOrgChange();
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<z.input<typeof OrgCreateRequestSchema>, unknown, OrgCreateRequest>({
    resolver: zodResolver(OrgCreateRequestSchema),
    defaultValues: { name: '' },
  });
  const create = useMutation({
    mutationFn: (body: OrgCreateRequest) => apiFetch<Organisation>('/api/v1/orgs', { body }),
    onSuccess: (org) => {
      after();
      reset();
      onCreated(org);
    },
  });
  return (
    <form
      className={styles.form}
      onSubmit={(e) => void handleSubmit((v) => create.mutate(v))(e)}
      noValidate
      aria-label="Create an organisation"
    >
      {create.error && <Alert severity="error">{errorMessage(create.error)}</Alert>}
      <Input
        label="Organisation name"
        autoComplete="organization"
        error={errors.name?.message && `Name ${errors.name.message}`}
        {...register('name')}
      />
      <div>
        <Button type="submit" loading={create.isPending} disabled={disabled}>
          Create organisation
        </Button>
      </div>
    </form>
  );
}

export function JoinOrgForm({
  onJoined,
  disabled,
}: {
  onJoined: (o: Organisation) => void;
  disabled: boolean;
}) {
  const after = useAfterOrgChange();
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<z.input<typeof JoinOrgRequestSchema>, unknown, JoinOrgRequest>({
    resolver: zodResolver(JoinOrgRequestSchema),
    defaultValues: { join_code: '' },
  });
  const join = useMutation({
    mutationFn: (body: JoinOrgRequest) => apiFetch<Organisation>('/api/v1/orgs/join', { body }),
    onSuccess: (org) => {
      after();
      reset();
      onJoined(org);
    },
  });
  return (
    <form
      className={styles.form}
      onSubmit={(e) => void handleSubmit((v) => join.mutate(v))(e)}
      noValidate
      aria-label="Join an organisation"
    >
      {join.error && <Alert severity="error">{errorMessage(join.error)}</Alert>}
      <Input
        label="Invite code"
        autoCapitalize="characters"
        spellCheck={false}
        hint="Ask an owner or admin of the organisation for it"
        error={errors.join_code?.message && `Invite code ${errors.join_code.message}`}
        {...register('join_code')}
      />
      <div>
        <Button type="submit" variant="secondary" loading={join.isPending} disabled={disabled}>
          Join organisation
        </Button>
      </div>
    </form>
  );
}
