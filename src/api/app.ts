import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Clock } from '../core/time.ts';
import type { Store } from '../db/database.ts';
import type { HrisGate } from '../platform/hris-gate.ts';
import type { SyncRuntime } from '../sync/runtime.ts';
import type { AppContext } from './context.ts';
import { consoleIndex, registerConsole, wantsConsolePage } from './console.ts';
import { handleError, handleNotFound } from './errors.ts';
import { LoginLimiter } from './login-limiter.ts';
import { registerRoutes } from './registry.ts';
import { withoutLinkTokens } from './routes/connect-links.ts';
import { apiRoutes } from './routes/index.ts';

/** Everything the HTTP app needs; it reads no environment and never listens by itself. */
export interface AppDeps {
  store: Store;
  clock: Clock;
  /** A pino logger from the lead's `createLogger`, or false (tests). */
  logger: FastifyBaseLogger | false;
  hrisGate: HrisGate;
  /** The sync side: engine (probe, approve), the worker to wake, the sandbox HRIS if any. */
  sync: SyncRuntime;
  /** Mark the session cookie `Secure` (serve over HTTPS, directly or behind a proxy). */
  secureCookies: boolean;
  /** Trust X-Forwarded-* from a reverse proxy (client IP for login limits, protocol). */
  trustProxy: boolean;
  version: string;
  /** Serve HTTPS with this key pair (the caller listens). */
  https?: { key: Buffer; cert: Buffer };
}

/** JSON bodies are small (CSV imports stream through their own parser and limit). */
const JSON_BODY_LIMIT = 1024 * 1024;

/** Builds the API: security headers, cookies, the one error handler and every registered route. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const options = {
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    trustProxy: deps.trustProxy,
    bodyLimit: JSON_BODY_LIMIT,
    genReqId: () => randomUUID(),
    // Fastify's own request lines carry the query string (searches hold names and emails).
    logController: new LogController({ disableRequestLogging: true }),
  };
  // Fastify types HTTPS instances apart; routes and inject() behave the same, so one type serves.
  const app = (deps.https
    ? Fastify({ ...options, https: deps.https })
    : Fastify(options)) as unknown as FastifyInstance;

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        ...(deps.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // HSTS only makes sense where the deployment is HTTPS.
    strictTransportSecurity: deps.secureCookies ? { maxAge: 15552000 } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(fastifyCookie);

  // CSV imports: hand the raw stream to the route, which reads it once with its own byte limit.
  app.addContentTypeParser('text/csv', (_request, payload, done) => {
    done(null, payload);
  });
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? null,
        path: withoutLinkTokens(request.url.split('?')[0] ?? ''),
        statusCode: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
  });

  app.setErrorHandler((error, request, reply) => reply.send(handleError(error, request, reply)));
  await registerConsole(app);
  app.setNotFoundHandler((request, reply) =>
    wantsConsolePage(request)
      ? reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-cache')
          .send(consoleIndex())
      : reply.send(handleNotFound(request, reply)),
  );

  const ctx: AppContext = { deps, loginLimiter: new LoginLimiter(deps.clock) };
  registerRoutes(app, apiRoutes(), ctx);
  return app;
}
