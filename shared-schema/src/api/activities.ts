/** Payloads of /api/v1/activities and /api/v1/emissions: the seed's fields plus ours. */
import { z } from 'zod';
import {
  DateTimeInputSchema,
  GwpSetSchema,
  PaginationQuerySchema,
  RegionSchema,
  UuidSchema,
  optionalText,
} from './common.ts';

export const DATA_QUALITIES = ['measured', 'estimated'] as const;
/** Largest amount accepted: far beyond any real activity, and safely inside a double. */
export const AMOUNT_MAX = 1e12;

const ActivityType = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(50, { error: 'must be at most 50 characters' });
const Amount = z
  .number({ error: 'must be a number' })
  .min(0, { error: 'must be at least 0' })
  .max(AMOUNT_MAX, { error: `must be at most ${AMOUNT_MAX}` });
const Unit = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(50, { error: 'must be at most 50 characters' });
const FactorKey = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(160, { error: 'must be at most 160 characters' });
const FuelType = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(100, { error: 'must be at most 100 characters' });
const FactorYear = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(1900, { error: 'must be 1900 or later' })
  .max(2100, { error: 'must be 2100 or earlier' });
const DataQuality = z.enum(DATA_QUALITIES, { error: 'must be measured or estimated' });

const writableFields = {
  description: optionalText(2000),
  timestamp: DateTimeInputSchema.optional(),
  location: optionalText(255),
  fuel_type: FuelType.nullish(),
  region: RegionSchema.nullish(),
  org_id: UuidSchema.nullish(),
  gwp_set: GwpSetSchema.nullish(),
  data_quality: DataQuality.optional(),
};

/**
 * The activity_type an activity logged by factor key alone is given: the seed's label for the
 * factor's category (the device and the server must agree, or a synced row would change).
 */
export const ACTIVITY_TYPE_BY_CATEGORY: Readonly<Record<string, string>> = {
  transportation: 'Transportation',
  energy: 'Energy Consumption',
  food: 'Food Consumption',
  purchase: 'Purchase',
  waste: 'Waste',
  travel: 'Travel',
  other: 'Other',
};

export const ActivityCreateRequestSchema = z
  .object({
    activity_id: UuidSchema.optional().meta({
      description: 'A client-generated UUID; repeating a create with the same id is idempotent',
    }),
    activity_type: ActivityType.optional().meta({
      description: 'Required unless factor_key is given, e.g. "Transportation"',
    }),
    amount: Amount,
    unit: Unit.meta({ description: 'Any spelling the engine knows: miles, kWh, kg, USD, litres…' }),
    factor_key: FactorKey.optional().meta({
      description: 'A factor from GET /api/v1/emission_factors; without it a default is chosen',
    }),
    factor_year: FactorYear.optional().meta({
      description: 'An edition of factor_key (its year); the newest edition when absent',
    }),
    ...writableFields,
  })
  .refine((a) => a.activity_type !== undefined || a.factor_key !== undefined, {
    path: ['activity_type'],
    error: 'required when factor_key is absent',
  })
  .refine((a) => a.factor_year === undefined || a.factor_key !== undefined, {
    path: ['factor_year'],
    error: 'needs factor_key',
  })
  .meta({
    id: 'ActivityCreateRequest',
    example: {
      activity_type: 'Transportation',
      description: 'Commute to work',
      amount: 25,
      unit: 'miles',
      timestamp: '2023-10-27T08:00:00Z',
      location: 'Home to Office',
    },
  });
export type ActivityCreateRequest = z.infer<typeof ActivityCreateRequestSchema>;

/** Partial update: any subset; `factor_key: null` asks for the default factor to be chosen again. */
export const ActivityUpdateRequestSchema = z
  .object({
    activity_type: ActivityType.optional(),
    amount: Amount.optional(),
    unit: Unit.optional(),
    factor_key: FactorKey.nullish(),
    factor_year: FactorYear.nullish().meta({
      description: 'An edition of the (new or current) factor; null for the newest',
    }),
    ...writableFields,
  })
  .meta({ id: 'ActivityUpdateRequest', example: { amount: 30 } });
export type ActivityUpdateRequest = z.infer<typeof ActivityUpdateRequestSchema>;

export const ActivitySchema = z
  .object({
    activity_id: UuidSchema,
    user_id: UuidSchema,
    org_id: UuidSchema.nullable(),
    activity_type: z.string(),
    category: z.string().nullable(),
    description: z.string().nullable(),
    amount: z.number(),
    unit: z.string(),
    timestamp: z.string(),
    location: z.string().nullable(),
    factor_key: z.string().nullable(),
    fuel_type: z.string().nullable(),
    region: z.string().nullable(),
    gwp_set: GwpSetSchema.nullable(),
    data_quality: DataQuality,
    emission_id: UuidSchema.nullable(),
    co2e_kg: z.number().nullable().meta({ description: 'kg CO2e of this activity' }),
    scope: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Activity' });
export type Activity = z.infer<typeof ActivitySchema>;

export const ActivityListQuerySchema = PaginationQuerySchema.extend({
  start_date: DateTimeInputSchema.optional().meta({ description: 'From this instant (inclusive)' }),
  end_date: z
    .union([z.iso.date(), z.iso.datetime({ offset: true, local: true })], {
      error: 'must be an ISO-8601 date-time or a date',
    })
    .optional()
    .meta({ description: 'Until this instant, or through the end of this date (inclusive)' }),
  activity_type: ActivityType.optional(),
  category: z.string().trim().max(20, { error: 'must be at most 20 characters' }).optional(),
  org_id: UuidSchema.optional().meta({
    description: "Lists that organisation's activities (any member) instead of your own",
  }),
});
export type ActivityListQuery = z.infer<typeof ActivityListQuerySchema>;

export const ActivityIdParamSchema = z.object({ activity_id: UuidSchema });

export const EmissionSchema = z
  .object({
    emission_id: UuidSchema,
    activity_id: UuidSchema,
    user_id: UuidSchema,
    org_id: UuidSchema.nullable(),
    co2_equivalent: z.number().meta({ description: 'kg CO2e' }),
    co2_kg: z.number(),
    ch4_kg: z.number(),
    n2o_kg: z.number(),
    biogenic_co2_kg: z.number(),
    co2e_basis: z.enum(['per_gas', 'source_co2e']),
    factor_key: z.string(),
    factor_year: z.number().int(),
    factor_source: z.string(),
    gwp_set: GwpSetSchema,
    scope: z.string(),
    scope3_category: z.number().int().nullable(),
    category: z.string(),
    converted_amount: z.number(),
    factor_unit: z.string(),
    timestamp: z.string(),
    derivation: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Emission' });
export type Emission = z.infer<typeof EmissionSchema>;
