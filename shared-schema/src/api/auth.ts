/** Payloads of /api/v1/auth/* and the user's own profile and preferences. */
import { z } from 'zod';
import { GwpSetSchema, RegionSchema, UuidSchema, optionalText } from './common.ts';

export const USER_TYPES = ['individual', 'business'] as const;
export const UNIT_SYSTEMS = ['metric', 'imperial'] as const;
export const ORG_ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/** Longest password accepted: long enough for any passphrase, short enough to bound hashing. */
export const PASSWORD_MAX = 1024;

// Usernames cannot contain '@' (login accepts a username or an email, so they must never collide)
// nor whitespace or control characters.
export const UsernameSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .min(3, { error: 'must be at least 3 characters' })
  .max(50, { error: 'must be at most 50 characters' })
  .regex(/^[^@\s\p{Cc}]+$/u, { error: "may not contain '@', spaces or control characters" });

export const EmailSchema = z
  .email({ error: 'must be a valid email address' })
  .max(255, { error: 'must be at most 255 characters' });

export const RegisterRequestSchema = z
  .object({
    username: UsernameSchema,
    email: z.string({ error: 'must be a string' }).trim().pipe(EmailSchema),
    password: z
      .string({ error: 'must be a string' })
      .min(8, { error: 'must be at least 8 characters' })
      .max(PASSWORD_MAX, { error: `must be at most ${PASSWORD_MAX} characters` }),
    first_name: optionalText(50),
    last_name: optionalText(50),
    company_name: optionalText(255),
    user_type: z
      .enum(USER_TYPES, { error: 'must be individual or business' })
      .default('individual'),
  })
  .meta({
    id: 'RegisterRequest',
    example: {
      username: 'john.doe',
      email: 'john.doe@example.com',
      password: 'secure_password',
      first_name: 'John',
      last_name: 'Doe',
      company_name: 'Example Corp',
      user_type: 'business',
    },
  });
export type RegisterRequest = z.infer<typeof RegisterRequestSchema>;

export const LoginRequestSchema = z
  .object({
    username: z
      .string({ error: 'must be a string' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(255, { error: 'must be at most 255 characters' })
      .meta({ description: 'The username or the email address' }),
    password: z
      .string({ error: 'must be a string' })
      .min(1, { error: 'must not be empty' })
      .max(PASSWORD_MAX, { error: `must be at most ${PASSWORD_MAX} characters` }),
  })
  .meta({ id: 'LoginRequest', example: { username: 'john.doe', password: 'secure_password' } });
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const TokenResponseSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal('bearer'),
    expires_in: z.number().int().meta({ description: 'Seconds until the access token expires' }),
    refresh_token: z.string(),
  })
  .meta({ id: 'TokenResponse' });
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

const RefreshTokenString = z
  .string({ error: 'must be a string' })
  .min(1, { error: 'must not be empty' })
  .max(512, { error: 'must be at most 512 characters' });

export const RefreshRequestSchema = z
  .object({ refresh_token: RefreshTokenString })
  .meta({ id: 'RefreshRequest' });
export type RefreshRequest = z.infer<typeof RefreshRequestSchema>;

export const LogoutRequestSchema = z
  .object({
    refresh_token: RefreshTokenString.optional().meta({
      description: 'Revokes this session (its whole rotation family)',
    }),
    all: z
      .boolean({ error: 'must be true or false' })
      .optional()
      .meta({ description: 'Revokes every session of the user (needs the access token)' }),
  })
  .meta({ id: 'LogoutRequest' });
export type LogoutRequest = z.infer<typeof LogoutRequestSchema>;

export const PreferencesSchema = z
  .object({
    unit_system: z.enum(UNIT_SYSTEMS),
    default_region: z.string(),
    gwp_set: GwpSetSchema,
    display_name: z.string().nullable(),
    leaderboard_opt_in: z.boolean(),
  })
  .meta({ id: 'Preferences' });
export type Preferences = z.infer<typeof PreferencesSchema>;

export const MembershipSummarySchema = z
  .object({ org_id: UuidSchema, name: z.string(), role: z.enum(ORG_ROLES) })
  .meta({ id: 'MembershipSummary' });
export type MembershipSummary = z.infer<typeof MembershipSummarySchema>;

export const MeResponseSchema = z
  .object({
    user_id: UuidSchema,
    username: z.string(),
    email: z.string(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    company_name: z.string().nullable(),
    user_type: z.enum(USER_TYPES),
    created_at: z.string(),
    preferences: PreferencesSchema,
    memberships: z.array(MembershipSummarySchema),
  })
  .meta({ id: 'Me' });
export type MeResponse = z.infer<typeof MeResponseSchema>;

/** PATCH /auth/me: profile fields and preferences, every one optional; null clears a text field. */
export const UpdateMeRequestSchema = z
  .object({
    first_name: optionalText(50),
    last_name: optionalText(50),
    company_name: optionalText(255),
    user_type: z.enum(USER_TYPES, { error: 'must be individual or business' }).optional(),
    display_name: optionalText(80),
    unit_system: z.enum(UNIT_SYSTEMS, { error: 'must be metric or imperial' }).optional(),
    default_region: RegionSchema.optional(),
    gwp_set: GwpSetSchema.optional(),
    leaderboard_opt_in: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .meta({
    id: 'UpdateMeRequest',
    example: { unit_system: 'imperial', default_region: 'US-CA', gwp_set: 'AR6' },
  });
export type UpdateMeRequest = z.infer<typeof UpdateMeRequestSchema>;
