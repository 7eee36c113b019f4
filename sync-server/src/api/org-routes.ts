/** /api/v1/orgs/*: organisations, membership by join code, roles (issue 4 item 8). */
import { createRoute, z } from '@hono/zod-openapi';
import {
  JoinCodeResponseSchema,
  JoinOrgRequestSchema,
  MessageResponseSchema,
  OrgCreateRequestSchema,
  OrgIdParamSchema,
  OrgMemberParamSchema,
  OrgMemberSchema,
  OrgSchema,
  OrgUpdateRequestSchema,
  RoleChangeRequestSchema,
} from '@eco-track/shared-schema';
import { requireUser } from '../auth/require-user.ts';
import type { AppDeps } from '../http/context.ts';
import {
  changeRole,
  createOrg,
  getOrg,
  joinOrg,
  listMembers,
  listMyOrgs,
  removeMember,
  rotateJoinCode,
  updateOrg,
} from '../services/orgs.ts';
import { BEARER, createApiRouter, errors, json, jsonBody } from './router.ts';

export function orgRoutes(deps: AppDeps) {
  const { db } = deps;
  const r = createApiRouter();
  const auth = requireUser(db, deps.config.jwtSecret);
  const common = { tags: ['organisations'], middleware: auth, security: BEARER };

  r.openapi(
    createRoute({
      ...common,
      method: 'post',
      path: '/orgs',
      summary: 'Create an organisation; you become its owner',
      request: { body: jsonBody(OrgCreateRequestSchema) },
      responses: {
        201: json(OrgSchema, 'The organisation, with org_id and join_code'),
        ...errors(401),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const org = await db.transaction((tx) => createOrg(tx, { userId: c.var.user.userId }, input));
      return c.json(org, 201);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/orgs',
      summary: 'The organisations you belong to, with your role',
      responses: { 200: json(z.array(OrgSchema), 'Your organisations'), ...errors(401) },
    }),
    async (c) => c.json(await listMyOrgs(db, { userId: c.var.user.userId }), 200),
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'post',
      path: '/orgs/join',
      summary: 'Join an organisation with its join code (as a member)',
      request: { body: jsonBody(JoinOrgRequestSchema) },
      responses: { 200: json(OrgSchema, 'The organisation joined'), ...errors(401, 404) },
    }),
    async (c) => {
      const { join_code } = c.req.valid('json');
      const org = await db.transaction((tx) =>
        joinOrg(tx, { userId: c.var.user.userId }, join_code),
      );
      return c.json(org, 200);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/orgs/{org_id}',
      summary: 'One organisation (members only)',
      request: { params: OrgIdParamSchema },
      responses: { 200: json(OrgSchema, 'The organisation'), ...errors(401, 404) },
    }),
    async (c) => {
      const { org_id } = c.req.valid('param');
      return c.json(await getOrg(db, { userId: c.var.user.userId }, org_id), 200);
    },
  );

  for (const method of ['patch', 'put'] as const) {
    r.openapi(
      createRoute({
        ...common,
        method,
        path: '/orgs/{org_id}',
        hide: method === 'put',
        summary:
          'Update the profile: name, industry, employees, revenue, GWP set, base year (owners, admins)',
        request: { params: OrgIdParamSchema, body: jsonBody(OrgUpdateRequestSchema) },
        responses: { 200: json(OrgSchema, 'The updated organisation'), ...errors(401, 403, 404) },
      }),
      async (c) => {
        const { org_id } = c.req.valid('param');
        const changes = c.req.valid('json');
        const org = await db.transaction((tx) =>
          updateOrg(tx, { userId: c.var.user.userId }, org_id, changes),
        );
        return c.json(org, 200);
      },
    );
  }

  r.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/orgs/{org_id}/members',
      summary: 'The members and their roles (members only; emails for owners and admins)',
      request: { params: OrgIdParamSchema },
      responses: { 200: json(z.array(OrgMemberSchema), 'The members'), ...errors(401, 404) },
    }),
    async (c) => {
      const { org_id } = c.req.valid('param');
      return c.json(await listMembers(db, { userId: c.var.user.userId }, org_id), 200);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'put',
      path: '/orgs/{org_id}/members/{user_id}',
      summary: "Change a member's role (owners and admins; only owners touch the owner role)",
      request: { params: OrgMemberParamSchema, body: jsonBody(RoleChangeRequestSchema) },
      responses: { 200: json(OrgMemberSchema, 'The member'), ...errors(401, 403, 404, 409) },
    }),
    async (c) => {
      const { org_id, user_id } = c.req.valid('param');
      const { role } = c.req.valid('json');
      const member = await db.transaction((tx) =>
        changeRole(tx, { userId: c.var.user.userId }, org_id, user_id, role),
      );
      return c.json(member, 200);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'delete',
      path: '/orgs/{org_id}/members/{user_id}',
      summary: 'Remove a member (owners and admins), or leave (your own user_id)',
      request: { params: OrgMemberParamSchema },
      responses: {
        200: json(MessageResponseSchema, 'Member removed'),
        ...errors(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { org_id, user_id } = c.req.valid('param');
      await db.transaction((tx) =>
        removeMember(tx, { userId: c.var.user.userId }, org_id, user_id),
      );
      return c.json({ message: 'Member removed successfully' }, 200);
    },
  );

  r.openapi(
    createRoute({
      ...common,
      method: 'post',
      path: '/orgs/{org_id}/join_code',
      summary: 'Rotate the join code; the old one stops working (owners and admins)',
      request: { params: OrgIdParamSchema },
      responses: {
        200: json(JoinCodeResponseSchema, 'The new join code'),
        ...errors(401, 403, 404),
      },
    }),
    async (c) => {
      const { org_id } = c.req.valid('param');
      const res = await db.transaction((tx) =>
        rotateJoinCode(tx, { userId: c.var.user.userId }, org_id),
      );
      return c.json(res, 200);
    },
  );

  return r;
}
