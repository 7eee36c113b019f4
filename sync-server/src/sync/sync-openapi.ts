/**
 * OpenAPI descriptions of the sync endpoints. They are served by plain Hono handlers (the Shape
 * protocol streams its own headers and bodies; the write path answers per mutation), so they are
 * registered here as documentation only, from the same zod schemas the handlers validate with.
 */
import { z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  ErrorResponseSchema,
  MAX_MUTATIONS_PER_BATCH,
  MUTATIONS_PATH,
  MutationResponseSchema,
  MutationSchema,
  SHAPE_HEADERS,
  SHAPE_PATH,
  SYNCED_TABLE_NAMES,
} from '@eco-track/shared-schema';
import type { AppEnv } from '../http/context.ts';

type Registry = OpenAPIHono<AppEnv>['openAPIRegistry'];

const problem = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorResponseSchema } },
});

const ShapeQuery = z.object({
  table: z.enum(SYNCED_TABLE_NAMES).describe('The synced table; the server derives the row filter'),
  offset: z
    .string()
    .describe('-1 for the initial snapshot, "now" to skip it, else the last electric-offset seen'),
  handle: z.string().optional().describe('The electric-handle of the shape (required after -1)'),
  live: z.enum(['true', 'false']).optional().describe('Hold the request until changes arrive'),
  cursor: z.string().optional().describe('The electric-cursor of the previous live response'),
});

const ShapeMessage = z
  .object({
    headers: z.record(z.string(), z.unknown()),
    key: z.string().optional(),
    value: z.record(z.string(), z.string().nullable()).optional(),
  })
  .describe('A change (headers.operation, key, value) or a control message (headers.control)');

export function documentSyncRoutes(registry: Registry): void {
  registry.registerPath({
    method: 'post',
    path: MUTATIONS_PATH,
    tags: ['sync'],
    summary: "Apply a device's ordered batch of offline writes",
    description:
      `One transaction for up to ${MAX_MUTATIONS_PER_BATCH} mutations, applied in order. Each is ` +
      'validated and authorised like the REST call it stands for; activity emissions are ' +
      'recalculated by the server. A replayed mutation_id answers its first result again and ' +
      'changes nothing. A bare JSON array of mutations is accepted as the body too. `txid` ' +
      'arrives in the txids header of the shape changes the batch caused.',
    security: [{ bearerAuth: [] }],
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.object({ mutations: z.array(MutationSchema).min(1) }),
          },
        },
      },
    },
    responses: {
      200: {
        description: 'One result per mutation, in order',
        content: { 'application/json': { schema: MutationResponseSchema } },
      },
      400: problem('The body is not JSON'),
      401: problem('Missing, invalid or expired access token'),
      422: problem('The batch is malformed; detail names each field'),
    },
  });

  registry.registerPath({
    method: 'get',
    path: SHAPE_PATH,
    tags: ['sync'],
    summary: 'Electric Shape protocol: snapshot and live changes of one table',
    description:
      'Speaks the protocol of @electric-sql/client 1.5: the rows of the table the caller may ' +
      "see (their own, their organisations', public catalogues), then changes by long-poll. " +
      'Client-chosen where, params and columns are refused with 400.',
    security: [{ bearerAuth: [] }],
    request: { query: ShapeQuery },
    responses: {
      200: {
        description: `Messages; ${SHAPE_HEADERS.handle} and ${SHAPE_HEADERS.offset} say where to resume`,
        content: { 'application/json': { schema: z.array(ShapeMessage) } },
      },
      400: problem('A parameter is malformed or not supported'),
      401: problem('Missing, invalid or expired access token'),
      409: {
        description: 'must-refetch: the handle is gone (compaction, membership change); start over',
      },
    },
  });
}
