/**
 * Building blocks shared by every REST payload: identifiers, dates, the error and message bodies,
 * pagination. Plain zod (v4) with `.meta({ id })`, which @hono/zod-openapi reads to name the
 * components of the OpenAPI document, so the client can import these without the server's stack.
 */
import { z } from 'zod';
import { GWP_SETS } from '../gwp-sets.ts';

/** A UUID in its textual 8-4-4-4-12 form. Rows are born on devices (UUIDv7), so any version. */
export const UuidSchema = z.guid({
  error: 'must be a UUID such as 0190c1d2-7e4b-7c3a-9f10-2b3c4d5e6f70',
});

export const ErrorResponseSchema = z
  .object({ detail: z.string().meta({ example: 'amount: must be at least 0' }) })
  .meta({ id: 'ErrorResponse', description: 'Every error answers this shape.' });
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

export const MessageResponseSchema = z
  .object({ message: z.string() })
  .meta({ id: 'MessageResponse' });
export type MessageResponse = z.infer<typeof MessageResponseSchema>;

export const GwpSetSchema = z.enum(GWP_SETS, { error: 'must be one of AR4, AR5, AR6' });

const YEAR_MIN = 1900;
const YEAR_MAX = 2100;
const inYearRange = (iso: string): boolean => {
  const year = Number(iso.slice(0, 4));
  return year >= YEAR_MIN && year <= YEAR_MAX;
};

/**
 * A point in time: ISO-8601 with an offset ("2023-10-27T08:00:00Z"), without one (read as UTC),
 * or a bare date ("2023-10-27", midnight UTC). Normalised to an ISO string in UTC.
 */
export const DateTimeInputSchema = z
  .union([z.iso.datetime({ offset: true, local: true }), z.iso.date()], {
    error: 'must be an ISO-8601 date-time such as 2023-10-27T08:00:00Z, or a date 2023-10-27',
  })
  .refine(inYearRange, { error: `must be between the years ${YEAR_MIN} and ${YEAR_MAX}` })
  .transform((text) => {
    const hasZone = /[zZ]$|[+-]\d{2}:?\d{2}$/.test(text);
    const iso = text.length === 10 ? `${text}T00:00:00Z` : hasZone ? text : `${text}Z`;
    return new Date(iso).toISOString();
  })
  .meta({
    description: 'ISO-8601 date-time (UTC when no offset) or date',
    example: '2023-10-27T08:00:00Z',
  });

/** A calendar date, 'YYYY-MM-DD'. */
export const DateInputSchema = z.iso
  .date({ error: 'must be a date such as 2023-10-27' })
  .refine(inYearRange, { error: `must be between the years ${YEAR_MIN} and ${YEAR_MAX}` });

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

/** `page` (from 1) and `page_size` (1..200) query parameters. */
export const PaginationQuerySchema = z.object({
  page: z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(1_000_000, { error: 'must be at most 1000000' })
    .default(1),
  page_size: z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(MAX_PAGE_SIZE, { error: `must be at most ${MAX_PAGE_SIZE}` })
    .default(DEFAULT_PAGE_SIZE),
});

/**
 * A region code: ISO 3166 country ("US", "GB"), a subdivision ("US-CA"), a grid or economic region
 * ("EU", "US-CAMX"), or GLOBAL. Upper-cased on input.
 */
export const RegionSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(GLOBAL|[A-Z]{2,6}(-[A-Z0-9]{1,6})?)$/, {
    error: 'must be a region code such as US, US-CA, GB or GLOBAL',
  })
  .max(16, { error: 'must be at most 16 characters' });

/** Optional free text that may be cleared with null; trims, and an empty string counts as null. */
export const optionalText = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .nullish()
    .transform((v) => (v === '' ? null : v));
