import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GoalCreateRequestSchema,
  GoalListQuerySchema,
  GoalUpdateRequestSchema,
} from '@eco-track/shared-schema';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { addMember, insertEmission, insertOrg, insertUser } from './emission-fixtures.ts';
import { createGoal, deleteGoal, getGoal, listGoals, updateGoal } from './goals.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});

const at = (iso: string) => ({ now: new Date(iso) });
const upd = (o: Record<string, unknown>) => GoalUpdateRequestSchema.parse(o);
const input = (o: Record<string, unknown>) =>
  GoalCreateRequestSchema.parse({
    goal_type: 'Reduce Carbon Footprint',
    target_value: 10,
    unit: '%',
    start_date: '2023-11-01',
    end_date: '2023-11-30',
    ...o,
  });

// November 2023 has 30 days, so its baseline period is 2023-10-02 .. 2023-10-31.
describe('percentage reduction goals', () => {
  it('completes when the whole period is at least target_value % below the baseline period', async () => {
    const u = await insertUser(t.db);
    await insertEmission(t.db, { userId: u, kg: 60, at: '2023-10-02T00:00:00Z' }); // first baseline instant
    await insertEmission(t.db, { userId: u, kg: 40, at: '2023-10-20T09:00:00Z' });
    await insertEmission(t.db, { userId: u, kg: 999, at: '2023-10-01T23:59:59Z' }); // before the baseline
    await insertEmission(t.db, { userId: u, kg: 50, at: '2023-11-01T00:00:00Z' }); // first period instant
    await insertEmission(t.db, { userId: u, kg: 35, at: '2023-11-30T23:59:59.999Z' }); // last period instant
    await insertEmission(t.db, { userId: u, kg: 999, at: '2023-12-01T00:00:00Z' }); // after the period
    const { goal } = await createGoal(t.db, { userId: u }, input({}), at('2023-12-05T00:00:00Z'));
    expect(goal).toMatchObject({
      baseline_value: 100,
      period_emissions: 85,
      current_value: 15,
      status: 'completed',
    });
  });

  it('fails after end_date when the reduction falls short, and reports an increase as negative', async () => {
    const u = await insertUser(t.db);
    await insertEmission(t.db, { userId: u, kg: 100, at: '2023-10-15T00:00:00Z' });
    await insertEmission(t.db, { userId: u, kg: 120, at: '2023-11-15T00:00:00Z' });
    const { goal } = await createGoal(t.db, { userId: u }, input({}), at('2023-12-01T00:00:00Z'));
    expect(goal).toMatchObject({ current_value: -20, status: 'failed' });
  });

  it('compares the elapsed part of a running goal with the matching part of the baseline period', async () => {
    const u = await insertUser(t.db);
    // now = 2023-11-10T12:00Z: elapsed [11-01, 11-10 12:00); matching baseline [10-02, 10-11 12:00).
    await insertEmission(t.db, { userId: u, kg: 40, at: '2023-10-05T00:00:00Z' });
    await insertEmission(t.db, { userId: u, kg: 500, at: '2023-10-11T12:00:00Z' }); // just outside
    await insertEmission(t.db, { userId: u, kg: 30, at: '2023-11-03T00:00:00Z' });
    await insertEmission(t.db, { userId: u, kg: 400, at: '2023-11-10T12:00:00Z' }); // not yet happened
    const { goal } = await createGoal(t.db, { userId: u }, input({}), at('2023-11-10T12:00:00Z'));
    expect(goal).toMatchObject({
      baseline_value: 40,
      period_emissions: 30,
      current_value: 25,
      status: 'active',
    });
  });

  it('has no current value (null) and stays active while the period is in the future', async () => {
    const u = await insertUser(t.db);
    await insertEmission(t.db, { userId: u, kg: 10, at: '2023-10-15T00:00:00Z' });
    const { goal } = await createGoal(t.db, { userId: u }, input({}), at('2023-10-20T00:00:00Z'));
    expect(goal).toMatchObject({
      current_value: null,
      baseline_value: null,
      period_emissions: 0,
      status: 'active',
    });
  });

  it('without baseline emissions has no current value, and fails once the period is over', async () => {
    const u = await insertUser(t.db);
    await insertEmission(t.db, { userId: u, kg: 5, at: '2023-11-05T00:00:00Z' });
    const running = await createGoal(t.db, { userId: u }, input({}), at('2023-11-20T00:00:00Z'));
    expect(running.goal).toMatchObject({
      current_value: null,
      baseline_value: 0,
      status: 'active',
    });
    const after = await getGoal(
      t.db,
      { userId: u },
      running.goal.goal_id,
      at('2023-12-01T00:00:00Z'),
    );
    expect(after).toMatchObject({ current_value: null, status: 'failed' });
  });

  it("counts only the goal owner's emissions", async () => {
    const u = await insertUser(t.db);
    const other = await insertUser(t.db);
    await insertEmission(t.db, { userId: u, kg: 100, at: '2023-10-15T00:00:00Z' });
    await insertEmission(t.db, { userId: other, kg: 1000, at: '2023-11-15T00:00:00Z' });
    const { goal } = await createGoal(t.db, { userId: u }, input({}), at('2023-12-01T00:00:00Z'));
    expect(goal).toMatchObject({ current_value: 100, status: 'completed' });
  });

  it('stores the computed current_value and status on the row (the synced copy)', async () => {
    const u = await insertUser(t.db);
    await insertEmission(t.db, { userId: u, kg: 100, at: '2023-10-15T00:00:00Z' });
    await insertEmission(t.db, { userId: u, kg: 80, at: '2023-11-15T00:00:00Z' });
    const { goal } = await createGoal(t.db, { userId: u }, input({}), at('2023-12-01T00:00:00Z'));
    const [row] = await t.db.query('SELECT current_value, status FROM goals WHERE goal_id = $1', [
      goal.goal_id,
    ]);
    expect(row).toEqual({ current_value: 20, status: 'completed' });
  });
});

describe('absolute budget goals', () => {
  const budget = (o: Record<string, unknown> = {}) =>
    input({ goal_type: 'Monthly budget', unit: 'kg CO2e', target_value: 50, ...o });

  it('reports kg emitted so far; completes at or under the budget after end_date', async () => {
    const u = await insertUser(t.db);
    await insertEmission(t.db, { userId: u, kg: 20, at: '2023-11-02T00:00:00Z' });
    await insertEmission(t.db, { userId: u, kg: 30, at: '2023-11-29T00:00:00Z' });
    const running = await createGoal(t.db, { userId: u }, budget(), at('2023-11-10T00:00:00Z'));
    expect(running.goal).toMatchObject({
      current_value: 20,
      status: 'active',
      baseline_value: null,
    });
    const done = await getGoal(
      t.db,
      { userId: u },
      running.goal.goal_id,
      at('2023-12-01T00:00:00Z'),
    );
    expect(done).toMatchObject({ current_value: 50, status: 'completed' });
  });

  it('stays active while over budget during the period, then fails; "kg" works like "kg CO2e"', async () => {
    const u = await insertUser(t.db);
    await insertEmission(t.db, { userId: u, kg: 70.5, at: '2023-11-02T00:00:00Z' });
    const running = await createGoal(
      t.db,
      { userId: u },
      budget({ unit: 'kg' }),
      at('2023-11-10T00:00:00Z'),
    );
    expect(running.goal).toMatchObject({ current_value: 70.5, status: 'active', unit: 'kg' });
    const done = await getGoal(
      t.db,
      { userId: u },
      running.goal.goal_id,
      at('2023-12-01T00:00:00Z'),
    );
    expect(done.status).toBe('failed');
  });

  it("an organisation goal is measured on the organisation's emissions", async () => {
    const owner = await insertUser(t.db);
    const org = await insertOrg(t.db, owner);
    await insertEmission(t.db, { userId: owner, orgId: org, kg: 12, at: '2023-11-03T00:00:00Z' });
    await insertEmission(t.db, { userId: owner, kg: 1000, at: '2023-11-03T00:00:00Z' }); // personal
    const { goal } = await createGoal(
      t.db,
      { userId: owner },
      budget({ org_id: org }),
      at('2023-12-01T00:00:00Z'),
    );
    expect(goal).toMatchObject({ org_id: org, current_value: 12, status: 'completed' });
  });
});

describe('goal access and writes', () => {
  it('hides personal goals from other users (404) and lets the owner update and delete', async () => {
    const u = await insertUser(t.db);
    const other = await insertUser(t.db);
    const { goal } = await createGoal(t.db, { userId: u }, input({}));
    await expect(getGoal(t.db, { userId: other }, goal.goal_id)).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      updateGoal(t.db, { userId: other }, goal.goal_id, upd({ target_value: 5 })),
    ).rejects.toMatchObject({ status: 404 });
    await expect(deleteGoal(t.db, { userId: other }, goal.goal_id)).rejects.toMatchObject({
      status: 404,
    });
    const updated = await updateGoal(
      t.db,
      { userId: u },
      goal.goal_id,
      upd({ target_value: 12.5 }),
    );
    expect(updated.target_value).toBe(12.5);
    await deleteGoal(t.db, { userId: u }, goal.goal_id);
    await expect(getGoal(t.db, { userId: u }, goal.goal_id)).rejects.toMatchObject({ status: 404 });
  });

  it('organisation goals: members read, viewers cannot write, members change only their own', async () => {
    const owner = await insertUser(t.db);
    const member = await insertUser(t.db);
    const viewer = await insertUser(t.db);
    const outsider = await insertUser(t.db);
    const org = await insertOrg(t.db, owner);
    await addMember(t.db, org, member, 'member');
    await addMember(t.db, org, viewer, 'viewer');
    const { goal } = await createGoal(t.db, { userId: owner }, input({ org_id: org }));
    expect((await getGoal(t.db, { userId: viewer }, goal.goal_id)).goal_id).toBe(goal.goal_id);
    await expect(getGoal(t.db, { userId: outsider }, goal.goal_id)).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      updateGoal(t.db, { userId: viewer }, goal.goal_id, upd({ target_value: 1 })),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      updateGoal(t.db, { userId: member }, goal.goal_id, upd({ target_value: 1 })),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      createGoal(t.db, { userId: viewer }, input({ org_id: org })),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      createGoal(t.db, { userId: outsider }, input({ org_id: org })),
    ).rejects.toMatchObject({ status: 403 });
    const mine = await createGoal(t.db, { userId: member }, input({ org_id: org }));
    expect(
      (await updateGoal(t.db, { userId: member }, mine.goal.goal_id, upd({ target_value: 3 })))
        .target_value,
    ).toBe(3);
    const q = GoalListQuerySchema.parse({ org_id: org });
    expect((await listGoals(t.db, { userId: viewer }, q)).map((g) => g.goal_id).sort()).toEqual(
      [goal.goal_id, mine.goal.goal_id].sort(),
    );
    await expect(listGoals(t.db, { userId: outsider }, q)).rejects.toMatchObject({ status: 404 });
    // personal lists never include organisation goals
    expect(await listGoals(t.db, { userId: owner }, GoalListQuerySchema.parse({}))).toEqual([]);
  });

  it('a repeated create with the same goal_id is idempotent; a different one conflicts', async () => {
    const u = await insertUser(t.db);
    const other = await insertUser(t.db);
    const id = '0190c1d2-7e4b-7c3a-9f10-2b3c4d5e6f70';
    const first = await createGoal(t.db, { userId: u }, input({ goal_id: id }));
    const again = await createGoal(t.db, { userId: u }, input({ goal_id: id }));
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.goal.goal_id).toBe(id);
    await expect(
      createGoal(t.db, { userId: u }, input({ goal_id: id, target_value: 11 })),
    ).rejects.toMatchObject({ status: 409 });
    await expect(createGoal(t.db, { userId: other }, input({ goal_id: id }))).rejects.toMatchObject(
      { status: 409 },
    );
  });

  it('refuses an update whose merged dates or percentage are impossible, changing nothing', async () => {
    const u = await insertUser(t.db);
    const { goal } = await createGoal(t.db, { userId: u }, input({}));
    await expect(
      updateGoal(t.db, { userId: u }, goal.goal_id, upd({ end_date: '2023-10-01' })),
    ).rejects.toMatchObject({
      status: 422,
      message: 'end_date: must not be before start_date',
    });
    await expect(
      updateGoal(t.db, { userId: u }, goal.goal_id, upd({ target_value: 150 })),
    ).rejects.toMatchObject({ status: 422 });
    const same = await getGoal(t.db, { userId: u }, goal.goal_id);
    expect(same).toMatchObject({ end_date: '2023-11-30', target_value: 10 });
  });

  it('filters the list by computed status', async () => {
    const u = await insertUser(t.db);
    await insertEmission(t.db, { userId: u, kg: 100, at: '2023-10-15T00:00:00Z' });
    await insertEmission(t.db, { userId: u, kg: 120, at: '2023-11-15T00:00:00Z' });
    await createGoal(t.db, { userId: u }, input({}));
    await createGoal(
      t.db,
      { userId: u },
      input({ start_date: '2100-01-01', end_date: '2100-01-31' }),
    );
    const now = at('2024-01-01T00:00:00Z');
    const failed = await listGoals(
      t.db,
      { userId: u },
      GoalListQuerySchema.parse({ status: 'failed' }),
      now,
    );
    const active = await listGoals(
      t.db,
      { userId: u },
      GoalListQuerySchema.parse({ status: 'active' }),
      now,
    );
    expect(failed.map((g) => g.start_date)).toEqual(['2023-11-01']);
    expect(active.map((g) => g.start_date)).toEqual(['2100-01-01']);
  });
});
