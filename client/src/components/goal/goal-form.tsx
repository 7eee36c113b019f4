import { GoalCreateRequestSchema, type GoalCreateRequest } from '@eco-track/shared-schema';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { useDb } from '../../services/db-context.tsx';
import type { Goal, GoalInput, Organisation } from '../../worker/api.ts';
import { Alert } from '../common/alert.tsx';
import { Button } from '../common/button.tsx';
import { Input, TextArea } from '../common/input.tsx';
import { Select } from '../common/select.tsx';
import styles from '../activity/activity-form.module.css';

type FormInput = z.input<typeof GoalCreateRequestSchema>;

const KINDS = [
  { value: '%', label: 'Reduce my footprint by a percentage', goalType: 'Reduce Carbon Footprint' },
  { value: 'kg CO2e', label: 'Stay within a carbon budget', goalType: 'Carbon Budget' },
];

function monthBounds(now = new Date()): { start: string; end: string } {
  const y = now.getFullYear();
  const m = now.getMonth();
  const iso = (d: Date) =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { start: iso(new Date(y, m, 1)), end: iso(new Date(y, m + 1, 0)) };
}

/** Create or edit a goal (the seed's Goal/GoalForm), validated with the shared goal schema. */
export function GoalForm({
  goal,
  orgs,
  onSaved,
  onCancel,
}: {
  goal?: Goal;
  orgs: readonly Organisation[];
  onSaved?: (g: Goal) => void;
  onCancel?: () => void;
}) {
  const db = useDb();
  const [failure, setFailure] = useState<string | null>(null);
  const month = monthBounds();
  const {
    control,
    register,
    handleSubmit,
    reset,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<FormInput, unknown, GoalCreateRequest>({
    resolver: zodResolver(GoalCreateRequestSchema),
    defaultValues: goal
      ? {
          goal_type: goal.goal_type,
          description: goal.description ?? '',
          target_value: goal.target_value,
          unit: goal.unit,
          start_date: goal.start_date,
          end_date: goal.end_date,
          org_id: goal.org_id,
        }
      : {
          goal_type: 'Reduce Carbon Footprint',
          description: '',
          unit: '%',
          start_date: month.start,
          end_date: month.end,
          org_id: null,
        },
  });
  const unit = useWatch({ control, name: 'unit' });
  const writableOrgs = orgs.filter((o) => o.role === 'owner' || o.role === 'admin');

  const submit = handleSubmit(async (v) => {
    setFailure(null);
    const input: GoalInput = {
      goal_type: v.goal_type,
      description: v.description ?? null,
      target_value: v.target_value,
      unit: v.unit,
      start_date: v.start_date,
      end_date: v.end_date,
      org_id: v.org_id ?? null,
    };
    const r = goal ? await db.updateGoal(goal.goal_id, input) : await db.createGoal(input);
    if (!r.ok) {
      setFailure(r.error.message);
      return;
    }
    onSaved?.(r.value);
    if (!goal) reset();
  });

  return (
    <form
      className={styles.form}
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={goal ? 'Edit goal' : 'Set a goal'}
    >
      {failure && <Alert severity="error">{failure}</Alert>}
      <Controller
        control={control}
        name="unit"
        render={({ field }) => (
          <Select
            label="Kind of goal"
            value={field.value}
            onValueChange={(v) => {
              field.onChange(v);
              const kind = KINDS.find((k) => k.value === v);
              if (kind) setValue('goal_type', kind.goalType);
            }}
            options={KINDS}
          />
        )}
      />
      <div className={styles.grid}>
        <Input
          label={unit === '%' ? 'Target reduction (%)' : 'Budget (kg CO2e)'}
          type="number"
          inputMode="decimal"
          step="any"
          min="0"
          error={errors.target_value?.message && `Target ${errors.target_value.message}`}
          {...register('target_value', { valueAsNumber: true })}
        />
        <Input
          label="Starts"
          type="date"
          error={errors.start_date?.message && `Start ${errors.start_date.message}`}
          {...register('start_date')}
        />
        <Input
          label="Ends"
          type="date"
          error={errors.end_date?.message && `End ${errors.end_date.message}`}
          {...register('end_date')}
        />
      </div>
      <TextArea
        label="Goal description"
        hint="e.g. Cut my commuting emissions this month"
        error={errors.description?.message && `Description ${errors.description.message}`}
        {...register('description')}
      />
      {writableOrgs.length > 0 && (
        <Controller
          control={control}
          name="org_id"
          render={({ field }) => (
            <Select
              label="Whose emissions"
              value={field.value ?? 'personal'}
              onValueChange={(v) => field.onChange(v === 'personal' ? null : v)}
              options={[
                { value: 'personal', label: 'Mine' },
                ...writableOrgs.map((o) => ({ value: o.org_id, label: o.name })),
              ]}
            />
          )}
        />
      )}
      <div className="row">
        <Button type="submit" loading={isSubmitting}>
          {goal ? 'Save goal' : 'Set goal'}
        </Button>
        {onCancel && (
          <Button variant="outline" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
