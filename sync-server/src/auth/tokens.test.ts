import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  bearerToken,
  signAccessToken,
  verifyAccessToken,
} from './tokens.ts';

const secret = 'x'.repeat(40);
const key = new TextEncoder().encode(secret);

describe('access tokens', () => {
  it('round-trips the user id and username', async () => {
    const token = await signAccessToken(secret, { userId: 'u-1', username: 'ada' });
    expect(await verifyAccessToken(secret, token)).toEqual({ userId: 'u-1', username: 'ada' });
  });

  it('refuses expired, forged, alg:none and wrong-audience tokens', async () => {
    const expired = await signAccessToken(secret, { userId: 'u', username: 'a' }, -10);
    await expect(verifyAccessToken(secret, expired)).rejects.toThrow('Token expired');
    const forged = await signAccessToken('y'.repeat(40), { userId: 'u', username: 'a' });
    await expect(verifyAccessToken(secret, forged)).rejects.toThrow('Invalid token');
    const none = new UnsecuredJWT({})
      .setSubject('u')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .encode();
    await expect(verifyAccessToken(secret, none)).rejects.toThrow('Invalid token');
    const otherAud = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuer(TOKEN_ISSUER)
      .setAudience('someone-else')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    await expect(verifyAccessToken(secret, otherAud)).rejects.toThrow('Invalid token');
    const hs512 = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('u')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('x'.repeat(64)));
    await expect(verifyAccessToken('x'.repeat(64), hs512)).rejects.toThrow('Invalid token');
  });

  it('reads bearer tokens from the Authorization header', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
