/**
 * zod schemas for the three data files. Every row is validated before anything is generated; a
 * bad row stops the build with its file, line and reason.
 */
import { z } from 'zod';
import { FACTOR_CATEGORIES, SCOPES, type EmissionFactor } from '../factors/types.ts';
import { UNIT_DEFINITIONS } from '../units/unit-definitions.ts';
import { editionYear } from './editions.ts';

const optionalNumber = z
  .string()
  .trim()
  .transform((s, ctx) => {
    if (s === '') return null;
    const n = Number(s);
    if (!Number.isFinite(n) || n < 0) {
      ctx.addIssue({ code: 'custom', message: `"${s}" is not a non-negative number` });
      return z.NEVER;
    }
    return n;
  });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s));

const FACTOR_UNITS = new Set(UNIT_DEFINITIONS.map((u) => u.id));

/** The exact column list of emission-factors.csv (and of every data/extended/*.csv). */
export const FACTOR_COLUMNS = [
  'key',
  'category',
  'activity',
  'fuel_or_mode',
  'region',
  'unit',
  'co2_kg',
  'ch4_kg',
  'n2o_kg',
  'co2e_kg',
  'co2e_gwp_set',
  'ch4_co2e_kg',
  'n2o_co2e_kg',
  'scope',
  'scope3_category',
  'source',
  'source_table',
  'source_url',
  'license',
  'notes',
] as const;

export const factorCsvRowSchema = z
  .object({
    key: z
      .string()
      .max(160)
      .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, 'key must be dot-separated lower-case slugs'),
    category: z.enum(FACTOR_CATEGORIES),
    activity: z.string().trim().min(1).max(200),
    fuel_or_mode: optionalText(200),
    region: z
      .string()
      .regex(/^(GLOBAL|[A-Z0-9]{2,6})$/, 'region must be ISO alpha-2, eGRID, EU or GLOBAL'),
    unit: z.string().refine((u) => FACTOR_UNITS.has(u), 'unit is not in the unit vocabulary'),
    co2_kg: optionalNumber,
    ch4_kg: optionalNumber,
    n2o_kg: optionalNumber,
    co2e_kg: optionalNumber,
    co2e_gwp_set: optionalText(64),
    ch4_co2e_kg: optionalNumber,
    n2o_co2e_kg: optionalNumber,
    scope: z.enum(SCOPES),
    scope3_category: z
      .string()
      .trim()
      .regex(
        /^$|^(\d{1,2})(\s*\(.+\))?$/,
        'scope3_category must be a number, optionally with a note',
      ),
    source: z.string().trim().min(1).max(400),
    source_table: optionalText(400),
    source_url: optionalText(400).refine(
      (u) => u === null || /^https?:\/\//.test(u),
      'source_url must be http(s)',
    ),
    license: optionalText(200),
    notes: optionalText(4000),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.co2e_kg === null && r.co2_kg === null && r.ch4_kg === null && r.n2o_kg === null) {
      ctx.addIssue({ code: 'custom', message: 'row has neither per-gas masses nor a CO2e value' });
    }
    if (r.co2e_kg !== null && r.co2e_gwp_set === null) {
      ctx.addIssue({ code: 'custom', message: 'co2e_kg is given without its co2e_gwp_set' });
    }
    const s3 = r.scope3_category === '' ? null : Number.parseInt(r.scope3_category, 10);
    if (s3 !== null && (s3 < 1 || s3 > 15)) {
      ctx.addIssue({ code: 'custom', message: 'scope3_category must be 1..15' });
    }
    if (r.scope === '3' && s3 === null) {
      ctx.addIssue({ code: 'custom', message: 'a scope 3 factor needs its scope3_category' });
    }
    if (editionYear(r.source) === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown source "${r.source}": add its edition year to src/build/editions.ts`,
      });
    }
  });

export type FactorCsvRow = z.output<typeof factorCsvRowSchema>;

/** A validated CSV row as the library's EmissionFactor. */
export function toEmissionFactor(r: FactorCsvRow): EmissionFactor {
  const s3Text = r.scope3_category;
  const s3 = s3Text === '' ? null : Number.parseInt(s3Text, 10);
  // "4 (or 9)": the number is the default; the published wording is kept in the notes.
  const s3Note =
    s3Text !== '' && s3Text !== String(s3) ? `Scope 3 category as published: ${s3Text}.` : null;
  const notes = [r.notes, s3Note].filter((x): x is string => x !== null).join(' ') || null;
  return {
    key: r.key,
    year: editionYear(r.source) as number,
    category: r.category,
    activity: r.activity,
    fuelOrMode: r.fuel_or_mode,
    region: r.region,
    unit: r.unit,
    co2Kg: r.co2_kg,
    ch4Kg: r.ch4_kg,
    n2oKg: r.n2o_kg,
    co2eKg: r.co2e_kg,
    co2eGwpSet: r.co2e_gwp_set,
    ch4Co2eKg: r.ch4_co2e_kg,
    n2oCo2eKg: r.n2o_co2e_kg,
    scope: r.scope,
    scope3Category: s3,
    source: r.source,
    sourceTable: r.source_table,
    sourceUrl: r.source_url,
    license: r.license,
    notes,
  };
}

const gwpNumber = optionalNumber;
export const gwpCsvRowSchema = z.object({
  gas: z.string().min(1),
  formula: z.string().min(1),
  ar4: gwpNumber,
  ar5: gwpNumber,
  ar6: gwpNumber,
  ar5_with_climate_carbon_feedback: gwpNumber,
  source: z.string(),
  notes: z.string(),
});

export const unitCsvRowSchema = z.object({
  kind: z.enum([
    'length',
    'activity',
    'volume',
    'mass',
    'energy',
    'rate',
    'fuel_heat_content',
    'fuel_property',
  ]),
  from_unit: z.string().min(1),
  to_unit: z.string().min(1),
  factor: z.string().transform((s, ctx) => {
    const n = Number(s);
    if (!Number.isFinite(n) || n <= 0) {
      ctx.addIssue({ code: 'custom', message: `factor "${s}" is not a positive number` });
      return z.NEVER;
    }
    return n;
  }),
  exact: z.string().transform((s) => s.startsWith('yes')),
  definition: z.string(),
  source: z.string(),
  notes: z.string(),
});
