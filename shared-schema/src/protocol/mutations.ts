/**
 * The write path: POST /api/v1/sync/mutations takes an ordered batch of mutations and answers one
 * result per mutation plus the transaction id the whole batch committed in.
 *
 *   request   { "mutations": [ Mutation, ... ] }   (a bare JSON array of mutations is accepted too)
 *   Mutation  { mutation_id, table, op: "insert", row }      row: the full row, REST field names
 *             { mutation_id, table, op: "update", changes }  changes: primary key + changed fields
 *             { mutation_id, table, op: "delete", row }      row: at least the primary key
 *   response  { txid, results: [ { mutation_id, status: "applied" | "rejected", detail? } ] }
 *
 * `txid` is `pg_current_xact_id()::xid` of the batch's transaction: the same number arrives in
 * `headers.txids` of the shape changes it caused, which is when a device may drop its overlay.
 * A replayed mutation_id answers its first result again and changes nothing.
 */
import { z } from 'zod';

export const MAX_MUTATIONS_PER_BATCH = 1000;

export const MUTATION_OPS = ['insert', 'update', 'delete'] as const;
export type MutationOp = (typeof MUTATION_OPS)[number];

/** Tables the write path accepts; anything else is answered `rejected` with a detail. */
export const WRITABLE_TABLES = ['activities', 'goals', 'users', 'user_recommendations'] as const;
export type WritableTable = (typeof WRITABLE_TABLES)[number];

const MutationId = z.guid({ error: 'mutation_id must be a UUID' });
const RowObject = z.record(z.string(), z.unknown(), { error: 'must be an object of fields' });

export const MutationSchema = z.discriminatedUnion(
  'op',
  [
    z.object({
      mutation_id: MutationId,
      table: z.string().min(1).max(63),
      op: z.literal('insert'),
      row: RowObject,
    }),
    z.object({
      mutation_id: MutationId,
      table: z.string().min(1).max(63),
      op: z.literal('update'),
      changes: RowObject,
    }),
    z.object({
      mutation_id: MutationId,
      table: z.string().min(1).max(63),
      op: z.literal('delete'),
      row: RowObject,
    }),
  ],
  { error: 'op must be insert, update or delete' },
);
export type Mutation = z.infer<typeof MutationSchema>;

const MutationList = z
  .array(MutationSchema)
  .min(1, { error: 'must hold at least one mutation' })
  .max(MAX_MUTATIONS_PER_BATCH, { error: `must hold at most ${MAX_MUTATIONS_PER_BATCH} mutations` })
  .refine((list) => new Set(list.map((m) => m.mutation_id)).size === list.length, {
    error: 'mutation_id values must be unique within a batch',
  });

/** The request body, normalised to `{ mutations }`. */
export const MutationBatchSchema = z.union([
  z.object({ mutations: MutationList }),
  MutationList.transform((mutations) => ({ mutations })),
]);
export type MutationBatch = z.infer<typeof MutationBatchSchema>;

export const MUTATION_STATUSES = ['applied', 'rejected'] as const;
export type MutationStatus = (typeof MUTATION_STATUSES)[number];

export const MutationResultSchema = z.object({
  mutation_id: z.string(),
  status: z.enum(MUTATION_STATUSES),
  detail: z.string().optional(),
});
export type MutationResult = z.infer<typeof MutationResultSchema>;

export const MutationResponseSchema = z.object({
  txid: z.number().int().nonnegative(),
  results: z.array(MutationResultSchema),
});
export type MutationResponse = z.infer<typeof MutationResponseSchema>;
