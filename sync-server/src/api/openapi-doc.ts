import { swaggerUI } from '@hono/swagger-ui';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/context.ts';
import { documentSyncRoutes } from '../sync/sync-openapi.ts';

export const OPENAPI_PATH = '/api/v1/openapi.json';
export const DOCS_PATH = '/api/docs';

/**
 * Serves the OpenAPI 3.1 document generated from the registered routes' zod schemas, and Swagger
 * UI over it. The document is built once, on first request, after every module is mounted.
 */
export function mountOpenApiDocs(root: OpenAPIHono<AppEnv>): void {
  root.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'The access_token from POST /api/v1/auth/login (15 minutes)',
  });
  documentSyncRoutes(root.openAPIRegistry);
  let doc: unknown;
  root.get(OPENAPI_PATH, (c) => {
    doc ??= root.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Eco-Track API',
        version: '1.0.0',
        description:
          'Carbon-footprint tracking: accounts, activities and their emissions, organisations, ' +
          'goals, reports, recommendations, challenges and achievements. Errors answer ' +
          '`{"detail": "..."}`. Identifiers are UUIDs.',
      },
    });
    return c.json(doc);
  });
  root.get(DOCS_PATH, swaggerUI({ url: OPENAPI_PATH, title: 'Eco-Track API' }));
}
