import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clearLocalSnapshots,
  dropLocalSnapshots,
  restoreLocalSnapshot,
  saveLocalSnapshot,
  snapshotGeneration,
} from './local-snapshot.ts';

afterEach(() => clearLocalSnapshots());

const dashKey = ['local', 'dashboard', '2025-03'];
const goalsKey = ['local', 'goals', 'active'];

describe('local query snapshots for cold starts', () => {
  it("restore this user's last results as stale data, so they show and still refetch", () => {
    saveLocalSnapshot('u-1', dashKey, ['activities', 'emissions'], { total: 42 });
    const client = new QueryClient();
    restoreLocalSnapshot(client, 'u-1');
    expect(client.getQueryData(dashKey)).toEqual({ total: 42 });
    expect(client.getQueryState(dashKey)?.isInvalidated).toBe(true);
  });

  it('never restore another user’s results', () => {
    saveLocalSnapshot('u-1', dashKey, ['activities'], { total: 42 });
    const client = new QueryClient();
    restoreLocalSnapshot(client, 'u-2');
    expect(client.getQueryData(dashKey)).toBeUndefined();
    restoreLocalSnapshot(client, 'u-1');
    expect(client.getQueryData(dashKey)).toBeUndefined();
  });

  it('drop exactly the snapshots that read a changed table', () => {
    saveLocalSnapshot('u-1', dashKey, ['activities', 'emissions'], { total: 42 });
    saveLocalSnapshot('u-1', goalsKey, ['goals'], [{ goal_id: 'g' }]);
    const before = snapshotGeneration();
    dropLocalSnapshots(['emissions']);
    expect(snapshotGeneration()).toBe(before + 1);
    const client = new QueryClient();
    restoreLocalSnapshot(client, 'u-1');
    expect(client.getQueryData(dashKey)).toBeUndefined();
    expect(client.getQueryData(goalsKey)).toEqual([{ goal_id: 'g' }]);
  });
});
