import { sql } from 'kysely';
import { z } from 'zod';
import { renderDocsPage } from '../docs-page.ts';
import type { OpenApiDocument } from '../openapi.ts';
import { buildOpenApiDocument } from '../openapi.ts';
import type { RouteSpec } from '../registry.ts';
import { defineRoute } from '../registry.ts';

const healthSchema = z.object({ status: z.enum(['ok', 'unavailable']) });

/** Liveness, readiness and the API's own documentation. */
export function metaRoutes(allRoutes: () => readonly RouteSpec[]): RouteSpec[] {
  let document: OpenApiDocument | undefined;
  const getDocument = (version: string): OpenApiDocument =>
    (document ??= buildOpenApiDocument(allRoutes(), version));
  return [
    defineRoute({
      operationId: 'healthz',
      method: 'GET',
      url: '/healthz',
      summary: 'The process is up.',
      tag: 'health',
      auth: 'public',
      response: healthSchema,
      handler: () => Promise.resolve({ status: 'ok' as const }),
    }),
    defineRoute({
      operationId: 'readyz',
      method: 'GET',
      url: '/readyz',
      summary: 'The store answers a trivial query (503 otherwise).',
      tag: 'health',
      auth: 'public',
      response: healthSchema,
      handler: async ({ ctx, reply, request }) => {
        try {
          await sql`select 1`.execute(ctx.deps.store.db);
          return { status: 'ok' as const };
        } catch (error) {
          request.log.warn({ err: error }, 'readiness check failed');
          void reply.code(503);
          return { status: 'unavailable' as const };
        }
      },
    }),
    defineRoute({
      operationId: 'getOpenApiDocument',
      method: 'GET',
      url: '/api/openapi.json',
      summary: 'This API as an OpenAPI 3.1 document.',
      tag: 'meta',
      auth: 'public',
      response: z.record(z.string(), z.unknown()),
      handler: ({ ctx }) =>
        Promise.resolve(getDocument(ctx.deps.version) as unknown as Record<string, unknown>),
    }),
    defineRoute({
      operationId: 'getApiDocs',
      method: 'GET',
      url: '/api/docs',
      summary: 'This API as a readable page: every endpoint, its auth and its schemas.',
      tag: 'meta',
      auth: 'public',
      produces: 'text/html',
      response: z.string(),
      handler: ({ ctx }) => Promise.resolve(renderDocsPage(getDocument(ctx.deps.version))),
    }),
  ];
}
