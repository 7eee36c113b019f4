/**
 * /api/v1/auth/*: register, login (username or email), refresh rotation, logout, and the user's
 * own profile (GET/PATCH /auth/me, also at /users/me).
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  LoginRequestSchema,
  LogoutRequestSchema,
  MeResponseSchema,
  MessageResponseSchema,
  RefreshRequestSchema,
  RegisterRequestSchema,
  TokenResponseSchema,
  UpdateMeRequestSchema,
  type TokenResponse,
} from '@eco-track/shared-schema';
import { burnVerification, hashPassword, needsRehash, verifyPassword } from '../auth/passwords.ts';
import { FailureRateLimiter, LOGIN_LIMITS, type RateLimitRule } from '../auth/rate-limiter.ts';
import {
  issueRefreshToken,
  pruneExpiredRefreshTokens,
  revokeAllRefreshTokens,
  revokeRefreshFamily,
  rotateRefreshToken,
} from '../auth/refresh-tokens.ts';
import { requireUser } from '../auth/require-user.ts';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  bearerToken,
  signAccessToken,
  verifyAccessToken,
} from '../auth/tokens.ts';
import { RateLimitedError, UnauthorizedError, ValidationError } from '../errors.ts';
import type { AppDeps } from '../http/context.ts';
import {
  findLoginCandidate,
  getMe,
  registerUser,
  updateMe,
  updatePasswordHash,
} from '../services/users.ts';
import {
  BEARER,
  createApiRouter,
  errors,
  formatZodError,
  json,
  jsonBody,
  optionalJsonBody,
} from './router.ts';

export interface AuthRouteOptions {
  limits?: { perUsername: RateLimitRule; perAddress: RateLimitRule };
  /** Injected clock (ms) for the login limiter. */
  now?: () => number;
}

const INCORRECT = 'Incorrect username or password';

/** The peer address of the request; 'unknown' when there is no socket (in-process requests). */
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function authRoutes(deps: AppDeps, opts: AuthRouteOptions = {}) {
  const { db, config } = deps;
  const r = createApiRouter();
  const auth = requireUser(db, config.jwtSecret);
  const limits = opts.limits ?? LOGIN_LIMITS;
  const byUsername = new FailureRateLimiter({ ...limits.perUsername, now: opts.now });
  const byAddress = new FailureRateLimiter({ ...limits.perAddress, now: opts.now });

  const tokens = async (userId: string, username: string, refresh: string) =>
    ({
      access_token: await signAccessToken(config.jwtSecret, { userId, username }),
      token_type: 'bearer',
      expires_in: ACCESS_TOKEN_TTL_SECONDS,
      refresh_token: refresh,
    }) satisfies TokenResponse;

  r.openapi(
    createRoute({
      method: 'post',
      path: '/auth/register',
      tags: ['auth'],
      summary: 'Register a new user',
      request: { body: jsonBody(RegisterRequestSchema) },
      responses: {
        201: json(MessageResponseSchema, 'User registered successfully'),
        ...errors(409),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const hash = await hashPassword(input.password);
      await registerUser(db, input, hash);
      return c.json({ message: 'User registered successfully' }, 201);
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      tags: ['auth'],
      summary: 'Log in with a username or email; answers an access and a refresh token',
      description:
        'JSON `{username, password}` (a form-encoded body works too). Failed attempts are ' +
        `limited per username (${limits.perUsername.limit} per ${limits.perUsername.windowMs / 60_000} min) ` +
        `and per address (${limits.perAddress.limit}); beyond that 429 with Retry-After.`,
      request: {
        body: {
          required: false,
          content: {
            'application/json': { schema: LoginRequestSchema },
            'application/x-www-form-urlencoded': { schema: LoginRequestSchema },
          },
        },
      },
      responses: { 200: json(TokenResponseSchema, 'Tokens'), ...errors(401, 429) },
    }),
    async (c) => {
      const isForm = /urlencoded|multipart/i.test(c.req.header('content-type') ?? '');
      // Both media types are optional at the router so each validates only its own; an absent
      // body reaches here as {} and fails this parse.
      const raw = isForm ? c.req.valid('form') : c.req.valid('json');
      const parsed = LoginRequestSchema.safeParse(raw);
      if (!parsed.success) throw new ValidationError(formatZodError(parsed.error, raw));
      const { username, password } = parsed.data;
      const userKey = username.toLowerCase();
      const addrKey = clientAddress(c);
      const wait = Math.max(byUsername.check(userKey), byAddress.check(addrKey));
      if (wait > 0) {
        throw new RateLimitedError(
          `Too many failed login attempts; try again in ${wait} seconds`,
          wait,
        );
      }
      const user = await findLoginCandidate(db, username);
      const ok = user
        ? await verifyPassword(password, user.password_hash)
        : (await burnVerification(password), false);
      if (!user || !ok) {
        byUsername.fail(userKey);
        byAddress.fail(addrKey);
        throw new UnauthorizedError(INCORRECT);
      }
      byUsername.reset(userKey);
      if (needsRehash(user.password_hash)) {
        await updatePasswordHash(db, user.user_id, await hashPassword(password));
      }
      await pruneExpiredRefreshTokens(db, user.user_id);
      const refresh = await issueRefreshToken(db, user.user_id);
      return c.json(await tokens(user.user_id, user.username, refresh), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/auth/refresh',
      tags: ['auth'],
      summary: 'Exchange a refresh token for new tokens (the old one is spent)',
      description:
        'Refresh tokens rotate: each works once. Presenting a spent token revokes every token ' +
        'of its login (reuse detection) and answers 401.',
      request: { body: jsonBody(RefreshRequestSchema) },
      responses: { 200: json(TokenResponseSchema, 'New tokens'), ...errors(401) },
    }),
    async (c) => {
      const { refresh_token } = c.req.valid('json');
      const next = await rotateRefreshToken(db, refresh_token);
      return c.json(await tokens(next.userId, next.username, next.token), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/auth/logout',
      tags: ['auth'],
      summary: 'Revoke a session (its refresh token family), or every session with all: true',
      description:
        'Authenticate with the access token, or with the refresh token alone in the body ' +
        '(so a client whose access token expired can still log out).',
      security: BEARER,
      request: { body: optionalJsonBody(LogoutRequestSchema) },
      responses: { 200: json(MessageResponseSchema, 'Logged out'), ...errors(401) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const bearer = bearerToken(c.req.header('authorization'));
      const userId = bearer
        ? (await verifyAccessToken(config.jwtSecret, bearer)).userId
        : undefined;
      if (body.all) {
        if (!userId) throw new UnauthorizedError('Logging out everywhere needs the access token');
        await revokeAllRefreshTokens(db, userId);
      } else if (body.refresh_token) {
        const owner = await revokeRefreshFamily(db, body.refresh_token, userId);
        if (!owner && !userId) throw new UnauthorizedError('Invalid refresh token');
      } else if (!userId) {
        throw new UnauthorizedError('Not authenticated');
      }
      return c.json({ message: 'Logged out successfully' }, 200);
    },
  );

  for (const path of ['/auth/me', '/users/me'] as const) {
    const hide = path === '/users/me';
    r.openapi(
      createRoute({
        method: 'get',
        path,
        hide,
        tags: ['auth'],
        summary: 'The current user: profile, preferences and organisation memberships',
        middleware: [auth] as const,
        security: BEARER,
        responses: { 200: json(MeResponseSchema, 'The current user'), ...errors(401) },
      }),
      async (c) => c.json(await getMe(db, c.var.user.userId), 200),
    );
    r.openapi(
      createRoute({
        method: 'patch',
        path,
        tags: ['auth'],
        summary: 'Update the profile and preferences (units, default region, GWP set, …)',
        middleware: [auth] as const,
        security: BEARER,
        request: { body: jsonBody(UpdateMeRequestSchema) },
        responses: { 200: json(MeResponseSchema, 'The updated user'), ...errors(401) },
      }),
      async (c) => {
        const changes = c.req.valid('json');
        const me = await db.transaction((tx) => updateMe(tx, c.var.user.userId, changes));
        return c.json(me, 200);
      },
    );
  }

  return r;
}
