import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { idParamsSchema } from '../contracts/common.ts';
import type { AppContext } from './context.ts';
import { LoginLimiter } from './login-limiter.ts';
import { routeErrorCodes } from './openapi.ts';
import { defineRoute, pathParams, registerRoutes } from './registry.ts';
import { apiRoutes } from './routes/index.ts';
import { testClock } from './test-support.ts';

const ctx = {} as AppContext;

describe('route registry', () => {
  it('refuses a route whose URL params and params schema disagree', () => {
    const route = defineRoute({
      operationId: 'broken',
      method: 'GET',
      url: '/api/things/:thingId',
      summary: 'x',
      tag: 'x',
      auth: 'member',
      params: idParamsSchema,
      response: z.object({}),
      handler: () => Promise.resolve({}),
    });
    expect(() => registerRoutes(Fastify(), [route], ctx)).toThrow(/URL params \[thingId\]/);
  });

  it('refuses duplicate operation ids', () => {
    const route = defineRoute({
      operationId: 'same',
      method: 'GET',
      url: '/api/a',
      summary: 'x',
      tag: 'x',
      auth: 'public',
      handler: () => Promise.resolve(),
    });
    expect(() => registerRoutes(Fastify(), [route, { ...route, url: '/api/b' }], ctx)).toThrow(
      /duplicate operationId/,
    );
  });

  it('declares every route with a summary, a tag and the codes its auth level implies', () => {
    for (const route of apiRoutes()) {
      expect(route.summary.length, route.operationId).toBeGreaterThan(5);
      expect(route.tag).toMatch(/^[a-z]+$/);
      expect(pathParams(route.url).every(Boolean)).toBe(true);
      const codes = routeErrorCodes(route);
      if (route.auth === 'admin') expect(codes).toContain('FORBIDDEN');
      if (route.auth !== 'public') expect(codes).toContain('UNAUTHENTICATED');
      if (route.url.startsWith('/api/') && !route.url.startsWith('/api/auth/login')) {
        // Connect links are public: the token in the path is the credential.
        expect(route.auth === 'public').toBe(
          ['/api/openapi.json', '/api/docs'].includes(route.url) ||
            route.url.startsWith('/api/connect-links/by-token/'),
        );
      }
    }
  });
});

describe('login limiter', () => {
  it('blocks a key after too many failures within the window, and forgets after it', () => {
    const time = testClock();
    const limiter = new LoginLimiter(time.clock, { maxFailures: 2, windowMs: 1000 });
    const key = LoginLimiter.key(' Ada@Example.com ', '10.0.0.1');
    expect(key).toBe('ada@example.com|10.0.0.1');
    limiter.recordFailure(key);
    limiter.assertAllowed(key);
    limiter.recordFailure(key);
    expect(() => limiter.assertAllowed(key)).toThrow(
      expect.objectContaining({ code: 'RATE_LIMITED' }),
    );
    limiter.assertAllowed(LoginLimiter.key('ada@example.com', '10.0.0.2'));
    time.advance(1000);
    limiter.assertAllowed(key);
  });

  it('stays bounded in memory', () => {
    const time = testClock();
    const limiter = new LoginLimiter(time.clock, { maxFailures: 1, maxKeys: 3 });
    for (let i = 0; i < 10; i += 1) limiter.recordFailure(`k${i}`);
    limiter.assertAllowed('k0');
    expect(() => limiter.assertAllowed('k9')).toThrow();
  });

  it('resets on success', () => {
    const limiter = new LoginLimiter(testClock().clock, { maxFailures: 1 });
    limiter.recordFailure('k');
    limiter.reset('k');
    limiter.assertAllowed('k');
  });
});
