/**
 * Sends a batch of outbox entries to POST /api/v1/sync/mutations and classifies the answer for the
 * outbox machine: applied/rejected results, "log in again", "try later" (network, 5xx, 429, and
 * anything that says the server is not ready), or "refused" (a 4xx about the batch itself).
 */
import {
  MUTATIONS_PATH,
  MutationResponseSchema,
  type Mutation,
  type MutationResponse,
} from '@eco-track/shared-schema';
import type { OutboxEntry } from '../store/outbox.ts';
import { parseRetryAfter } from './backoff.ts';
import { wireRow } from './wire-fields.ts';

export type TransportOutcome =
  | { kind: 'ok'; response: MutationResponse }
  | { kind: 'unauthorized' }
  | { kind: 'retry'; error: string; retryAfterMs?: number }
  | { kind: 'refused'; status: number; detail: string };

export interface MutationTransport {
  send(
    entries: readonly OutboxEntry[],
    token: string,
    signal: AbortSignal,
  ): Promise<TransportOutcome>;
}

/** The wire form of an outbox entry (protocol/mutations.ts). */
export function toWire(e: OutboxEntry): Mutation {
  const base = { mutation_id: e.mutation_id, table: e.table };
  const fields = wireRow(e.table, e.op, e.payload);
  switch (e.op) {
    case 'insert':
      return { ...base, op: 'insert', row: fields };
    case 'update':
      return { ...base, op: 'update', changes: fields };
    case 'delete':
      return { ...base, op: 'delete', row: fields };
  }
}

/** Statuses that say "this batch will never be accepted as it is" (anything else is retried). */
const REFUSED = new Set([400, 403, 409, 413, 422]);

async function detailOf(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { detail?: unknown };
    if (typeof body.detail === 'string') return body.detail;
  } catch {
    // not JSON: fall through
  }
  return `HTTP ${res.status}`;
}

export function httpMutationTransport(deps: {
  fetch: typeof fetch;
  now: () => number;
  baseUrl: string;
}): MutationTransport {
  const url = new URL(MUTATIONS_PATH, deps.baseUrl).toString();
  return {
    async send(entries, token, signal) {
      let res: Response;
      try {
        res = await deps.fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ mutations: entries.map(toWire) }),
          signal,
        });
      } catch (err) {
        return { kind: 'retry', error: `network: ${(err as Error).message}` };
      }
      if (res.ok) {
        const parsed = MutationResponseSchema.safeParse(await res.json().catch(() => null));
        if (!parsed.success)
          return { kind: 'retry', error: 'the server answered an unreadable result' };
        return { kind: 'ok', response: parsed.data };
      }
      if (res.status === 401) return { kind: 'unauthorized' };
      if (REFUSED.has(res.status)) {
        return { kind: 'refused', status: res.status, detail: await detailOf(res) };
      }
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), deps.now());
      return {
        kind: 'retry',
        error: `${await detailOf(res)} (HTTP ${res.status})`,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      };
    },
  };
}
