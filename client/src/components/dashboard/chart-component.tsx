/**
 * The dashboard's charts (recharts, in the design system's colours). This module is loaded
 * lazily, so the numbers on the dashboard show before the chart library has arrived. Each chart
 * has a visually hidden table with the same numbers for screen readers.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatKg, formatMonth, humanize } from '../../utils/format.ts';
import type { CategoryTotal, PeriodTotal, ScopeSplit } from '../../worker/api.ts';
import { colorAt, SCOPE_COLORS } from './chart-colors.ts';
import styles from './dashboard.module.css';

const AXIS = { fontSize: 12, fill: '#424242' };

function tooltipKg(value: unknown): [string, string] {
  return [`${formatKg(Number(value))} kg CO2e`, 'Emissions'];
}

function DataTable({
  caption,
  rows,
}: {
  caption: string;
  rows: readonly { label: string; kg: number }[];
}) {
  return (
    <table className="visually-hidden">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">kg CO2e</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            <td>{formatKg(r.kg)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TrendChart({ trend }: { trend: readonly PeriodTotal[] }) {
  const data = trend.map((t) => ({ label: formatMonth(t.period), kg: t.co2e_kg }));
  return (
    <figure className={styles.figure}>
      <div className={styles.chart} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            accessibilityLayer={false}
            data={data}
            margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e0e0e0" />
            <XAxis dataKey="label" tick={AXIS} interval="preserveStartEnd" />
            <YAxis tick={AXIS} width={56} tickFormatter={(v: number) => formatKg(v)} />
            <Tooltip formatter={tooltipKg} cursor={{ fill: 'rgb(46 125 50 / 8%)' }} />
            <Bar dataKey="kg" fill="#2e7d32" radius={[4, 4, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <DataTable caption="Emissions per month, last 12 months" rows={data} />
    </figure>
  );
}

export function CategoryChart({ categories }: { categories: readonly CategoryTotal[] }) {
  const data = categories
    .filter((c) => c.co2e_kg > 0)
    .map((c) => ({ label: humanize(c.category), kg: c.co2e_kg }));
  return (
    <figure className={styles.figure}>
      <div className={styles.chart} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            accessibilityLayer={false}
            data={data}
            layout="vertical"
            margin={{ top: 0, right: 16, bottom: 0, left: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e0e0e0" />
            <XAxis type="number" tick={AXIS} tickFormatter={(v: number) => formatKg(v)} />
            <YAxis type="category" dataKey="label" tick={AXIS} width={110} />
            <Tooltip formatter={tooltipKg} cursor={{ fill: 'rgb(46 125 50 / 8%)' }} />
            <Bar dataKey="kg" radius={[0, 4, 4, 0]} isAnimationActive={false}>
              {data.map((d, i) => (
                <Cell key={d.label} fill={colorAt(i)} stroke="#1b5e20" strokeWidth={0.5} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <DataTable caption="Emissions by category" rows={data} />
    </figure>
  );
}

export function ScopeChart({ split }: { split: ScopeSplit }) {
  const data = [
    { label: 'Scope 1' as const, kg: split.scope1_kg },
    { label: 'Scope 2' as const, kg: split.scope2_kg },
    { label: 'Scope 2+3' as const, kg: split.scope2_3_kg },
    { label: 'Scope 3' as const, kg: split.scope3_kg },
  ].filter((d) => d.kg > 0);
  return (
    <figure className={styles.figure}>
      <div className={styles.pie} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <PieChart accessibilityLayer={false}>
            <Pie
              data={data}
              dataKey="kg"
              nameKey="label"
              innerRadius="55%"
              outerRadius="90%"
              stroke="#ffffff"
              rootTabIndex={-1}
              isAnimationActive={false}
            >
              {data.map((d) => (
                <Cell key={d.label} fill={SCOPE_COLORS[d.label]} />
              ))}
            </Pie>
            <Tooltip formatter={(v: unknown) => `${formatKg(Number(v))} kg CO2e`} />
          </PieChart>
        </ResponsiveContainer>
      </div>
      <DataTable caption="Emissions by scope" rows={data} />
    </figure>
  );
}
