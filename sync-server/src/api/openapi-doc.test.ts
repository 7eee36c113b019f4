import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { MAX_BODY_BYTES } from './index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('framework guards', () => {
  it('refuses a body over the limit with 413 and a body without a JSON media type with 415', async () => {
    const huge = JSON.stringify({ username: 'x'.repeat(MAX_BODY_BYTES), password: 'y' });
    const big = await t.app.request('/api/v1/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: huge,
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({
      detail: `Request body too large; the limit is ${MAX_BODY_BYTES} bytes`,
    });
    const bare = await t.app.request('/api/v1/auth/register', { method: 'POST', body: '{}' });
    expect(bare.status).toBe(415);
    expect(((await bare.json()) as { detail: string }).detail).toMatch(
      /Content-Type: application\/json/,
    );
  });
});

describe('API documentation', () => {
  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const res = await t.app.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown; requestBody?: unknown }>>;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/register', '/api/v1/auth/login', '/api/v1/auth/me']),
    );
    expect(doc.paths['/api/v1/auth/me']?.get?.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ scheme: 'bearer' });
    expect(doc.components.schemas).toHaveProperty('RegisterRequest');
    expect(doc.components.schemas).toHaveProperty('ErrorResponse');
  });

  it('documents the factor library and the sync endpoints with their schemas', async () => {
    const res = await t.app.request('/api/v1/openapi.json');
    const doc = (await res.json()) as {
      paths: Record<
        string,
        Record<string, { security?: unknown; parameters?: { name: string }[] }>
      >;
    };
    expect(doc.paths['/api/v1/emission_factors']?.get?.security).toBeUndefined();
    expect(doc.paths['/api/v1/sync/mutations']?.post?.security).toEqual([{ bearerAuth: [] }]);
    const shapeParams = doc.paths['/v1/shape']?.get?.parameters?.map((p) => p.name);
    expect(shapeParams).toEqual(expect.arrayContaining(['table', 'offset', 'handle', 'live']));
    expect(shapeParams).not.toContain('where');
  });

  it('serves Swagger UI at /api/docs pointing at the document', async () => {
    const res = await t.app.request('/api/docs');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('swagger-ui');
    expect(html).toContain('/api/v1/openapi.json');
  });

  it('answers unknown API paths with 404 {detail}', async () => {
    const res = await t.app.request('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ detail: 'Not Found' });
  });
});
