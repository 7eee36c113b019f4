/**
 * ESG: GHG inventories (organisation or person), report documents for GRI / SASB / ESRS, their
 * exports, and the endpoints. The reports service builds "ESG Report" data through
 * `buildEsgReportData(tx, { userId, orgId, framework, startDate, endDate, now?, industry? })`.
 */
export { esgRoutes } from './routes.ts';
export { buildEsgReportData, isEsgReportData } from './report-data.ts';
export type { EsgReportData, EsgReportRequest, Methodology } from './report-data.ts';
export { computeInventory } from './inventory.ts';
export type { Inventory, FigureTrace, PeriodSummary } from './inventory-types.ts';
export { exportReport } from './exports/export-report.ts';
export { reissueReport } from './report-versions.ts';
export { FRAMEWORK_NAMES, SASB_INDUSTRIES } from './frameworks.ts';
