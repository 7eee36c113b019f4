import { GWP_SETS, UpdateMeRequestSchema } from '@eco-track/shared-schema';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { useDb } from '../../services/db-context.tsx';
import type { Preferences } from '../../worker/api.ts';
import styles from '../activity/activity-form.module.css';
import { Alert } from '../common/alert.tsx';
import { Button } from '../common/button.tsx';
import { Checkbox } from '../common/checkbox.tsx';
import { Input } from '../common/input.tsx';
import { Select } from '../common/select.tsx';

// The shared PATCH /auth/me rules for these fields, all required in this form.
const PreferencesFormSchema = UpdateMeRequestSchema.pick({ display_name: true }).extend({
  unit_system: UpdateMeRequestSchema.shape.unit_system.unwrap(),
  default_region: UpdateMeRequestSchema.shape.default_region.unwrap(),
  gwp_set: UpdateMeRequestSchema.shape.gwp_set.unwrap(),
  leaderboard_opt_in: z.boolean(),
});
type FormInput = z.input<typeof PreferencesFormSchema>;
type FormOutput = z.output<typeof PreferencesFormSchema>;

const GWP_LABELS: Record<string, string> = {
  AR4: 'AR4 (IPCC 2007)',
  AR5: 'AR5 (IPCC 2013, default)',
  AR6: 'AR6 (IPCC 2021)',
};

/** Units, region and GWP set; saved to the local database and synced. */
export function PreferencesForm({ prefs }: { prefs: Preferences }) {
  const db = useDb();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const {
    control,
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(PreferencesFormSchema),
    defaultValues: {
      display_name: prefs.display_name ?? '',
      unit_system: prefs.unit_system,
      default_region: prefs.default_region,
      gwp_set: prefs.gwp_set,
      leaderboard_opt_in: prefs.leaderboard_opt_in,
    },
  });
  const submit = handleSubmit(async (v) => {
    const r = await db.updatePreferences({ ...v, display_name: v.display_name ?? null });
    setResult(
      r.ok ? { ok: true, text: 'Preferences saved.' } : { ok: false, text: r.error.message },
    );
  });
  return (
    <form
      className={styles.form}
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label="Preferences"
    >
      {result && <Alert severity={result.ok ? 'success' : 'error'}>{result.text}</Alert>}
      <div className={styles.grid}>
        <Controller
          control={control}
          name="unit_system"
          render={({ field }) => (
            <Select
              label="Units"
              value={field.value}
              onValueChange={field.onChange}
              options={[
                { value: 'metric', label: 'Metric (km, litres, kg)' },
                { value: 'imperial', label: 'Imperial (miles, gallons, lb)' },
              ]}
            />
          )}
        />
        <Input
          label="Default region"
          hint="Where most of your activities happen: a country (US, GB), a state (US-CA) or GLOBAL"
          autoCapitalize="characters"
          error={errors.default_region?.message && `Region ${errors.default_region.message}`}
          {...register('default_region')}
        />
        <Controller
          control={control}
          name="gwp_set"
          render={({ field }) => (
            <Select
              label="GWP set"
              hint="The global warming potentials used to add up CH4 and N2O"
              value={field.value}
              onValueChange={field.onChange}
              options={GWP_SETS.map((g) => ({ value: g, label: GWP_LABELS[g] ?? g }))}
            />
          )}
        />
        <Input
          label="Display name"
          hint="Shown on leaderboards if you opt in"
          error={errors.display_name?.message && `Display name ${errors.display_name.message}`}
          {...register('display_name')}
        />
      </div>
      <Controller
        control={control}
        name="leaderboard_opt_in"
        render={({ field }) => (
          <Checkbox
            label="Show me on the global leaderboard"
            checked={field.value}
            onChange={(e) => field.onChange(e.target.checked)}
            onBlur={field.onBlur}
          />
        )}
      />
      <div>
        <Button type="submit" loading={isSubmitting}>
          Save preferences
        </Button>
      </div>
    </form>
  );
}
