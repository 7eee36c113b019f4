/**
 * The building blocks of every /api/v1 route module:
 *
 *   createApiRouter()  an OpenAPIHono whose zod failures answer 422 `{"detail":"<field>: <msg>; …"}`
 *                      (malformed JSON is a 400 from Hono's validator, unknown media types a 415)
 *   jsonBody(schema)   a required JSON request body (documented and validated)
 *   json(schema, why)  a JSON response for the OpenAPI document
 *   errors(...codes)   the `{detail}` error responses a route can answer
 *   BEARER             the security requirement of routes behind requireUser
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ZodError, ZodType } from 'zod';
import { formatZodError } from '../services/validate.ts';
import { ErrorResponseSchema } from '@eco-track/shared-schema';
import type { AppEnv } from '../http/context.ts';

export { formatZodError };

function validationHook(
  result: { target: string } & ({ success: true } | { success: false; error: ZodError }),
  c: Context,
) {
  if (!result.success) {
    // @hono/zod-validator passes the validated input as `data` (not in its type for failures).
    const input = (result as { data?: unknown }).data;
    return c.json({ detail: formatZodError(result.error, input, result.target) }, 422);
  }
  return undefined;
}

/** A router for one feature's routes; mount it with `api.route('/', router)` (see index.ts). */
export function createApiRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

/** A required JSON request body validated by `schema`. */
export function jsonBody<S extends ZodType>(schema: S, description?: string) {
  return {
    required: true,
    ...(description ? { description } : {}),
    content: { 'application/json': { schema } },
  } as const;
}

/** An optional JSON request body: absent means `{}`. */
export function optionalJsonBody<S extends ZodType>(schema: S) {
  return { required: false, content: { 'application/json': { schema } } } as const;
}

/** A JSON response described in the OpenAPI document. */
export function json<S extends ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

const ERROR_DESCRIPTIONS = {
  400: 'Malformed request (e.g. invalid JSON)',
  401: 'Missing, invalid or expired access token',
  403: 'Authenticated but not allowed',
  404: 'Not found, or not visible to you',
  409: 'Conflicts with existing data',
  422: 'Validation failed; detail names each field',
  429: 'Too many attempts; see Retry-After',
} as const;
type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** The `{detail}` error responses for the given statuses (400 and 422 are always included). */
export function errors<const C extends ErrorStatus>(...codes: C[]) {
  const all = [...new Set<ErrorStatus>([400, 422, ...codes])];
  return Object.fromEntries(
    all.map((code) => [code, json(ErrorResponseSchema, ERROR_DESCRIPTIONS[code])]),
  ) as { [K in C | 400 | 422]: ReturnType<typeof json<typeof ErrorResponseSchema>> };
}

/** OpenAPI security requirement for routes that need `Authorization: Bearer <access token>`. */
export const BEARER = [{ bearerAuth: [] }];
