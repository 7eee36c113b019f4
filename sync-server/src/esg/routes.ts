/**
 * ESG endpoints under /api/v1 (mounted through api/index.ts):
 *   GET    /orgs/{org_id}/inventory                      owners, admins, members
 *   GET    /orgs/{org_id}/inventory/activities           the audit lines of any figure
 *   GET    /users/me/inventory, /users/me/inventory/activities
 *   GET    /orgs/{org_id}/esg/instruments                owners, admins, members
 *   POST   /orgs/{org_id}/esg/instruments                owners, admins
 *   DELETE /orgs/{org_id}/esg/instruments/{instrument_id}
 *   GET    /orgs/{org_id}/esg/templates                  owners, admins, members
 *   PUT    /orgs/{org_id}/esg/templates/{section}        owners, admins (DELETE resets)
 *   GET    /reports/{report_id}/export?format=           the report's readers (viewers too)
 *   POST   /reports/{report_id}/reissue                  a new version superseding the old
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  InstrumentCreateRequestSchema,
  InstrumentParamSchema,
  InstrumentSchema,
  InventoryActivitiesQuerySchema,
  InventoryActivityLineSchema,
  InventoryQuerySchema,
  InventorySchema,
  NarrativeTemplateListSchema,
  NarrativeTemplateSchema,
  OrgIdParamSchema,
  ReportExportQuerySchema,
  ReportIdParamSchema,
  ReportReissueRequestSchema,
  ReportSchema,
  TemplateParamSchema,
  TemplateUpdateRequestSchema,
  type InventoryActivitiesQuery,
} from '@eco-track/shared-schema';
import {
  BEARER,
  createApiRouter,
  errors,
  json,
  jsonBody,
  optionalJsonBody,
} from '../api/router.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Queryable } from '../db/types.ts';
import type { AppDeps } from '../http/context.ts';
import { requireEsgManager, requireInventoryReader } from './access.ts';
import { exportReport } from './exports/export-report.ts';
import { createInstrument, deleteInstrument, listInstruments } from './instruments.ts';
import type { Owner } from './inventory-aggregate.ts';
import { auditLines } from './inventory-trace.ts';
import { computeInventory } from './inventory.ts';
import { loadTemplates, PLACEHOLDERS, resetTemplate, saveTemplate } from './narratives.ts';
import type { Period } from './period.ts';
import { reissueReport } from './report-versions.ts';

/** Default period: 1 January of the current UTC year to today. */
function periodOf(
  q: { from?: string | undefined; to?: string | undefined },
  now = new Date(),
): Period {
  const today = now.toISOString().slice(0, 10);
  const to = q.to ?? (q.from && q.from > today ? q.from : today);
  return { from: q.from ?? `${to.slice(0, 4)}-01-01`, to };
}

function listActivities(tx: Queryable, owner: Owner, q: InventoryActivitiesQuery) {
  return auditLines(tx, owner, periodOf(q), {
    figure: q.figure,
    scope3Category: q.scope3_category,
    after:
      q.after_timestamp && q.after_activity_id
        ? { timestamp: q.after_timestamp, activity_id: q.after_activity_id }
        : undefined,
    limit: q.limit,
  });
}

export function esgRoutes(deps: AppDeps) {
  const { db } = deps;
  const r = createApiRouter();
  const auth = requireUser(db, deps.config.jwtSecret);
  const common = { tags: ['esg'], middleware: auth, security: BEARER };

  r.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/orgs/{org_id}/inventory',
      summary: "The organisation's GHG inventory for a period, every figure traced",
      description:
        'Scope 1; Scope 2 location- and market-based; Scope 3 by category with exclusions; per gas; ' +
        'biogenic CO2 apart; intensity; prior and base year; data quality. Owners, admins and members.',
      request: { params: OrgIdParamSchema, query: InventoryQuerySchema },
      responses: { 200: json(InventorySchema, 'The inventory'), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const { org_id } = c.req.valid('param');
      const q = c.req.valid('query');
      const inv = await db.transaction(async (tx) => {
        await requireInventoryReader(tx, c.var.user.userId, org_id);
        return computeInventory(tx, { kind: 'org', orgId: org_id }, periodOf(q), {
          traceLimit: q.trace_limit,
        });
      });
      return c.json(inv, 200);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/orgs/{org_id}/inventory/activities',
      summary: 'Activity-level audit lines behind an inventory figure (keyset-paged)',
      request: { params: OrgIdParamSchema, query: InventoryActivitiesQuerySchema },
      responses: {
        200: json(z.array(InventoryActivityLineSchema), 'Lines in time order'),
        ...errors(401, 403, 404),
      },
    }),
    async (c) => {
      const { org_id } = c.req.valid('param');
      const q = c.req.valid('query');
      const lines = await db.transaction(async (tx) => {
        await requireInventoryReader(tx, c.var.user.userId, org_id);
        return listActivities(tx, { kind: 'org', orgId: org_id }, q);
      });
      return c.json(lines, 200);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/users/me/inventory',
      summary: 'Your personal GHG inventory (activities not logged for an organisation)',
      request: { query: InventoryQuerySchema },
      responses: { 200: json(InventorySchema, 'The inventory'), ...errors(401) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const inv = await computeInventory(
        db,
        { kind: 'user', userId: c.var.user.userId },
        periodOf(q),
        {
          traceLimit: q.trace_limit,
        },
      );
      return c.json(inv, 200);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/users/me/inventory/activities',
      summary: 'Activity-level audit lines behind your personal inventory',
      request: { query: InventoryActivitiesQuerySchema },
      responses: {
        200: json(z.array(InventoryActivityLineSchema), 'Lines in time order'),
        ...errors(401),
      },
    }),
    async (c) => {
      const lines = await listActivities(
        db,
        { kind: 'user', userId: c.var.user.userId },
        c.req.valid('query'),
      );
      return c.json(lines, 200);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/orgs/{org_id}/esg/instruments',
      summary: 'Contractual instruments recorded for market-based Scope 2',
      request: { params: OrgIdParamSchema },
      responses: {
        200: json(z.array(InstrumentSchema), 'The instruments'),
        ...errors(401, 403, 404),
      },
    }),
    async (c) => {
      const { org_id } = c.req.valid('param');
      const list = await db.transaction(async (tx) => {
        await requireInventoryReader(tx, c.var.user.userId, org_id);
        return listInstruments(tx, org_id);
      });
      return c.json(list, 200);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'post',
      path: '/orgs/{org_id}/esg/instruments',
      summary: 'Record a certificate (REC, GO, ...), green tariff or supplier-specific rate',
      request: { params: OrgIdParamSchema, body: jsonBody(InstrumentCreateRequestSchema) },
      responses: { 201: json(InstrumentSchema, 'The instrument'), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const { org_id } = c.req.valid('param');
      const input = c.req.valid('json');
      const row = await db.transaction(async (tx) => {
        await requireEsgManager(tx, c.var.user.userId, org_id);
        return createInstrument(tx, org_id, c.var.user.userId, input);
      });
      return c.json(row, 201);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'delete',
      path: '/orgs/{org_id}/esg/instruments/{instrument_id}',
      summary: 'Delete a contractual instrument',
      request: { params: InstrumentParamSchema },
      responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404) },
    }),
    async (c) => {
      const { org_id, instrument_id } = c.req.valid('param');
      await db.transaction(async (tx) => {
        await requireEsgManager(tx, c.var.user.userId, org_id);
        await deleteInstrument(tx, org_id, instrument_id);
      });
      return c.body(null, 204);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/orgs/{org_id}/esg/templates',
      summary: 'Narrative templates of ESG reports (stored or default) and their placeholders',
      request: { params: OrgIdParamSchema },
      responses: {
        200: json(NarrativeTemplateListSchema, 'The templates'),
        ...errors(401, 403, 404),
      },
    }),
    async (c) => {
      const { org_id } = c.req.valid('param');
      const templates = await db.transaction(async (tx) => {
        await requireInventoryReader(tx, c.var.user.userId, org_id);
        return loadTemplates(tx, org_id);
      });
      return c.json({ placeholders: [...PLACEHOLDERS], templates }, 200);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'put',
      path: '/orgs/{org_id}/esg/templates/{section}',
      summary: 'Customise a narrative template ({{placeholder}} substitution)',
      request: { params: TemplateParamSchema, body: jsonBody(TemplateUpdateRequestSchema) },
      responses: {
        200: json(NarrativeTemplateSchema, 'The stored template'),
        ...errors(401, 403, 404),
      },
    }),
    async (c) => {
      const { org_id, section } = c.req.valid('param');
      const { body } = c.req.valid('json');
      const saved = await db.transaction(async (tx) => {
        await requireEsgManager(tx, c.var.user.userId, org_id);
        return saveTemplate(tx, org_id, c.var.user.userId, section, body);
      });
      return c.json(saved, 200);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'delete',
      path: '/orgs/{org_id}/esg/templates/{section}',
      summary: 'Reset a narrative template to the default',
      request: { params: TemplateParamSchema },
      responses: {
        200: json(NarrativeTemplateSchema, 'The default template'),
        ...errors(401, 403, 404),
      },
    }),
    async (c) => {
      const { org_id, section } = c.req.valid('param');
      const reset = await db.transaction(async (tx) => {
        await requireEsgManager(tx, c.var.user.userId, org_id);
        return resetTemplate(tx, org_id, section);
      });
      return c.json(reset, 200);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/reports/{report_id}/export',
      summary: 'Download a report as JSON, CSV, XLSX or PDF',
      description:
        'ESG reports: a sheet (XLSX) or table (PDF, CSV) per disclosure, methodology, narrative and ' +
        'the activity appendix. Readable by the report’s creator and, for organisation reports, by ' +
        'every member including viewers.',
      request: { params: ReportIdParamSchema, query: ReportExportQuerySchema },
      responses: {
        200: { description: 'The file (Content-Disposition: attachment)' },
        ...errors(401, 404),
      },
    }),
    async (c) => {
      const { report_id } = c.req.valid('param');
      const { format } = c.req.valid('query');
      const file = await db.transaction((tx) =>
        exportReport(tx, c.var.user.userId, report_id, format),
      );
      return c.body(typeof file.body === 'string' ? file.body : file.body.slice().buffer, 200, {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${file.filename}"`,
      });
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'post',
      path: '/reports/{report_id}/reissue',
      summary: 'Re-issue a corrected ESG report: a new version that supersedes this one',
      description:
        'The earlier version is kept unchanged. Only the latest version can be re-issued (409).',
      request: { params: ReportIdParamSchema, body: optionalJsonBody(ReportReissueRequestSchema) },
      responses: { 201: json(ReportSchema, 'The new version'), ...errors(401, 403, 404, 409) },
    }),
    async (c) => {
      const { report_id } = c.req.valid('param');
      const body = c.req.valid('json');
      const row = await db.transaction((tx) =>
        reissueReport(tx, c.var.user.userId, report_id, { industry: body?.industry ?? null }),
      );
      return c.json(row, 201);
    },
  );

  return r;
}
