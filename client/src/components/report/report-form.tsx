import {
  ESG_FRAMEWORKS,
  REPORT_TYPES,
  ReportCreateRequestSchema,
  type ReportCreateRequest,
} from '@eco-track/shared-schema';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { useOnline } from '../../hooks/use-online.ts';
import { apiFetch } from '../../services/api-client.ts';
import { errorMessage } from '../../services/api-errors.ts';
import { SERVER } from '../../services/query-client.ts';
import type { Organisation, Report } from '../../worker/api.ts';
import styles from '../activity/activity-form.module.css';
import { Alert } from '../common/alert.tsx';
import { Button } from '../common/button.tsx';
import { Input } from '../common/input.tsx';
import { Select } from '../common/select.tsx';

type FormInput = z.input<typeof ReportCreateRequestSchema>;

const FRAMEWORK_LABELS: Record<string, string> = {
  gri: 'GRI 305',
  sasb: 'SASB',
  esrs: 'ESRS E1-6',
};

/**
 * Generates a report on the server (it aggregates synced data). The stored report then syncs to
 * this device for offline reading; meanwhile the server's answer is cached under ['server',…].
 */
export function ReportForm({
  orgs,
  onCreated,
}: {
  orgs: readonly Organisation[];
  onCreated: (r: Report) => void;
}) {
  const online = useOnline();
  const queryClient = useQueryClient();
  const {
    control,
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<FormInput, unknown, ReportCreateRequest>({
    resolver: zodResolver(ReportCreateRequestSchema),
    defaultValues: { report_type: 'Monthly Carbon Footprint', org_id: null },
  });
  const type = useWatch({ control, name: 'report_type' });
  const create = useMutation({
    mutationFn: (body: ReportCreateRequest) =>
      apiFetch<Report>('/api/v1/reports', { body: stripEmpty(body) }),
    onSuccess: (report) => {
      queryClient.setQueryData([SERVER, 'report', report.report_id], report);
      onCreated(report);
    },
  });
  const readers = orgs.filter((o) => o.role !== 'viewer');

  return (
    <form
      className={styles.form}
      onSubmit={(e) => void handleSubmit((v) => create.mutate(v))(e)}
      noValidate
      aria-label="Create a report"
    >
      {!online && (
        <Alert severity="warning">
          Creating a report needs a connection. The reports below are on this device and open
          offline.
        </Alert>
      )}
      {create.error && <Alert severity="error">{errorMessage(create.error)}</Alert>}
      <div className={styles.grid}>
        <Controller
          control={control}
          name="report_type"
          render={({ field }) => (
            <Select
              label="Report type"
              value={field.value}
              onValueChange={field.onChange}
              options={REPORT_TYPES.map((t) => ({ value: t, label: t }))}
            />
          )}
        />
        {type === 'ESG Report' && (
          <Controller
            control={control}
            name="framework"
            render={({ field }) => (
              <Select
                label="Framework"
                value={field.value}
                onValueChange={field.onChange}
                options={ESG_FRAMEWORKS.map((f) => ({ value: f, label: FRAMEWORK_LABELS[f] ?? f }))}
                error={errors.framework?.message && `Framework ${errors.framework.message}`}
              />
            )}
          />
        )}
        <Input
          label="First day"
          type="date"
          hint={
            type?.startsWith('Monthly') || type?.startsWith('Yearly')
              ? 'Optional: defaults to the current period'
              : undefined
          }
          error={errors.start_date?.message && `First day ${errors.start_date.message}`}
          {...register('start_date', { setValueAs: (v: string) => v || undefined })}
        />
        <Input
          label="Last day"
          type="date"
          error={errors.end_date?.message && `Last day ${errors.end_date.message}`}
          {...register('end_date', { setValueAs: (v: string) => v || undefined })}
        />
        {readers.length > 0 && (
          <Controller
            control={control}
            name="org_id"
            render={({ field }) => (
              <Select
                label="Report on"
                value={field.value ?? 'personal'}
                onValueChange={(v) => field.onChange(v === 'personal' ? null : v)}
                options={[
                  { value: 'personal', label: 'My own emissions' },
                  ...readers.map((o) => ({ value: o.org_id, label: o.name })),
                ]}
              />
            )}
          />
        )}
      </div>
      <div>
        <Button type="submit" loading={create.isPending} disabled={!online}>
          Create report
        </Button>
      </div>
    </form>
  );
}

function stripEmpty(body: ReportCreateRequest): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined && v !== null));
}
