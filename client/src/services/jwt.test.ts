import { describe, expect, it } from 'vitest';
import { readAccessToken } from './jwt.ts';

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('reading our access token', () => {
  it('reads the user, the name and the expiry', () => {
    const token = `${b64url({ alg: 'HS256' })}.${b64url({ sub: 'u-1', username: 'zoë', exp: 1_700_000_000 })}.sig`;
    expect(readAccessToken(token)).toEqual({
      userId: 'u-1',
      username: 'zoë',
      expiresAt: 1_700_000_000_000,
    });
  });

  it('refuses tokens without a subject or that are not JWTs', () => {
    expect(readAccessToken(`${b64url({})}.${b64url({ username: 'x' })}.s`)).toBeNull();
    expect(readAccessToken('not-a-token')).toBeNull();
    expect(readAccessToken('a.%%%.c')).toBeNull();
  });
});
