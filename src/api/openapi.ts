import { z } from 'zod';
import type { ErrorCode } from '../core/errors.ts';
import { ERROR_CATALOGUE } from '../core/errors.ts';
import { errorBodySchema } from '../contracts/common.ts';
import { CSRF_HEADER, SESSION_COOKIE } from './auth.ts';
import type { RouteSpec } from './registry.ts';

type JsonSchema = Record<string, unknown>;

/** The subset of an OpenAPI 3.1 document we generate (loosely typed: it is serialized as is). */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: Record<string, Record<string, unknown>>;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  'x-rollcall-auth': RouteSpec['auth'];
  security: Record<string, string[]>[];
  parameters?: Record<string, unknown>[];
  requestBody?: Record<string, unknown>;
  responses: Record<string, Record<string, unknown>>;
}

export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    override: ({ jsonSchema }) => {
      // `.int()` adds the safe-integer bounds; they say nothing to a reader.
      if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
    },
  });
  return rest;
}

/** `/api/learners/:id` → `/api/learners/{id}`. */
export function toOpenApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The codes a route can answer with, from its auth level, its inputs and its own list. */
export function routeErrorCodes(route: RouteSpec): ErrorCode[] {
  const codes = new Set<ErrorCode>(route.errors ?? []);
  if (route.params || route.query || route.body || route.rawBody) codes.add('VALIDATION_FAILED');
  if (route.auth !== 'public') {
    codes.add('UNAUTHENTICATED');
    if (UNSAFE.has(route.method)) codes.add('CSRF_FAILED');
  }
  if (route.auth === 'admin') codes.add('FORBIDDEN');
  if (route.params) codes.add('NOT_FOUND');
  if (route.rawBody) codes.add('PAYLOAD_TOO_LARGE');
  return [...codes];
}

function parameters(
  schema: z.ZodType | undefined,
  where: 'path' | 'query',
): Record<string, unknown>[] {
  if (!schema) return [];
  const json = toJsonSchema(schema, 'input');
  const properties = (json['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

function operation(route: RouteSpec): OpenApiOperation {
  const params = [...parameters(route.params, 'path'), ...parameters(route.query, 'query')];
  const responses: OpenApiOperation['responses'] = {};
  const success = String(route.status ?? (route.response ? 200 : 204));
  responses[success] = route.response
    ? {
        description: 'Success.',
        content: {
          [route.produces ?? 'application/json']: {
            schema: toJsonSchema(route.response, 'output'),
          },
        },
      }
    : { description: 'Success, no content.' };
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of routeErrorCodes(route)) {
    const status = ERROR_CATALOGUE[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: codes.map((c) => `${c}: ${ERROR_CATALOGUE[c].message}`).join(' | '),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  const op: OpenApiOperation = {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    'x-rollcall-auth': route.auth,
    security:
      route.auth === 'public' ? [] : [{ sessionCookie: [], csrfHeader: [] }, { bearerToken: [] }],
    responses,
  };
  const description = [
    route.description,
    route.auth === 'admin'
      ? 'Admins only.'
      : route.auth === 'member'
        ? 'Any signed-in role.'
        : 'No sign-in needed.',
  ]
    .filter(Boolean)
    .join('\n\n');
  op.description = description;
  if (params.length > 0) op.parameters = params;
  if (route.body) {
    op.requestBody = {
      required: true,
      content: { 'application/json': { schema: toJsonSchema(route.body, 'input') } },
    };
  }
  if (route.rawBody) {
    op.requestBody = {
      required: true,
      description: route.rawBody.description,
      content: { [route.rawBody.contentType]: { schema: { type: 'string' } } },
    };
  }
  return op;
}

/** The OpenAPI 3.1 document of every registered route, built from the same declarations. */
export function buildOpenApiDocument(
  routes: readonly RouteSpec[],
  version: string,
): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const path = toOpenApiPath(route.url);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  const tags = [...new Set(routes.map((r) => r.tag))].map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rollcall API',
      version,
      description:
        `Sign in with POST /api/auth/login (session cookie ${SESSION_COOKIE}; send the returned ` +
        `csrfToken as the ${CSRF_HEADER} header on unsafe methods) or send ` +
        '"Authorization: Bearer <api token>". Errors are { error: { code, message, details? } } ' +
        'with a stable code from the catalogue.',
    },
    tags,
    paths,
    components: {
      schemas: { Error: toJsonSchema(errorBodySchema, 'output') },
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        csrfHeader: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
        bearerToken: { type: 'http', scheme: 'bearer' },
      },
    },
  };
}
