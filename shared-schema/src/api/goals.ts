/**
 * Payloads of /api/v1/goals. A goal's `unit` decides how its progress is measured (the rule is
 * implemented and documented in sync-server/src/services/goals.ts):
 *   "%"                  a percentage reduction of emissions against the same-length period
 *                        before start_date; current_value = the reduction achieved so far (%)
 *   "kg CO2e" (or "kg")  an absolute budget; current_value = kg CO2e emitted so far in the period
 */
import { z } from 'zod';
import { DateInputSchema, PaginationQuerySchema, UuidSchema, optionalText } from './common.ts';

export const GOAL_STATUSES = ['active', 'completed', 'failed'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export type GoalRule = 'percent_reduction' | 'absolute_budget';
/** The unit spellings accepted, as written in error messages. */
export const GOAL_UNITS = ['%', 'kg CO2e', 'kg'] as const;
/** Largest target accepted: far beyond any real footprint, safely inside a double. */
export const GOAL_TARGET_MAX = 1e12;

/** The measuring rule a unit selects, or undefined for a unit goals cannot measure. */
export function goalRuleForUnit(unit: string): GoalRule | undefined {
  const u = unit
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '');
  if (u === '%' || u === 'percent') return 'percent_reduction';
  if (u === 'kgco2e' || u === 'kg' || u === 'kgco2eq') return 'absolute_budget';
  return undefined;
}

const GoalType = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(50, { error: 'must be at most 50 characters' });
const GoalUnit = z
  .string({ error: 'must be a string' })
  .trim()
  .max(50, { error: 'must be at most 50 characters' })
  .refine((u) => goalRuleForUnit(u) !== undefined, {
    error: `must be one of ${GOAL_UNITS.map((u) => `"${u}"`).join(', ')}: "%" for a percentage reduction against the period before start_date, "kg CO2e" for an emissions budget`,
  });
const TargetValue = z
  .number({ error: 'must be a number' })
  .min(0, { error: 'must be at least 0' })
  .max(GOAL_TARGET_MAX, { error: `must be at most ${GOAL_TARGET_MAX}` });

/** A percentage reduction above 100% cannot be reached; shared by create and (merged) update. */
export function goalProblems(g: {
  unit: string;
  target_value: number;
  start_date: string;
  end_date: string;
}): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (g.end_date < g.start_date)
    out.push({ path: 'end_date', message: 'must not be before start_date' });
  if (goalRuleForUnit(g.unit) === 'percent_reduction' && g.target_value > 100) {
    out.push({ path: 'target_value', message: 'a percentage reduction must be at most 100' });
  }
  return out;
}

export const GoalCreateRequestSchema = z
  .object({
    goal_id: UuidSchema.optional().meta({
      description:
        'A client-generated UUID; repeating a create with the same id and content is idempotent',
    }),
    goal_type: GoalType.meta({ description: 'e.g. "Reduce Carbon Footprint"' }),
    description: optionalText(2000),
    target_value: TargetValue.meta({
      description: 'The reduction in % (unit "%"), or the budget in kg CO2e (unit "kg CO2e")',
    }),
    unit: GoalUnit,
    start_date: DateInputSchema,
    end_date: DateInputSchema,
    org_id: UuidSchema.nullish().meta({
      description: "An organisation goal, measured on the organisation's emissions",
    }),
  })
  .superRefine((g, ctx) => {
    for (const p of goalProblems(g))
      ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
  })
  .meta({
    id: 'GoalCreateRequest',
    example: {
      goal_type: 'Reduce Carbon Footprint',
      description: 'Reduce monthly carbon footprint by 10%',
      target_value: 10,
      unit: '%',
      start_date: '2023-11-01',
      end_date: '2023-11-30',
    },
  });
export type GoalCreateRequest = z.infer<typeof GoalCreateRequestSchema>;

/** Partial update; current_value and status are computed, never written. */
export const GoalUpdateRequestSchema = z
  .object({
    goal_type: GoalType.optional(),
    description: optionalText(2000),
    target_value: TargetValue.optional(),
    unit: GoalUnit.optional(),
    start_date: DateInputSchema.optional(),
    end_date: DateInputSchema.optional(),
  })
  .refine((g) => Object.values(g).some((v) => v !== undefined), {
    error: 'give at least one of goal_type, description, target_value, unit, start_date, end_date',
  })
  .meta({ id: 'GoalUpdateRequest', example: { target_value: 15 } });
export type GoalUpdateRequest = z.infer<typeof GoalUpdateRequestSchema>;

export const GoalSchema = z
  .object({
    goal_id: UuidSchema,
    user_id: UuidSchema,
    org_id: UuidSchema.nullable(),
    goal_type: z.string(),
    description: z.string().nullable(),
    target_value: z.number(),
    unit: z.string(),
    start_date: z.string(),
    end_date: z.string(),
    current_value: z
      .number()
      .nullable()
      .meta({
        description:
          'Unit "%": the reduction achieved so far against the matching part of the baseline ' +
          'period (null while nothing can be compared). Unit "kg CO2e": kg CO2e emitted so far.',
      }),
    status: z.enum(GOAL_STATUSES),
    baseline_value: z.number().nullable().meta({
      description: 'Unit "%": kg CO2e in the matching part of the period before start_date',
    }),
    period_emissions: z.number().meta({ description: 'kg CO2e emitted in the period so far' }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Goal' });
export type Goal = z.infer<typeof GoalSchema>;

export const GoalListQuerySchema = PaginationQuerySchema.extend({
  status: z.enum(GOAL_STATUSES, { error: 'must be one of active, completed, failed' }).optional(),
  org_id: UuidSchema.optional().meta({
    description: "Lists that organisation's goals (any member) instead of your own",
  }),
});
export type GoalListQuery = z.infer<typeof GoalListQuerySchema>;

export const GoalIdParamSchema = z.object({ goal_id: UuidSchema });
