/**
 * Convergence, as a property (fast-check): several devices of one user, each a replica driven by
 * the real ShapeStream plus an outbox of mutations, make random writes; devices disconnect and
 * reconnect (resuming from their offset and handle), flush their outboxes, sometimes lose the
 * server's answer (and so resend the batch later), and the server restarts. At the end every
 * replica equals the server's state, and the server's state equals a model that applied each
 * acknowledged mutation exactly once, in the server's order: no acknowledged write is lost and
 * none is applied twice.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation, MutationResponse } from '@eco-track/shared-schema';
import { createTestDb, type TestDb } from '@eco-track/sync-server';
import {
  deleteActivity,
  insertActivity,
  insertUser,
  postMutations,
  startTestServer,
  updateActivity,
  type TestServer,
} from './harness.ts';
import { Replica } from './replica.ts';

const DEVICES = 3;

type Command =
  | { kind: 'insert'; dev: number; amount: number }
  | { kind: 'update'; dev: number; pick: number; amount: number }
  | { kind: 'delete'; dev: number; pick: number }
  | { kind: 'flush'; dev: number; loseAnswer: boolean }
  | { kind: 'disconnect'; dev: number }
  | { kind: 'reconnect'; dev: number }
  | { kind: 'restart' }
  | { kind: 'settle' };

const dev = fc.integer({ min: 0, max: DEVICES - 1 });
const amount = fc.integer({ min: 1, max: 1_000_000 });
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), dev, amount }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('update' as const), dev, pick: fc.nat(), amount }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('delete' as const), dev, pick: fc.nat() }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('flush' as const), dev, loseAnswer: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('disconnect' as const), dev }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reconnect' as const), dev }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
  // Time for the replicas to hear about each other's writes (so devices edit the same rows).
  { weight: 2, arbitrary: fc.constant({ kind: 'settle' as const }) },
);

interface Device {
  outbox: Mutation[];
  ownIds: string[];
  replica: Replica | undefined;
  saved: { offset: string; handle: string | undefined; rows: Replica['rows'] } | undefined;
}

let t: TestDb;
let server: TestServer;
beforeAll(async () => {
  t = await createTestDb();
  server = await startTestServer(t.db);
});
afterAll(async () => {
  await server.close();
  await t.drop();
});

async function restartServer(): Promise<void> {
  const port = server.port;
  await server.close();
  server = await startTestServer(t.db, { PORT: String(port) });
}

const serverView = () => ({ url: server.url, token: (u: string) => server.token(u) });

function connect(d: Device, userId: string): void {
  d.replica = new Replica({
    url: server.url,
    table: 'activities',
    token: () => serverView().token(userId),
    ...(d.saved
      ? { offset: d.saved.offset, handle: d.saved.handle ?? '', rows: d.saved.rows }
      : {}),
  });
}

function disconnect(d: Device): void {
  if (!d.replica) return;
  d.saved = { offset: d.replica.offset, handle: d.replica.handle, rows: d.replica.rows };
  d.replica.stop();
  d.replica = undefined;
}

function knownIds(d: Device): string[] {
  const synced = d.replica ? [...d.replica.byId('activity_id').keys()] : [];
  return [...new Set([...d.ownIds, ...synced])].sort();
}

/** Applies the server's answers to the model, each mutation_id once. */
function record(
  model: Map<string, number>,
  answered: Set<string>,
  sent: Mutation[],
  answer: MutationResponse,
): void {
  answer.results.forEach((r, i) => {
    const m = sent[i];
    if (!m || answered.has(r.mutation_id)) return;
    answered.add(r.mutation_id);
    if (r.status !== 'applied') return;
    if (m.op === 'insert') model.set(String(m.row.activity_id), Number(m.row.amount));
    else if (m.op === 'update') model.set(String(m.changes.activity_id), Number(m.changes.amount));
    else model.delete(String(m.row.activity_id));
  });
}

describe('convergence under random writes, disconnects, lost answers and restarts', () => {
  it('ends with every replica equal to the server, and the server equal to the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 10, maxLength: 40 }), async (cmds) => {
        const userId = await insertUser(t.db);
        const devices: Device[] = Array.from({ length: DEVICES }, () => ({
          outbox: [],
          ownIds: [],
          replica: undefined,
          saved: undefined,
        }));
        devices.forEach((d) => connect(d, userId));
        const model = new Map<string, number>();
        const answered = new Set<string>();
        try {
          for (const c of cmds) {
            if (c.kind === 'restart') {
              await restartServer();
              continue;
            }
            if (c.kind === 'settle') {
              await new Promise((r) => setTimeout(r, 150));
              continue;
            }
            const d = devices[c.dev];
            if (!d) continue;
            if (c.kind === 'insert') {
              const id = randomUUID();
              d.ownIds.push(id);
              d.outbox.push(insertActivity(id, c.amount));
            } else if (c.kind === 'update' || c.kind === 'delete') {
              const ids = knownIds(d);
              const id = ids[c.pick % Math.max(1, ids.length)];
              if (!id) continue;
              d.outbox.push(
                c.kind === 'update' ? updateActivity(id, c.amount) : deleteActivity(id),
              );
            } else if (c.kind === 'flush') {
              if (d.outbox.length === 0) continue;
              const sent = [...d.outbox];
              const answer = await postMutations(serverView(), userId, sent);
              record(model, answered, sent, answer);
              // A lost answer leaves the batch in the outbox: it is sent again later.
              if (!c.loseAnswer) d.outbox = d.outbox.slice(sent.length);
            } else if (c.kind === 'disconnect') disconnect(d);
            else if (!d.replica) connect(d, userId);
          }
          // Everyone comes back online and empties their outbox.
          for (const d of devices) {
            if (!d.replica) connect(d, userId);
            if (d.outbox.length) {
              const sent = [...d.outbox];
              record(model, answered, sent, await postMutations(serverView(), userId, sent));
              d.outbox = [];
            }
          }
          const rows = await t.db.query<{ activity_id: string; amount: number }>(
            'SELECT activity_id, amount FROM activities WHERE user_id = $1::uuid',
            [userId],
          );
          const serverState = new Map(rows.map((r) => [r.activity_id, Number(r.amount)]));
          expect(serverState).toEqual(model);
          for (const d of devices) {
            const r = d.replica;
            if (!r) throw new Error('device not connected');
            const view = () =>
              new Map([...r.byId('activity_id')].map(([id, row]) => [id, Number(row.amount)]));
            await r
              .until(
                () => {
                  const v = view();
                  return (
                    v.size === serverState.size &&
                    [...serverState].every(([k, a]) => v.get(k) === a)
                  );
                },
                10_000,
                'the replica to converge',
              )
              .catch(() => expect(view()).toEqual(serverState));
          }
        } finally {
          for (const d of devices) d.replica?.stop();
        }
      }),
      { numRuns: 25, endOnFailure: true },
    );
  });
});
