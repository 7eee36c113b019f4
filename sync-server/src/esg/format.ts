/** Number formatting shared by every export, so JSON, XLSX, PDF and CSV show the same figures. */

const formatters = new Map<number, Intl.NumberFormat>();

/** en-US grouping with a fixed number of decimals: 1234.5 → "1,234.500" (3 decimals). */
export function formatNumber(x: number, decimals: number): string {
  let f = formatters.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    formatters.set(decimals, f);
  }
  return f.format(x);
}

/** kg CO2e as printed in reports (gram precision). */
export const formatKg = (kg: number): string => formatNumber(kg, 3);
/** t CO2e as printed in reports (kg precision). */
export const formatTonnes = (kg: number): string => formatNumber(kg / 1000, 3);
