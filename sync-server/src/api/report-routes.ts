/** /api/v1/reports (seed 4.5): footprint reports, and ESG reports built by the ESG module. */
import { createRoute, z } from '@hono/zod-openapi';
import {
  FOOTPRINT_REPORT_TYPES,
  ReportCreateRequestSchema,
  ReportIdParamSchema,
  ReportListQuerySchema,
  ReportSchema,
} from '@eco-track/shared-schema';
import { requireUser } from '../auth/require-user.ts';
import { buildEsgReportData } from '../esg/index.ts';
import type { AppDeps } from '../http/context.ts';
import {
  createReport,
  getReport,
  listReports,
  type EsgReportBuilder,
} from '../services/reports.ts';
import { BEARER, createApiRouter, errors, json, jsonBody } from './router.ts';

const esg: EsgReportBuilder = (tx, request) => buildEsgReportData(tx, request);

export function reportRoutes(deps: AppDeps) {
  const { db } = deps;
  const r = createApiRouter();
  const auth = requireUser(db, deps.config.jwtSecret);
  const common = { tags: ['reports'], middleware: auth, security: BEARER };

  r.openapi(
    createRoute({
      ...common,
      method: 'post',
      path: '/reports',
      summary: 'Generate and store a report',
      description:
        `report_type ${FOOTPRINT_REPORT_TYPES.map((t) => `"${t}"`).join(', ')} stores in data: ` +
        'total_emissions, breakdown (by category), by_activity_type, by_scope, monthly, and the ' +
        'comparison with the previous period of the same length (kg CO2e, UTC days, inclusive). ' +
        'Monthly/Yearly without both dates cover the calendar month/year of start_date (else ' +
        'end_date, else today). "ESG Report" needs framework (gri, sasb, esrs). With org_id the ' +
        "report covers the organisation's emissions (owners, admins and members create; every " +
        'member reads).',
      request: { body: jsonBody(ReportCreateRequestSchema) },
      responses: {
        201: json(ReportSchema, 'The stored report'),
        200: json(ReportSchema, 'The same report_id and request were already stored'),
        ...errors(401, 403, 409),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { report, created } = await db.transaction((tx) =>
        createReport(tx, { userId: c.var.user.userId }, input, { esg }),
      );
      return c.json(report, created ? 201 : 200);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/reports',
      summary: "Your reports and those of your organisations (or one organisation's), newest first",
      request: { query: ReportListQuerySchema },
      responses: { 200: json(z.array(ReportSchema), 'Reports'), ...errors(401, 404) },
    }),
    async (c) => {
      const reports = await listReports(db, { userId: c.var.user.userId }, c.req.valid('query'));
      return c.json(reports, 200);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/reports/{report_id}',
      summary: 'One report',
      request: { params: ReportIdParamSchema },
      responses: { 200: json(ReportSchema, 'The report'), ...errors(401, 404) },
    }),
    async (c) => {
      const { report_id } = c.req.valid('param');
      return c.json(await getReport(db, { userId: c.var.user.userId }, report_id), 200);
    },
  );

  return r;
}
