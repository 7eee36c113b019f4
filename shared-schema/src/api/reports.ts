/**
 * Payloads of /api/v1/reports. Footprint reports (monthly, yearly, by activity type, custom range)
 * store a FootprintReportData in `data`; "ESG Report" stores what the ESG module builds.
 */
import { z } from 'zod';
import { DateInputSchema, PaginationQuerySchema, UuidSchema } from './common.ts';

export const FOOTPRINT_REPORT_TYPES = [
  'Monthly Carbon Footprint',
  'Yearly Carbon Footprint',
  'By Activity Type',
  'Custom Range',
] as const;
export type FootprintReportType = (typeof FOOTPRINT_REPORT_TYPES)[number];
export const ESG_REPORT_TYPE = 'ESG Report';
export const REPORT_TYPES = [...FOOTPRINT_REPORT_TYPES, ESG_REPORT_TYPE] as const;
export type ReportType = (typeof REPORT_TYPES)[number];
export const ESG_FRAMEWORKS = ['gri', 'sasb', 'esrs'] as const;
export type EsgFramework = (typeof ESG_FRAMEWORKS)[number];

const quoted = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(', ');

export const ReportCreateRequestSchema = z
  .object({
    report_id: UuidSchema.optional().meta({ description: 'A client-generated UUID (optional)' }),
    report_type: z.enum(REPORT_TYPES, { error: `must be one of ${quoted(REPORT_TYPES)}` }),
    start_date: DateInputSchema.optional().meta({
      description:
        'First day (inclusive, UTC). Monthly/Yearly: optional, the month/year containing it ' +
        '(default: the current one) when end_date is absent. Other types: required.',
    }),
    end_date: DateInputSchema.optional().meta({ description: 'Last day (inclusive, UTC)' }),
    org_id: UuidSchema.nullish().meta({
      description: "Report on an organisation's emissions (owners, admins and members)",
    }),
    framework: z
      .enum(ESG_FRAMEWORKS, { error: `must be one of ${ESG_FRAMEWORKS.join(', ')}` })
      .optional()
      .meta({ description: 'ESG Report only: gri, sasb or esrs' }),
    industry: z
      .string({ error: 'must be a string' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(20, { error: 'must be at most 20 characters' })
      .optional()
      .meta({
        description: "ESG Report with framework sasb: the SASB industry code, e.g. 'TR-RO'",
      }),
  })
  .superRefine((r, ctx) => {
    if (r.start_date && r.end_date && r.end_date < r.start_date) {
      ctx.addIssue({
        code: 'custom',
        path: ['end_date'],
        message: 'must not be before start_date',
      });
    }
    const ranged = r.report_type === 'By Activity Type' || r.report_type === 'Custom Range';
    if (ranged && !(r.start_date && r.end_date)) {
      ctx.addIssue({
        code: 'custom',
        path: [r.start_date ? 'end_date' : 'start_date'],
        message: `required for report_type "${r.report_type}"`,
      });
    }
    if (r.report_type === ESG_REPORT_TYPE && !r.framework) {
      ctx.addIssue({
        code: 'custom',
        path: ['framework'],
        message: 'required for an ESG Report: gri, sasb or esrs',
      });
    }
    if (r.report_type !== ESG_REPORT_TYPE && r.industry) {
      ctx.addIssue({
        code: 'custom',
        path: ['industry'],
        message: 'only applies to report_type "ESG Report"',
      });
    }
    if (r.report_type !== ESG_REPORT_TYPE && r.framework) {
      ctx.addIssue({
        code: 'custom',
        path: ['framework'],
        message: 'only applies to report_type "ESG Report"',
      });
    }
  })
  .meta({
    id: 'ReportCreateRequest',
    example: {
      report_type: 'Monthly Carbon Footprint',
      start_date: '2023-10-01',
      end_date: '2023-10-31',
    },
  });
export type ReportCreateRequest = z.infer<typeof ReportCreateRequestSchema>;

const Kg = z.number().meta({ description: 'kg CO2e' });

export const FootprintReportDataSchema = z
  .object({
    unit: z.literal('kg CO2e'),
    subject: z.object({ user_id: UuidSchema.optional(), org_id: UuidSchema.optional() }),
    period: z.object({ start_date: z.string(), end_date: z.string(), days: z.number().int() }),
    total_emissions: Kg,
    activity_count: z.number().int(),
    breakdown: z.record(z.string(), Kg).meta({ description: 'kg CO2e by category' }),
    by_activity_type: z.record(z.string(), Kg),
    by_scope: z.record(z.string(), Kg).meta({ description: 'kg CO2e by GHG Protocol scope' }),
    monthly: z.array(
      z.object({ month: z.string(), total_emissions: Kg, activity_count: z.number().int() }),
    ),
    comparison: z.object({
      previous_start_date: z.string(),
      previous_end_date: z.string(),
      previous_total_emissions: Kg,
      change_kg: Kg,
      change_pct: z.number().nullable().meta({ description: 'null when the previous total is 0' }),
    }),
    generated_at: z.string(),
  })
  .meta({ id: 'FootprintReportData' });
export type FootprintReportData = z.infer<typeof FootprintReportDataSchema>;

export const ReportSchema = z
  .object({
    report_id: UuidSchema,
    user_id: UuidSchema,
    org_id: UuidSchema.nullable(),
    report_type: z.string(),
    framework: z.enum(ESG_FRAMEWORKS).nullable(),
    start_date: z.string(),
    end_date: z.string(),
    data: z.record(z.string(), z.unknown()).meta({
      description: 'FootprintReportData for footprint reports; the ESG document for ESG reports',
    }),
    version: z.number().int(),
    supersedes: UuidSchema.nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Report' });
export type Report = z.infer<typeof ReportSchema>;

export const ReportListQuerySchema = PaginationQuerySchema.extend({
  org_id: UuidSchema.optional().meta({ description: "Only that organisation's reports" }),
  report_type: z.enum(REPORT_TYPES, { error: `must be one of ${quoted(REPORT_TYPES)}` }).optional(),
});
export type ReportListQuery = z.infer<typeof ReportListQuerySchema>;

export const ReportIdParamSchema = z.object({ report_id: UuidSchema });
