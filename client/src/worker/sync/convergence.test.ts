/**
 * Convergence, as a property: several devices make random goal writes (some invalid) while their
 * connections drop at random, answers get lost and the server restarts (forgetting its change
 * log). Once everyone is back online, every replica equals the server, no write the device
 * accepted is lost (each is applied exactly once, or rejected with a reason kept on the device),
 * and none is applied twice.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pendingCount } from '../store/outbox.ts';
import { FakeSyncServer } from '../testing/fake-sync-server.ts';
import { createTestDevice, eventually, type TestDevice } from '../testing/test-device.ts';

const USER = '00000000-0000-4000-8000-000000000001';

type Op =
  | { kind: 'insert'; device: number; target: number }
  | { kind: 'update'; device: number; pick: number; target: number }
  | { kind: 'delete'; device: number; pick: number }
  | { kind: 'toggle'; device: number }
  | { kind: 'restart' }
  | { kind: 'lose_answer' }
  | { kind: 'pause'; ms: number };

const DEVICES = 3;
const device = fc.integer({ min: 0, max: DEVICES - 1 });
// Mostly valid targets; a negative one is refused by the server.
const target = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 1000 }) },
  { weight: 1, arbitrary: fc.constant(-1) },
);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), device, target }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('update' as const), device, pick: fc.nat(), target }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('delete' as const), device, pick: fc.nat() }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('toggle' as const), device }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'lose_answer' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('pause' as const),
      ms: fc.integer({ min: 0, max: 30 }),
    }),
  },
);

function goalRow(id: string, targetValue: number) {
  return {
    goal_id: id,
    user_id: USER,
    org_id: null,
    goal_type: 'reduction',
    description: `goal ${id.slice(0, 8)}`,
    target_value: targetValue,
    unit: 'kg CO2e',
    start_date: '2025-01-01',
    end_date: '2025-12-31',
    current_value: null,
    status: 'active',
    created_at: '2025-01-01T00:00:00.000Z',
    updated_at: '2025-01-01T00:00:00.000Z',
  };
}

async function visibleIds(d: TestDevice): Promise<string[]> {
  return (await d.db.all<{ goal_id: string }>('SELECT goal_id FROM goals ORDER BY goal_id')).map(
    (r) => r.goal_id,
  );
}

async function replicaState(d: TestDevice): Promise<string[]> {
  const rows = await d.db.all<{ goal_id: string; target_value: number; _pending: number }>(
    'SELECT goal_id, target_value, _pending FROM goals ORDER BY goal_id',
  );
  return rows.map((r) => `${r.goal_id}=${r.target_value}${r._pending ? ' (pending)' : ''}`);
}

function serverState(server: FakeSyncServer): string[] {
  return [...(server.rows.get('goals')?.values() ?? [])]
    .map((r) => `${r.goal_id}=${Number(r.target_value)}`)
    .sort();
}

async function run(ops: Op[]): Promise<void> {
  const server = new FakeSyncServer();
  server.holdMs = 15;
  const devices: TestDevice[] = [];
  for (let i = 0; i < DEVICES; i++) devices.push(await createTestDevice(server));
  const written: { device: number; mutation_id: string }[] = [];
  try {
    for (const o of ops) {
      switch (o.kind) {
        case 'insert': {
          const id = randomUUID();
          const mutation_id = randomUUID();
          await devices[o.device]!.write({
            mutation_id,
            table: 'goals',
            op: 'insert',
            row_id: id,
            payload: goalRow(id, o.target),
          });
          written.push({ device: o.device, mutation_id });
          break;
        }
        case 'update':
        case 'delete': {
          const d = devices[o.device]!;
          const ids = await visibleIds(d);
          if (ids.length === 0) break;
          const id = ids[o.pick % ids.length]!;
          const mutation_id = randomUUID();
          await d.write(
            o.kind === 'update'
              ? {
                  mutation_id,
                  table: 'goals',
                  op: 'update',
                  row_id: id,
                  payload: { goal_id: id, target_value: o.target },
                }
              : { mutation_id, table: 'goals', op: 'delete', row_id: id, payload: { goal_id: id } },
          );
          written.push({ device: o.device, mutation_id });
          break;
        }
        case 'toggle': {
          const d = devices[o.device]!;
          d.online.set(!d.online.isOnline());
          break;
        }
        case 'restart':
          server.restart();
          break;
        case 'lose_answer':
          server.loseNextAnswer = true;
          break;
        case 'pause':
          await new Promise((r) => setTimeout(r, o.ms));
          break;
      }
    }
    for (const d of devices) d.online.set(true);
    for (const d of devices) {
      await eventually(async () => (await pendingCount(d.db)) === 0, 8000, 'outbox drained');
    }
    const expected = serverState(server);
    for (const d of devices) {
      await eventually(
        async () => JSON.stringify(await replicaState(d)) === JSON.stringify(expected),
        8000,
        `replica equals server: ${JSON.stringify(expected)} vs ${JSON.stringify(await replicaState(d))}`,
      );
    }
    // Exactly once, or rejected with its reason kept on the writing device.
    for (const w of written) {
      const applied = server.applications.get(w.mutation_id) ?? 0;
      expect(applied).toBeLessThanOrEqual(1);
      if (applied === 0) {
        const rejected = await devices[w.device]!.db.get<{ detail: string }>(
          'SELECT detail FROM _rejected WHERE mutation_id = ?',
          [w.mutation_id],
        );
        expect(
          rejected?.detail,
          `mutation ${w.mutation_id} neither applied nor rejected`,
        ).toBeTruthy();
      }
    }
  } finally {
    for (const d of devices) await d.close();
  }
}

describe('convergence under random writes, disconnects and server restarts', () => {
  it('every replica ends equal to the server, no accepted write lost or applied twice', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), run), {
      numRuns: 25,
    });
  }, 240_000);
});
