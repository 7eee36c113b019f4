/**
 * Payloads of the ESG endpoints: GHG inventory (/orgs/{org_id}/inventory, /users/me/inventory),
 * its activity listing, contractual instruments and narrative templates, report export and
 * re-issue. Inventory masses are kg CO2e.
 */
import { z } from 'zod';
import { DateInputSchema, DateTimeInputSchema, UuidSchema } from './common.ts';

const Kg = z.number().meta({ description: 'kg CO2e' });
const intQuery = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` })
    .default(fallback);

const periodRefine = (
  q: { from?: string | undefined; to?: string | undefined },
  ctx: z.RefinementCtx,
) => {
  if (q.from && q.to && q.to < q.from)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
};

export const InventoryQuerySchema = z
  .object({
    from: DateInputSchema.optional().meta({
      description: 'First day (UTC, inclusive); default 1 January of this year',
    }),
    to: DateInputSchema.optional().meta({
      description: 'Last day (UTC, inclusive); default today',
    }),
    trace_limit: intQuery(0, 10_000, 100).meta({
      description: 'Activity ids listed under each figure (the complete list is at activities_url)',
    }),
  })
  .superRefine(periodRefine);
export type InventoryQuery = z.infer<typeof InventoryQuerySchema>;

export const INVENTORY_FIGURES = ['all', 'scope1', 'scope2', 'scope3', 'biogenic'] as const;

export const InventoryActivitiesQuerySchema = z
  .object({
    from: DateInputSchema.optional(),
    to: DateInputSchema.optional(),
    figure: z
      .enum(INVENTORY_FIGURES, { error: `must be one of ${INVENTORY_FIGURES.join(', ')}` })
      .default('all'),
    scope3_category: z.coerce.number().int().min(1).max(15).optional(),
    after_timestamp: DateTimeInputSchema.optional().meta({
      description: 'Keyset cursor: the last line’s timestamp',
    }),
    after_activity_id: UuidSchema.optional().meta({
      description: 'Keyset cursor: the last line’s activity_id',
    }),
    limit: intQuery(1, 5_000, 500),
  })
  .superRefine((q, ctx) => {
    periodRefine(q, ctx);
    if (Boolean(q.after_timestamp) !== Boolean(q.after_activity_id))
      ctx.addIssue({
        code: 'custom',
        path: ['after_activity_id'],
        message: 'after_timestamp and after_activity_id go together',
      });
    if (q.scope3_category !== undefined && q.figure !== 'scope3')
      ctx.addIssue({
        code: 'custom',
        path: ['scope3_category'],
        message: 'only applies to figure=scope3',
      });
  });
export type InventoryActivitiesQuery = z.infer<typeof InventoryActivitiesQuerySchema>;

const FigureTraceSchema = z
  .object({
    activity_count: z.number().int(),
    gwp_sets: z.array(z.string()),
    factors: z.array(
      z.object({
        factor_key: z.string(),
        factor_year: z.number().int(),
        factor_source: z.string(),
        gwp_set: z.string(),
        activity_count: z.number().int(),
        co2e_kg: Kg,
      }),
    ),
    activity_ids: z.array(z.string()),
    activity_ids_truncated: z.boolean(),
    activities_url: z.string(),
  })
  .loose()
  .meta({ id: 'FigureTrace' });

export const InventorySchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    activity_count: z.number().int(),
    scope1_kg: Kg,
    scope2_location_kg: Kg,
    scope2_market_kg: Kg,
    scope3_kg: Kg,
    scope3_by_category: z
      .record(z.string(), Kg)
      .meta({ description: 'Scope 3 category (1-15) to kg CO2e' }),
    scope3_excluded_categories: z.array(z.number().int()),
    total_location_kg: Kg,
    total_market_kg: Kg,
    by_gas: z.object({
      co2_kg: z.number(),
      ch4_kg: z.number(),
      n2o_kg: z.number(),
      unsplit_co2e_kg: Kg,
    }),
    biogenic_co2_kg: z.number(),
    traceability: z.record(z.string(), FigureTraceSchema),
  })
  .loose()
  .meta({ id: 'Inventory', description: 'GHG inventory with the traceability of every figure' });

export const InventoryActivityLineSchema = z
  .object({
    activity_id: z.string(),
    timestamp: z.string(),
    factor_key: z.string(),
    factor_year: z.number().int(),
    factor_source: z.string(),
    gwp_set: z.string(),
    scope: z.string(),
    co2e_kg: Kg,
  })
  .loose()
  .meta({ id: 'InventoryActivityLine' });

const isoDate = DateInputSchema;

export const INSTRUMENT_TYPES = [
  'energy_attribute_certificate',
  'green_tariff',
  'supplier_specific',
] as const;
export const CERTIFICATE_SCHEMES = ['REC', 'GO', 'REGO', 'I-REC', 'other'] as const;

export const InstrumentCreateRequestSchema = z
  .object({
    instrument_type: z.enum(INSTRUMENT_TYPES, {
      error: `must be one of ${INSTRUMENT_TYPES.join(', ')}`,
    }),
    certificate_scheme: z.enum(CERTIFICATE_SCHEMES).nullish(),
    supplier: z.string().trim().min(1).max(255).nullish(),
    description: z.string().max(2000).nullish(),
    period_start: isoDate,
    period_end: isoDate,
    regions: z.array(z.string().trim().min(1).max(16)).min(1).max(100).nullish().meta({
      description: 'Grid regions of the electricity factors covered (e.g. GB, CAMX); null = any',
    }),
    quantity_kwh: z.number().positive().max(1e15).nullish().meta({
      description: 'Volume covered; null = all matching consumption (not for certificates)',
    }),
    emission_factor_kg_per_kwh: z.number().min(0).max(10).default(0),
    evidence_ref: z.string().max(1000).nullish(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.period_end < v.period_start)
      ctx.addIssue({
        code: 'custom',
        path: ['period_end'],
        message: 'must not be before period_start',
      });
    if (v.instrument_type === 'energy_attribute_certificate' && v.quantity_kwh == null)
      ctx.addIssue({
        code: 'custom',
        path: ['quantity_kwh'],
        message: 'an energy attribute certificate needs quantity_kwh (the volume it certifies)',
      });
    if (v.instrument_type !== 'energy_attribute_certificate' && v.certificate_scheme)
      ctx.addIssue({
        code: 'custom',
        path: ['certificate_scheme'],
        message: 'applies to energy_attribute_certificate only',
      });
  })
  .meta({ id: 'InstrumentCreateRequest' });
export type InstrumentCreateRequest = z.infer<typeof InstrumentCreateRequestSchema>;

export const InstrumentSchema = z
  .object({
    instrument_id: UuidSchema,
    org_id: UuidSchema,
    instrument_type: z.enum(INSTRUMENT_TYPES),
    period_start: z.string(),
    period_end: z.string(),
    quantity_kwh: z.number().nullable(),
    emission_factor_kg_per_kwh: z.number(),
  })
  .loose()
  .meta({ id: 'ContractualInstrument' });

export const InstrumentParamSchema = z.object({ org_id: UuidSchema, instrument_id: UuidSchema });

export const NARRATIVE_SECTIONS = [
  'introduction',
  'methodology',
  'scope2_approach',
  'exclusions',
  'reduction_strategy',
] as const;

export const TemplateParamSchema = z.object({
  org_id: UuidSchema,
  section: z.enum(NARRATIVE_SECTIONS, { error: `must be one of ${NARRATIVE_SECTIONS.join(', ')}` }),
});

export const TemplateUpdateRequestSchema = z
  .object({ body: z.string().min(1).max(20_000) })
  .strict()
  .meta({
    id: 'TemplateUpdateRequest',
    example: { body: '{{org_name}} reports {{total_location_t}} t CO2e.' },
  });

export const NarrativeTemplateSchema = z
  .object({
    section: z.enum(NARRATIVE_SECTIONS),
    body: z.string(),
    is_default: z.boolean(),
    updated_at: z.string().nullable(),
  })
  .meta({ id: 'NarrativeTemplate' });

export const NarrativeTemplateListSchema = z
  .object({ placeholders: z.array(z.string()), templates: z.array(NarrativeTemplateSchema) })
  .meta({ id: 'NarrativeTemplateList' });

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export const ReportExportQuerySchema = z.object({
  format: z
    .enum(EXPORT_FORMATS, { error: `must be one of ${EXPORT_FORMATS.join(', ')}` })
    .default('json'),
});

export const ReportReissueRequestSchema = z
  .object({
    industry: z
      .string()
      .trim()
      .min(2)
      .max(16)
      .nullish()
      .meta({ description: 'SASB industry code, e.g. TR-RO' }),
  })
  .strict()
  .meta({ id: 'ReportReissueRequest' });
