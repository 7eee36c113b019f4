import { describe, expect, it } from 'vitest';
import type { Report } from '../../worker/api.ts';
import { categoryTotals, footprintData, monthlyTotals, scopeSplit } from './report-data.ts';
import { reportToCsv } from './report-export.ts';

const data = {
  unit: 'kg CO2e',
  subject: { user_id: '0190c1d2-7e4b-7c3a-9f10-2b3c4d5e6f70' },
  period: { start_date: '2025-01-01', end_date: '2025-03-31', days: 90 },
  total_emissions: 150,
  activity_count: 4,
  breakdown: { transportation: 50, energy: 100 },
  by_activity_type: { Transportation: 50, 'Energy Consumption': 100 },
  by_scope: { '1': 50, '2': 60, '2+3': 40 },
  monthly: [
    { month: '2025-01', total_emissions: 100, activity_count: 3 },
    { month: '2025-02', total_emissions: 50, activity_count: 1 },
  ],
  comparison: {
    previous_start_date: '2024-10-03',
    previous_end_date: '2024-12-31',
    previous_total_emissions: 200,
    change_kg: -50,
    change_pct: -25,
  },
  generated_at: '2025-04-01T00:00:00Z',
};

const report: Report = {
  report_id: 'r',
  user_id: 'u',
  org_id: null,
  report_type: 'Custom Range',
  framework: null,
  start_date: '2025-01-01',
  end_date: '2025-03-31',
  data,
  version: 1,
  supersedes: null,
  created_at: '',
  updated_at: '',
};

describe('footprint report data', () => {
  it('reads the stored figures for the charts', () => {
    const d = footprintData(data);
    expect(d).not.toBeNull();
    if (!d) return;
    expect(categoryTotals(d).map((c) => c.category)).toEqual(['energy', 'transportation']);
    expect(monthlyTotals(d)).toEqual([
      { period: '2025-01', co2e_kg: 100, activity_count: 3 },
      { period: '2025-02', co2e_kg: 50, activity_count: 1 },
    ]);
    expect(scopeSplit(d)).toEqual({ scope1_kg: 50, scope2_kg: 60, scope3_kg: 0, scope2_3_kg: 40 });
  });

  it('treats other documents (ESG) as not a footprint report', () => {
    expect(footprintData({ framework: 'gri' })).toBeNull();
  });

  it('exports every figure as CSV, quoting where needed', () => {
    const csv = reportToCsv(report);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('section,item,value');
    expect(lines).toContain('total_emissions,,150');
    expect(lines).toContain('breakdown,energy,100');
    expect(lines).toContain('monthly,1.total_emissions,50');
    expect(lines).toContain('by_activity_type,Energy Consumption,100');
  });
});
