import { describe, expect, it } from 'vitest';
import type { GoalWithProgress } from '../../worker/api.ts';
import { goalOutlook } from './goal-outlook.ts';

function goal(over: Partial<GoalWithProgress>): GoalWithProgress {
  return {
    goal_id: 'g',
    user_id: 'u',
    org_id: null,
    goal_type: 'Reduce Carbon Footprint',
    description: null,
    target_value: 10,
    unit: '%',
    start_date: '2025-03-01',
    end_date: '2025-03-31',
    current_value: null,
    status: 'active',
    created_at: '',
    updated_at: '',
    emitted_kg: 0,
    elapsed_fraction: 0.5,
    pending: false,
    ...over,
  };
}

describe('whether a goal is on track', () => {
  it('percentage goals: on track once the reduction reaches the target', () => {
    expect(goalOutlook(goal({ current_value: 12 })).onTrack).toBe(true);
    expect(goalOutlook(goal({ current_value: 4 })).onTrack).toBe(false);
    expect(goalOutlook(goal({ current_value: 4 })).fraction).toBeCloseTo(0.4);
  });

  it('percentage goals: cannot tell without a baseline', () => {
    const o = goalOutlook(goal({ current_value: null }));
    expect(o.onTrack).toBeNull();
    expect(o.summary).toMatch(/Not enough data/);
  });

  it('budgets: on track while within the pro-rata share of the budget', () => {
    const budget = { unit: 'kg CO2e', target_value: 100, elapsed_fraction: 0.5 };
    expect(goalOutlook(goal({ ...budget, emitted_kg: 40 })).onTrack).toBe(true);
    expect(goalOutlook(goal({ ...budget, emitted_kg: 60 })).onTrack).toBe(false);
    expect(goalOutlook(goal({ ...budget, emitted_kg: 60 })).fraction).toBeCloseTo(0.6);
    expect(goalOutlook(goal({ ...budget, emitted_kg: 250 })).fraction).toBe(1);
  });
});
