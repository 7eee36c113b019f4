/**
 * The log form (the seed's Activity/ActivityForm): category → searchable factor → amount in any
 * unit convertible to the factor's → date, location, description, with a live on-device preview.
 * Used to log, to edit, and to resend a change the server refused (the user's input kept).
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useLocalQuery } from '../../hooks/use-local-query.ts';
import { useDb } from '../../services/db-context.tsx';
import { todayLocal } from '../../utils/dates.ts';
import { formatCo2e } from '../../utils/format.ts';
import type { ActivityDetail, FactorOption, WorkerError } from '../../worker/api.ts';
import { Alert } from '../common/alert.tsx';
import { Button } from '../common/button.tsx';
import { Input, TextArea } from '../common/input.tsx';
import { Select } from '../common/select.tsx';
import {
  ActivityFormSchema,
  toActivityInput,
  type ActivityFormInput,
  type ActivityFormValues,
} from './activity-form-schema.ts';
import styles from './activity-form.module.css';
import { CATEGORIES } from './categories.ts';
import { EmissionPreview } from './emission-preview.tsx';
import { FactorPicker } from './factor-picker.tsx';

export interface ActivityFormProps {
  /** Edit this activity instead of logging a new one. */
  activityId?: string;
  initial?: Partial<ActivityFormInput>;
  /** Called after a successful write with the stored activity. */
  onSaved?: (detail: ActivityDetail) => void;
  onCancel?: () => void;
  /** Shown above the form (e.g. the server's reason for a refused change). */
  notice?: React.ReactNode;
}

const FIELD_OF: Record<string, keyof ActivityFormValues> = {
  amount: 'amount',
  unit: 'unit',
  factor_key: 'factor_key',
  timestamp: 'date',
  description: 'description',
  location: 'location',
  category: 'category',
};

// The unit a new entry starts in: the user's system where the factor accepts it, else the
// factor's own unit (the first in the list).
const METRIC = [
  'km',
  'passenger_km',
  'vehicle_km',
  'tonne_km',
  'litre',
  'kg',
  'tonne',
  'kWh',
  'm3',
];
const IMPERIAL = [
  'mile',
  'passenger_mile',
  'vehicle_mile',
  'short_ton_mile',
  'gallon',
  'lb',
  'short_ton',
  'therm',
  'cubic_foot',
];

export function preferredUnit(units: readonly string[], system: 'metric' | 'imperial'): string {
  const wanted = system === 'imperial' ? IMPERIAL : METRIC;
  return wanted.find((u) => units.includes(u)) ?? units[0] ?? '';
}

export function ActivityForm({
  activityId,
  initial,
  onSaved,
  onCancel,
  notice,
}: ActivityFormProps) {
  const db = useDb();
  const [factor, setFactor] = useState<FactorOption | null>(null);
  const [units, setUnits] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const prefs = useLocalQuery({
    key: ['preferences'],
    tables: ['users'],
    query: (d) => d.getPreferences(),
  });
  const orgs = useLocalQuery({
    key: ['organisations'],
    tables: ['organizations', 'memberships'],
    query: (d) => d.listOrganisations(),
  });
  const writableOrgs = (orgs.data ?? []).filter((o) => o.role !== 'viewer');

  const {
    control,
    register,
    handleSubmit,
    setValue,
    setError,
    setFocus,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<ActivityFormInput, unknown, ActivityFormValues>({
    resolver: zodResolver(ActivityFormSchema),
    defaultValues: {
      category: '',
      factor_key: '',
      unit: '',
      date: todayLocal(),
      location: '',
      description: '',
      org_id: null,
      ...initial,
    },
  });
  const [category, factorKey, amount, unit] = useWatch({
    control,
    name: ['category', 'factor_key', 'amount', 'unit'],
  });

  // The units an amount may be given in follow the picked factor.
  useEffect(() => {
    if (!factorKey) {
      setUnits([]);
      return;
    }
    let cancelled = false;
    void Promise.all([db.factorUnits(factorKey), db.getFactor(factorKey)]).then(([list, f]) => {
      if (cancelled) return;
      setUnits(list);
      setFactor(f);
      const current = getValues('unit');
      if (!current || !list.includes(current))
        setValue('unit', preferredUnit(list, prefs.data?.unit_system ?? 'metric'));
    });
    return () => {
      cancelled = true;
    };
  }, [factorKey, db, getValues, setValue, prefs.data?.unit_system]);

  const showError = (error: WorkerError) => {
    const field = error.field ? FIELD_OF[error.field] : undefined;
    if (field) setError(field, { message: error.message }, { shouldFocus: true });
    else setFailure(error.message);
  };

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    setSaved(null);
    const input = toActivityInput(values, factor);
    const result = activityId
      ? await db.updateActivity(activityId, input)
      : await db.logActivity(input);
    if (!result.ok) {
      showError(result.error);
      return;
    }
    const kg = result.value.emission?.co2_equivalent;
    setSaved(`${activityId ? 'Saved' : 'Logged'}: ${formatCo2e(kg)}`);
    onSaved?.(result.value);
    if (!activityId) {
      // Keep what repeats (category, activity, unit, date); clear what changes each time.
      setValue('amount', Number.NaN);
      setValue('description', '');
      setFocus('amount');
    }
  });

  const unitOptions = units.map((u) => ({ value: u, label: u }));
  return (
    <form
      className={styles.form}
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={activityId ? 'Edit activity' : 'Log an activity'}
    >
      {notice}
      {failure && <Alert severity="error">{failure}</Alert>}
      {saved && <Alert severity="success">{saved}</Alert>}
      <div className={styles.grid}>
        <Controller
          control={control}
          name="category"
          render={({ field }) => (
            <Select
              label="Category"
              value={field.value || undefined}
              onValueChange={(v) => {
                field.onChange(v);
                setValue('factor_key', '');
                setFactor(null);
              }}
              onBlur={field.onBlur}
              options={CATEGORIES.map((c) => ({ value: c.value, label: c.label }))}
              placeholder="Choose a category"
              error={errors.category?.message}
            />
          )}
        />
        <Controller
          control={control}
          name="factor_key"
          render={({ field }) => (
            <FactorPicker
              label="Activity"
              category={category || undefined}
              region={prefs.data?.default_region}
              value={field.value}
              disabled={!category}
              onBlur={field.onBlur}
              onChange={(o) => {
                field.onChange(o?.key ?? '');
                setFactor(o);
              }}
              error={errors.factor_key?.message}
            />
          )}
        />
      </div>
      <div className={styles.grid}>
        <Input
          label="Amount"
          type="number"
          inputMode="decimal"
          step="any"
          min="0"
          error={errors.amount?.message && `Amount ${errors.amount.message}`}
          {...register('amount', { valueAsNumber: true })}
        />
        <Controller
          control={control}
          name="unit"
          render={({ field }) => (
            <Select
              label="Unit"
              value={field.value || undefined}
              onValueChange={field.onChange}
              onBlur={field.onBlur}
              options={unitOptions}
              disabled={unitOptions.length === 0}
              placeholder={factorKey ? 'Loading units…' : 'Pick an activity first'}
              error={errors.unit?.message}
            />
          )}
        />
      </div>
      <EmissionPreview
        factorKey={factorKey}
        amount={typeof amount === 'number' && !Number.isNaN(amount) ? amount : undefined}
        unit={unit}
      />
      <div className={styles.grid}>
        <Input
          label="Date"
          type="date"
          error={errors.date?.message && `Date ${errors.date.message}`}
          {...register('date')}
        />
        <Input
          label="Location"
          autoComplete="off"
          hint="Where it happened, e.g. Home to office"
          error={errors.location?.message && `Location ${errors.location.message}`}
          {...register('location')}
        />
      </div>
      <TextArea
        label="Description"
        error={errors.description?.message && `Description ${errors.description.message}`}
        {...register('description')}
      />
      {writableOrgs.length > 0 && (
        <Controller
          control={control}
          name="org_id"
          render={({ field }) => (
            <Select
              label="Workspace"
              value={field.value ?? 'personal'}
              onValueChange={(v) => field.onChange(v === 'personal' ? null : v)}
              options={[
                { value: 'personal', label: 'Personal' },
                ...writableOrgs.map((o) => ({ value: o.org_id, label: o.name })),
              ]}
            />
          )}
        />
      )}
      <div className="row">
        <Button type="submit" loading={isSubmitting}>
          {activityId ? 'Save changes' : 'Log activity'}
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
