import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, describeEachDialect } from '../db/testing.ts';
import { ERROR_CATALOGUE } from '../core/errors.ts';
import type { OpenApiDocument } from './openapi.ts';
import { toOpenApiPath } from './openapi.ts';
import { apiRoutes } from './routes/index.ts';
import type { SeededTenant } from './test-support.ts';
import { bearer, buildTestApp, expectError, seedTenant, servedRoutes } from './test-support.ts';

describeEachDialect('api app', (fx) => {
  let app: FastifyInstance;
  let acme: SeededTenant;

  beforeAll(async () => {
    app = await buildTestApp(fx.store);
    acme = await seedTenant(fx.store, 'acme');
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers /healthz and /readyz', async () => {
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok' });
  });

  it('sends security headers, a strict CSP without external sources, and a request id', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/tenant',
      ...bearer(acme.memberToken),
    });
    expect(response.statusCode).toBe(200);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/https?:/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('maps unknown routes, bad JSON, wrong media types and big bodies to catalogue codes', async () => {
    const missing = expectError(
      await app.inject({ method: 'GET', url: '/api/nope?x=1' }),
      404,
      'NOT_FOUND',
    );
    expect(missing.message).toBe('No route GET /api/nope.');
    expectError(
      await app.inject({
        method: 'PATCH',
        url: '/api/tenant',
        headers: { ...bearer(acme.adminToken).headers, 'content-type': 'application/json' },
        payload: '{"name": ',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await app.inject({
        method: 'PATCH',
        url: '/api/tenant',
        headers: { ...bearer(acme.adminToken).headers, 'content-type': 'application/xml' },
        payload: '<name/>',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await app.inject({
        method: 'PATCH',
        url: '/api/tenant',
        ...bearer(acme.adminToken),
        payload: { name: 'x'.repeat(2 * 1024 * 1024) },
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('reports every validation issue with where, path and message', async () => {
    const error = expectError(
      await app.inject({
        method: 'PATCH',
        url: '/api/tenant',
        ...bearer(acme.adminToken),
        payload: { name: '', settings: { maxDeactivationRatio: 2, surprise: true } },
      }),
      400,
      'VALIDATION_FAILED',
    );
    const issues = (error.details as { issues: { in: string; path: string; message: string }[] })
      .issues;
    expect(issues.map((i) => `${i.in}:${i.path}`).sort()).toEqual([
      'body:name',
      'body:settings',
      'body:settings.maxDeactivationRatio',
    ]);
    expect(issues.every((i) => i.message.length > 0)).toBe(true);
    const query = expectError(
      await app.inject({
        method: 'GET',
        url: '/api/learners?limit=501',
        ...bearer(acme.memberToken),
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(query.details).toMatchObject({ issues: [{ in: 'query', path: 'limit' }] });
    expectError(
      await app.inject({
        method: 'PATCH',
        url: '/api/tenant',
        ...bearer(acme.adminToken),
        payload: { timeZone: 'Mars/Olympus' },
      }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('serves the console at / and on deep links, and keeps JSON 404s for the API', async () => {
    const page = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toMatch(/Rollcall/);
    const deep = await app.inject({
      method: 'GET',
      url: '/learners/lrn_123',
      headers: { accept: 'text/html' },
    });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toBe(page.body);
    const api = await app.inject({
      method: 'GET',
      url: '/api/nope',
      headers: { accept: 'text/html' },
    });
    expectError(api, 404, 'NOT_FOUND');
  });

  it('serves an OpenAPI 3.1 document that covers every route Fastify serves', async () => {
    await app.ready();
    // The API: everything but the console's page and static files (not API operations).
    const served = servedRoutes(app).filter(
      (r) =>
        r.method !== 'HEAD' &&
        (r.url === '/healthz' || r.url === '/readyz' || r.url.startsWith('/api')),
    );
    expect(served.length).toBe(apiRoutes().length);
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json<OpenApiDocument>();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe('0.0.0-test');
    for (const route of served) {
      const op = doc.paths[toOpenApiPath(route.url)]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.url} is missing from the document`).toBeDefined();
      expect(op?.['x-rollcall-auth']).toMatch(/^(public|member|admin)$/);
      expect(op?.responses).toBeDefined();
    }
    const ids = Object.values(doc.paths).flatMap((ops) =>
      Object.values(ops).map((o) => o.operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
    const login = doc.paths['/api/auth/login']?.['post'];
    expect(login?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { required: ['email', 'password'] } } },
    });
    const list = doc.paths['/api/learners']?.['get'];
    expect(list?.parameters?.map((p) => p['name'])).toEqual([
      'status',
      'source',
      'department',
      'location',
      'q',
      'limit',
      'offset',
    ]);
    const imp = doc.paths['/api/learners/import']?.['post'];
    expect(imp?.requestBody).toMatchObject({ content: { 'text/csv': {} } });
    expect(Object.keys(imp?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '413', '422']),
    );
    expect(doc.paths['/api/learners/{id}']?.['get']?.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    ]);
  });

  it('serves a self-contained docs page listing every endpoint with its auth', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const html = response.body;
    for (const route of apiRoutes()) {
      expect(html, route.operationId).toContain(`<code>${toOpenApiPath(route.url)}</code>`);
      expect(html).toContain(`id="${route.operationId}"`);
    }
    expect(html).toContain('admin only');
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    for (const code of Object.keys(ERROR_CATALOGUE)) expect(html).toContain(code);
  });

  it('answers INTERNAL for unexpected errors without leaking their message', async () => {
    const broken = await buildTestApp(fx.store);
    broken.get('/api/boom', () => Promise.reject(new Error('db password is hunter2')));
    try {
      const response = await broken.inject({ method: 'GET', url: '/api/boom' });
      const error = expectError(response, 500, 'INTERNAL');
      expect(response.body).not.toContain('hunter2');
      expect(error.message).toBe(ERROR_CATALOGUE.INTERNAL.message);
      expect(error.details).toEqual({ requestId: response.headers['x-request-id'] });
    } finally {
      await broken.close();
    }
  });
});

describe('readiness', () => {
  it('answers 503 when the store cannot answer', async () => {
    const test = await createTestStore('sqlite');
    const app = await buildTestApp(test.store);
    try {
      await test.store.close();
      const response = await app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: 'unavailable' });
    } finally {
      await app.close();
      await test.dispose().catch(() => undefined);
    }
  });
});

describe('request logging', () => {
  it('logs one line per request without query strings or credentials, and unexpected errors in full', async () => {
    const test = await createTestStore('sqlite');
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = await buildTestApp(test.store, { logger: pino({ level: 'info' }, sink) });
    app.get('/api/boom', () => Promise.reject(new Error('kaboom')));
    try {
      const acme = await seedTenant(test.store, 'logco');
      await app.inject({
        method: 'GET',
        url: '/api/learners?q=Hopper',
        ...bearer(acme.memberToken),
      });
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'member@logco.test', password: 'wrong password here' },
      });
      const boom = await app.inject({ method: 'GET', url: '/api/boom' });
      const log = lines.join('');
      expect(log).toContain('"route":"/api/learners"');
      expect(log).toContain('"statusCode":200');
      expect(log).not.toContain('Hopper');
      expect(log).not.toContain(acme.memberToken);
      expect(log).not.toContain('wrong password here');
      // The unexpected error is logged in full, with the request id the client was given.
      expect(log).toContain('kaboom');
      expect(log).toContain(String(boom.headers['x-request-id']));
    } finally {
      await app.close();
      await test.dispose();
    }
  });
});
