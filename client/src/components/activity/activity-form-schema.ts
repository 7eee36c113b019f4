/**
 * The log form's fields, validated with the shared REST schemas' own field rules (amount range,
 * unit, location and description lengths) plus the form-only steps (category, picked factor,
 * date input).
 */
import { ActivityCreateRequestSchema, DateInputSchema } from '@eco-track/shared-schema';
import { z } from 'zod';
import { dateInputToIso } from '../../utils/dates.ts';
import type { ActivityInput } from '../../worker/api.ts';
import { activityTypeFor } from './categories.ts';

const shared = ActivityCreateRequestSchema.shape;

export const ActivityFormSchema = z.object({
  category: z.string().min(1, { error: 'Choose a category' }),
  factor_key: z.string().min(1, { error: 'Pick an activity from the list' }),
  amount: shared.amount,
  unit: shared.unit,
  date: DateInputSchema,
  location: shared.location,
  description: shared.description,
  org_id: z.string().nullable(),
});

export type ActivityFormInput = z.input<typeof ActivityFormSchema>;
export type ActivityFormValues = z.output<typeof ActivityFormSchema>;

/** What the worker's logActivity / updateActivity take, from valid form values. */
export function toActivityInput(
  v: ActivityFormValues,
  factor: { region: string; fuelOrMode: string | null } | null,
): ActivityInput {
  return {
    activity_type: activityTypeFor(v.category),
    category: v.category,
    factor_key: v.factor_key,
    amount: v.amount,
    unit: v.unit,
    timestamp: dateInputToIso(v.date),
    location: v.location ?? null,
    description: v.description ?? null,
    region: factor?.region ?? null,
    fuel_type: factor?.fuelOrMode ?? null,
    org_id: v.org_id,
  };
}

/** The form's values for an existing activity (edit) or a rejected one (resubmit). */
export function formValuesFrom(
  source: object,
  toDateInput: (iso: string) => string,
): Partial<ActivityFormInput> {
  const a = source as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const emission = a.emission as { category?: unknown } | null | undefined;
  return {
    category: text(a.category) || text(emission?.category),
    factor_key: text(a.factor_key),
    amount: typeof a.amount === 'number' ? a.amount : Number(a.amount),
    unit: text(a.unit),
    date: typeof a.timestamp === 'string' ? toDateInput(a.timestamp) : '',
    location: text(a.location),
    description: text(a.description),
    org_id: typeof a.org_id === 'string' ? a.org_id : null,
  };
}
