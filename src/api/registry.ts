import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ErrorCode } from '../core/errors.ts';
import { AppError } from '../core/errors.ts';
import type { AppContext } from './context.ts';
import type { AuthLevel, Principal } from './auth.ts';
import { assertCsrf, assertRole, authenticate } from './auth.ts';
import { parse } from './validation.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A route whose body is a raw stream (CSV), not JSON; the handler reads it once. */
export interface RawBodySpec {
  contentType: 'text/csv';
  maxBytes: number;
  description: string;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler gets: validated inputs, the caller, the clock's "now" and the app's services. */
export interface HandlerInput<A extends AuthLevel, P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The raw request body, size-limited, for routes declaring `rawBody`; null otherwise. */
  rawBody: AsyncIterable<Buffer> | null;
  principal: A extends 'public' ? null : Principal;
  now: Date;
  ctx: AppContext;
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * One route, declared once: the registry registers it with Fastify (auth, CSRF, role, validation)
 * and builds the OpenAPI document from the same declaration, so the two cannot drift.
 */
export interface RouteDef<
  A extends AuthLevel,
  PS extends z.ZodType | undefined,
  QS extends z.ZodType | undefined,
  BS extends z.ZodType | undefined,
  RS extends z.ZodType | undefined,
> {
  operationId: string;
  method: HttpMethod;
  /** Fastify syntax: `/api/learners/:id`. */
  url: string;
  summary: string;
  description?: string;
  tag: string;
  auth: A;
  params?: PS;
  query?: QS;
  body?: BS;
  rawBody?: RawBodySpec;
  /** Absent: the route answers 204 without a body. */
  response?: RS;
  /** The success status (default 200; 204 without a response schema). */
  status?: number;
  produces?: 'application/json' | 'text/html';
  /** Codes this route raises beyond the ones its auth level and inputs imply (for the docs). */
  errors?: readonly ErrorCode[];
  handler: (
    input: HandlerInput<A, Out<PS>, Out<QS>, Out<BS>>,
  ) => Promise<RS extends z.ZodType ? z.input<RS> : void>;
}

/** A route with its types erased, as the registry stores it. */
export interface RouteSpec {
  operationId: string;
  method: HttpMethod;
  url: string;
  summary: string;
  description?: string;
  tag: string;
  auth: AuthLevel;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  rawBody?: RawBodySpec;
  response?: z.ZodType;
  status?: number;
  produces?: 'application/json' | 'text/html';
  errors?: readonly ErrorCode[];
  handler: (input: HandlerInput<AuthLevel, unknown, unknown, unknown>) => Promise<unknown>;
}

export function defineRoute<
  A extends AuthLevel,
  PS extends z.ZodType | undefined = undefined,
  QS extends z.ZodType | undefined = undefined,
  BS extends z.ZodType | undefined = undefined,
  RS extends z.ZodType | undefined = undefined,
>(def: RouteDef<A, PS, QS, BS, RS>): RouteSpec {
  return def as unknown as RouteSpec;
}

/** The `:name` segments of a Fastify URL. */
export function pathParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? '');
}

function schemaKeys(schema: z.ZodType | undefined): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape).sort() : [];
}

/** Fails at start-up when a route's URL and its params schema disagree. */
function assertWellFormed(route: RouteSpec): void {
  const inUrl = pathParams(route.url).sort();
  const inSchema = schemaKeys(route.params);
  if (inUrl.join(',') !== inSchema.join(',')) {
    throw new Error(
      `route ${route.operationId}: URL params [${inUrl.join(', ')}] differ from its params schema [${inSchema.join(', ')}]`,
    );
  }
  if (route.body && route.rawBody) {
    throw new Error(`route ${route.operationId}: declare either body or rawBody, not both`);
  }
}

const principals = new WeakMap<FastifyRequest, Principal>();

/** Registers every route with Fastify: auth → CSRF → role, then inputs, handler, response. */
export function registerRoutes(
  app: FastifyInstance,
  routes: readonly RouteSpec[],
  ctx: AppContext,
): void {
  const seen = new Set<string>();
  for (const route of routes) {
    assertWellFormed(route);
    if (seen.has(route.operationId)) throw new Error(`duplicate operationId ${route.operationId}`);
    seen.add(route.operationId);
    app.route({
      method: route.method,
      url: route.url,
      // Authentication runs before the body is read: strangers never get a body parsed.
      ...(route.auth === 'public'
        ? {}
        : {
            onRequest: async (request: FastifyRequest) => {
              const principal = await authenticate(request, ctx.deps.store, ctx.deps.clock());
              assertCsrf(request, principal);
              assertRole(principal, route.auth);
              principals.set(request, principal);
            },
          }),
      handler: async (request, reply) => {
        const principal = route.auth === 'public' ? null : principals.get(request);
        if (principal === undefined) throw new Error('authenticated route without a principal');
        const input: HandlerInput<AuthLevel, unknown, unknown, unknown> = {
          params: route.params ? parse(route.params, request.params, 'params') : undefined,
          query: route.query ? parse(route.query, request.query ?? {}, 'query') : undefined,
          body: route.body ? parse(route.body, request.body ?? {}, 'body') : undefined,
          rawBody: route.rawBody ? rawBodyOf(request, reply, route.rawBody) : null,
          principal,
          now: ctx.deps.clock(),
          ctx,
          request,
          reply,
        };
        let result: unknown;
        try {
          result = await route.handler(input);
        } finally {
          // Whatever the handler left unread is discarded, so the connection can be reused.
          if (route.rawBody && request.body instanceof Readable && !request.body.readableEnded) {
            request.body.resume();
          }
        }
        if (reply.sent) return reply;
        if (!route.response) return reply.code(route.status ?? 204).send();
        const checked = route.response.safeParse(result);
        if (!checked.success) {
          // A bug on our side: answer INTERNAL, never a half-checked body.
          throw new Error(
            `the response of ${route.operationId} breaks its contract: ${checked.error.message}`,
          );
        }
        if (route.status !== undefined && reply.statusCode === 200) void reply.code(route.status);
        if (route.produces === 'text/html') void reply.type('text/html; charset=utf-8');
        return checked.data;
      },
    });
  }
}

function rawBodyOf(
  request: FastifyRequest,
  reply: FastifyReply,
  spec: RawBodySpec,
): AsyncIterable<Buffer> {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== spec.contentType) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Send the body with Content-Type: ${spec.contentType}.`,
    );
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > spec.maxBytes) {
    void reply.header('connection', 'close');
    throw new AppError('PAYLOAD_TOO_LARGE', tooLarge(spec.maxBytes));
  }
  const body = request.body;
  if (body === undefined || body === null) return emptyBody();
  if (!(body instanceof Readable)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Send the body with Content-Type: ${spec.contentType}.`,
    );
  }
  return limitBytes(body, spec.maxBytes, () => void reply.header('connection', 'close'));
}

function tooLarge(maxBytes: number): string {
  return `The body is larger than ${Math.round(maxBytes / (1024 * 1024))} MB.`;
}

async function* emptyBody(): AsyncGenerator<Buffer> {}

/**
 * Counts bytes while the consumer reads; past `maxBytes` it stops with PAYLOAD_TOO_LARGE. The
 * request stream is drained, not destroyed, so the 413 answer still reaches the client.
 */
async function* limitBytes(
  stream: Readable,
  maxBytes: number,
  onOverflow: () => void,
): AsyncGenerator<Buffer> {
  let total = 0;
  let overflow = false;
  for await (const chunk of stream.iterator({ destroyOnReturn: false })) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += buffer.length;
    if (total > maxBytes) {
      overflow = true;
      break;
    }
    yield buffer;
  }
  if (overflow) {
    // The iterator has let go of the stream by now: let the rest flow into the void.
    onOverflow();
    stream.resume();
    throw new AppError('PAYLOAD_TOO_LARGE', tooLarge(maxBytes));
  }
}
