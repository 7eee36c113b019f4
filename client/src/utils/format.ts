/** Number, mass and date formatting shared by every page (the seed's formattingUtils). */

const kgFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const smallKgFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });
const tonneFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** "12.3 kg CO2e", "4.56 t CO2e" from ≥ 10,000 kg, three decimals below 1 kg. */
export function formatCo2e(kg: number | null | undefined): string {
  if (kg === null || kg === undefined || !Number.isFinite(kg)) return '–';
  if (Math.abs(kg) >= 10_000) return `${tonneFormat.format(kg / 1000)} t CO2e`;
  if (Math.abs(kg) < 1 && kg !== 0) return `${smallKgFormat.format(kg)} kg CO2e`;
  return `${kgFormat.format(kg)} kg CO2e`;
}

/** The number alone, for tables and chart axes. */
export function formatKg(kg: number): string {
  return Math.abs(kg) < 1 && kg !== 0 ? smallKgFormat.format(kg) : kgFormat.format(kg);
}

const gasFormat = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 3 });

/** Per-gas masses are often tiny (0.000123 kg CH4): three significant digits, never "0". */
export function formatGasKg(kg: number): string {
  return kg === 0 ? '0' : gasFormat.format(kg);
}

export function formatNumber(n: number, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(undefined, { maximumFractionDigits }).format(n);
}

export function formatPercent(pct: number | null): string {
  if (pct === null || !Number.isFinite(pct)) return '–';
  const sign = pct > 0 ? '+' : '';
  return `${sign}${formatNumber(pct, 1)} %`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

export function formatDate(iso: string): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTimeFormat.format(d);
}

/** "14:05" today, otherwise the date and time. */
export function formatWhen(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toDateString() === now.toDateString() ? timeFormat.format(d) : dateTimeFormat.format(d);
}

/** "YYYY-MM" → "Mar 2025" */
export function formatMonth(period: string): string {
  const [y, m] = period.split('-').map(Number);
  if (!y || !m) return period;
  return new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

/** Title-cases a snake/kebab identifier: "energy_use" → "Energy use". */
export function humanize(id: string): string {
  const s = id.replace(/[_-]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
