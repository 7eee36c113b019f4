/**
 * GET /api/v1/emission_factors (public): query and response schemas, shared by the server route,
 * the OpenAPI document and any client. Each item has the seed's fields plus key, scope,
 * scope3_category, source_url and license.
 */
import { z } from 'zod';
import { PaginationQuerySchema } from '../api/common.ts';
import { FACTOR_CATEGORIES, SCOPES } from './types.ts';

const text = (max: number, what: string) =>
  z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, { error: `must not be empty` })
    .max(max, { error: `must be at most ${max} characters` })
    .meta({ description: what });

export const EmissionFactorListQuerySchema = PaginationQuerySchema.extend({
  activity_type: text(
    100,
    'An activity type ("Transportation", "Energy Consumption", ...) or a category, or words of the activity name',
  ).optional(),
  fuel_type: text(100, 'Words of the fuel or mode, e.g. "Natural Gas", "diesel", "bus"').optional(),
  region: z
    .string({ error: 'must be a string' })
    .trim()
    .toUpperCase()
    .regex(/^(GLOBAL|[A-Z0-9]{2,6})$/, {
      error: 'must be a region code such as US, GB, CAMX, EU or GLOBAL',
    })
    .optional()
    .meta({ description: 'Exact region: ISO country, eGRID subregion, EU or GLOBAL' }),
  q: text(
    200,
    'Text search: every word must appear in key, activity, fuel/mode or source',
  ).optional(),
  category: z
    .enum(FACTOR_CATEGORIES, { error: `must be one of ${FACTOR_CATEGORIES.join(', ')}` })
    .optional(),
  scope: z.enum(SCOPES, { error: `must be one of ${SCOPES.join(', ')}` }).optional(),
  year: z.coerce
    .number({ error: 'must be a year' })
    .int({ error: 'must be a year' })
    .min(1900, { error: 'must be a year between 1900 and 2100' })
    .max(2100, { error: 'must be a year between 1900 and 2100' })
    .optional(),
  key: z
    .string({ error: 'must be a string' })
    .max(160, { error: 'must be at most 160 characters' })
    .regex(/^[a-z0-9_.]+$/, {
      error: 'must be a factor key such as stationary.natural_gas.therm.us',
    })
    .optional(),
});
export type EmissionFactorListQuery = z.infer<typeof EmissionFactorListQuerySchema>;

const kg = (what: string) => z.number().nullable().meta({ description: what });

export const EmissionFactorItemSchema = z
  .object({
    emission_factor_id: z.string().meta({ description: 'UUIDv5 of key@year: the same everywhere' }),
    key: z.string().meta({ example: 'stationary.natural_gas.therm.us' }),
    year: z.number().int().meta({ description: 'Edition of the source' }),
    category: z.string(),
    activity_type: z.string(),
    fuel_type: z.string().nullable(),
    region: z.string(),
    unit: z.string().meta({ description: 'The activity unit the factor is per' }),
    emission_factor: z.number().meta({
      description:
        'kg CO2e per unit under AR5 (per gas where the source gives masses; otherwise the source total)',
    }),
    co2_factor: kg('kg CO2 per unit'),
    ch4_factor: kg('kg CH4 per unit'),
    n2o_factor: kg('kg N2O per unit'),
    co2e_gwp_set: z.string().nullable().meta({ description: "GWP basis of the source's own CO2e" }),
    scope: z.enum(SCOPES),
    scope3_category: z.number().int().nullable(),
    source: z.string(),
    source_table: z.string().nullable(),
    source_url: z.string().nullable(),
    license: z.string().nullable(),
    notes: z.string().nullable(),
  })
  .meta({ id: 'EmissionFactor' });
export type EmissionFactorItem = z.infer<typeof EmissionFactorItemSchema>;

export const EmissionFactorListResponseSchema = z
  .array(EmissionFactorItemSchema)
  .meta({ id: 'EmissionFactorList' });
