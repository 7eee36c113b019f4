/** Payloads of /api/v1/orgs/*: the shared organisation workspace, its members and roles. */
import { z } from 'zod';
import { ORG_ROLES } from './auth.ts';
import { GwpSetSchema, UuidSchema, optionalText } from './common.ts';

export const CONSOLIDATION_APPROACHES = [
  'operational_control',
  'financial_control',
  'equity_share',
] as const;

export const OrgRoleSchema = z.enum(ORG_ROLES, {
  error: 'must be one of owner, admin, member, viewer',
});

const OrgName = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(255, { error: 'must be at most 255 characters' });

const profileFields = {
  industry: optionalText(100),
  employees: z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be at least 0' })
    .max(100_000_000, { error: 'must be at most 100000000' })
    .nullish(),
  revenue: z
    .number({ error: 'must be a number' })
    .min(0, { error: 'must be at least 0' })
    .max(1e15, { error: 'must be at most 1e15' })
    .nullish(),
  revenue_currency: z
    .string({ error: 'must be a string' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, { error: 'must be a 3-letter ISO 4217 code such as USD' })
    .optional(),
  gwp_set: GwpSetSchema.optional(),
  consolidation_approach: z
    .enum(CONSOLIDATION_APPROACHES, {
      error: 'must be one of operational_control, financial_control, equity_share',
    })
    .optional(),
  base_year: z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1990, { error: 'must be 1990 or later' })
    .max(2100, { error: 'must be 2100 or earlier' })
    .nullish(),
};

export const OrgCreateRequestSchema = z
  .object({ name: OrgName, ...profileFields })
  .meta({ id: 'OrgCreateRequest', example: { name: 'Example Corp', industry: 'Software' } });
export type OrgCreateRequest = z.infer<typeof OrgCreateRequestSchema>;

export const OrgUpdateRequestSchema = z
  .object({ name: OrgName.optional(), ...profileFields })
  .meta({
    id: 'OrgUpdateRequest',
    example: { employees: 120, revenue: 25000000, base_year: 2022 },
  });
export type OrgUpdateRequest = z.infer<typeof OrgUpdateRequestSchema>;

export const OrgSchema = z
  .object({
    org_id: UuidSchema,
    name: z.string(),
    join_code: z
      .string()
      .nullable()
      .meta({ description: 'Shown to owners and admins only; null for other roles' }),
    industry: z.string().nullable(),
    employees: z.number().nullable(),
    revenue: z.number().nullable(),
    revenue_currency: z.string(),
    gwp_set: GwpSetSchema,
    consolidation_approach: z.enum(CONSOLIDATION_APPROACHES),
    base_year: z.number().nullable(),
    role: OrgRoleSchema.meta({ description: "The caller's role in this organisation" }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Organization' });
export type Org = z.infer<typeof OrgSchema>;

export const OrgMemberSchema = z
  .object({
    user_id: UuidSchema,
    username: z.string(),
    display_name: z.string().nullable(),
    email: z.string().nullable().meta({ description: 'Shown to owners and admins only' }),
    role: OrgRoleSchema,
    joined_at: z.string(),
  })
  .meta({ id: 'OrgMember' });
export type OrgMember = z.infer<typeof OrgMemberSchema>;

export const JoinOrgRequestSchema = z
  .object({
    join_code: z
      .string({ error: 'must be a string' })
      .trim()
      .toUpperCase()
      .min(4, { error: 'must be at least 4 characters' })
      .max(32, { error: 'must be at most 32 characters' })
      .regex(/^[A-Z0-9-]+$/, { error: 'may contain only letters, digits and dashes' }),
  })
  .meta({ id: 'JoinOrgRequest', example: { join_code: 'K7QX-4M2P-9T' } });
export type JoinOrgRequest = z.infer<typeof JoinOrgRequestSchema>;

export const RoleChangeRequestSchema = z
  .object({ role: OrgRoleSchema })
  .meta({ id: 'RoleChangeRequest', example: { role: 'admin' } });
export type RoleChangeRequest = z.infer<typeof RoleChangeRequestSchema>;

export const JoinCodeResponseSchema = z
  .object({ org_id: UuidSchema, join_code: z.string() })
  .meta({ id: 'JoinCodeResponse' });
export type JoinCodeResponse = z.infer<typeof JoinCodeResponseSchema>;

export const OrgIdParamSchema = z.object({ org_id: UuidSchema });
export const OrgMemberParamSchema = z.object({ org_id: UuidSchema, user_id: UuidSchema });
