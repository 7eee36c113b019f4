/** Chart series colours from the design tokens (styles/tokens.css), in order of use. */
export const CHART_COLORS = [
  '#2e7d32',
  '#8bc34a',
  '#ffc107',
  '#00695c',
  '#ef6c00',
  '#5d4037',
  '#546e7a',
] as const;

export const SCOPE_COLORS = {
  'Scope 1': '#2e7d32',
  'Scope 2': '#8bc34a',
  'Scope 2+3': '#ffc107',
  'Scope 3': '#00695c',
} as const;

export function colorAt(i: number): string {
  return CHART_COLORS[i % CHART_COLORS.length] ?? '#2e7d32';
}
