/**
 * Access tokens: HS256 JWTs signed with jose, carrying iss, aud, sub (user id), iat and a
 * 15-minute exp. Verification pins the algorithm, issuer and audience, so `alg: none`, another
 * algorithm, a foreign audience or a tampered signature all fail the same way.
 */
import { SignJWT, jwtVerify, errors } from 'jose';
import { UnauthorizedError } from '../errors.ts';

export const TOKEN_ISSUER = 'eco-track';
export const TOKEN_AUDIENCE = 'eco-track-api';
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export interface AccessClaims {
  userId: string;
  username: string;
}

const keyCache = new Map<string, Uint8Array>();
const keyOf = (secret: string): Uint8Array => {
  let key = keyCache.get(secret);
  if (!key) keyCache.set(secret, (key = new TextEncoder().encode(secret)));
  return key;
};

export async function signAccessToken(
  secret: string,
  claims: AccessClaims,
  ttlSeconds = ACCESS_TOKEN_TTL_SECONDS,
): Promise<string> {
  return new SignJWT({ username: claims.username })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(keyOf(secret));
}

/** Verifies a bearer token; throws UnauthorizedError with a reason a client can act on. */
export async function verifyAccessToken(secret: string, token: string): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    const username = typeof payload.username === 'string' ? payload.username : '';
    if (!payload.sub) throw new UnauthorizedError('Invalid token');
    return { userId: payload.sub, username };
  } catch (err) {
    if (err instanceof UnauthorizedError) throw err;
    if (err instanceof errors.JWTExpired) throw new UnauthorizedError('Token expired');
    throw new UnauthorizedError('Invalid token');
  }
}

/** The token in an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  return match?.[1];
}
