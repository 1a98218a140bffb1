import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../db/testing.ts';
import type { RouteSpec } from './registry.ts';
import { apiRoutes } from './routes/index.ts';
import type { Caller, World } from './test-support.ts';
import {
  bearer,
  buildTestApp,
  expectError,
  seedWorld,
  signIn,
  testClock,
  NOW,
} from './test-support.ts';

const ROUTES = apiRoutes();
const ADMIN_ROUTES = ROUTES.filter((r) => r.auth === 'admin');
const MEMBER_READS = ROUTES.filter((r) => r.auth === 'member' && r.method === 'GET');
const PARAM_ROUTES = ROUTES.filter((r) => r.params !== undefined);

/** The URL of a route with its `:params` filled from the world's ids. */
function urlFor(route: RouteSpec, world: World): string {
  return route.url.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    if (name === 'programId') return world.program.id;
    if (name === 'learnerId') return world.alice.id;
    if (route.url.startsWith('/api/learners/')) return world.alice.id;
    if (route.url.startsWith('/api/programs/')) return world.program.id;
    if (route.url.startsWith('/api/classes/')) return world.pastClass.id;
    if (route.url.startsWith('/api/tokens/')) return 'tok_x';
    if (route.url.startsWith('/api/connections/')) return world.connectionId;
    if (route.url.startsWith('/api/runs/')) return world.runId;
    // Public: the token is the credential, so an unknown one answers 404 like another tenant's id.
    if (name === 'token') return 'rcl_unknown';
    if (route.url.startsWith('/api/connect-links/')) return 'cl_x';
    throw new Error(`no id for :${name} in ${route.url}`);
  });
}

/** Bodies that pass validation, so a request reaches the tenant check. */
function sampleBody(route: RouteSpec, learnerId: string): unknown {
  switch (route.operationId) {
    case 'createClass':
      return { title: 'x', startsAt: '2026-12-05T09:00:00Z', endsAt: '2026-12-05T10:00:00Z' };
    case 'enrollInClass':
    case 'addFollowUp':
      return { learnerId };
    case 'recordAttendance':
      return { learnerId, attendance: 'attended' };
    case 'connectWithLink':
      return { name: 'Hana Owner', email: 'hana@example.test' };
    default:
      return route.body ? {} : undefined;
  }
}

describeEachDialect('api access control', (fx) => {
  let app: FastifyInstance;
  let acme: World;
  let globex: World;
  let memberSession: Caller;

  beforeAll(async () => {
    const time = testClock(NOW);
    app = await buildTestApp(fx.store, { clock: time.clock });
    [acme, globex] = await Promise.all([
      seedWorld(fx.store, 'acme'),
      seedWorld(fx.store, 'globex'),
    ]);
    memberSession = await signIn(app, 'member@acme.test');
  });
  afterAll(async () => {
    await app.close();
  });

  it('has admin and member routes to check', () => {
    expect(ADMIN_ROUTES.length).toBeGreaterThan(15);
    expect(MEMBER_READS.length).toBeGreaterThan(6);
  });

  it('refuses every non-public route without credentials', async () => {
    for (const route of ROUTES.filter((r) => r.auth !== 'public')) {
      const response = await app.inject({ method: route.method, url: urlFor(route, acme) });
      expectError(response, 401, 'UNAUTHENTICATED');
    }
  });

  it('gives members 403 on every admin route, by session (with CSRF) and by token', async () => {
    for (const route of ADMIN_ROUTES) {
      for (const caller of [memberSession, bearer(acme.memberToken)]) {
        const response = await app.inject({
          method: route.method,
          url: urlFor(route, acme),
          headers: caller.headers,
        });
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
        expect(response.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
      }
    }
  });

  it('lets members read every member route', async () => {
    for (const route of MEMBER_READS) {
      for (const caller of [memberSession, bearer(acme.memberToken)]) {
        const response = await app.inject({
          method: 'GET',
          url: urlFor(route, acme),
          headers: caller.headers,
        });
        expect(response.statusCode, `${route.url}: ${response.body}`).toBe(200);
      }
    }
  });

  it("answers 404 for another tenant's ids on every route that takes one", async () => {
    for (const route of PARAM_ROUTES) {
      const response = await app.inject({
        method: route.method,
        url: urlFor(route, acme),
        ...bearer(globex.adminToken),
        ...(sampleBody(route, globex.alice.id) !== undefined
          ? { payload: sampleBody(route, globex.alice.id) as Record<string, unknown> }
          : {}),
      });
      expect(response.statusCode, `${route.method} ${route.url}: ${response.body}`).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
    // Mixed: globex's own learner with acme's program, and acme's learner with globex's program.
    for (const url of [
      `/api/learners/${globex.alice.id}/programs/${acme.program.id}/invite`,
      `/api/learners/${acme.alice.id}/programs/${globex.program.id}/invite`,
    ]) {
      expectError(
        await app.inject({ method: 'POST', url, ...bearer(globex.adminToken) }),
        404,
        'NOT_FOUND',
      );
    }
    const list = await app.inject({
      method: 'GET',
      url: '/api/learners',
      ...bearer(globex.memberToken),
    });
    expect(
      list
        .json<{ items: { id: string }[] }>()
        .items.map((l) => l.id)
        .sort(),
    ).toEqual([globex.alice.id, globex.bob.id, globex.carol.id].sort());
  });

  it("cannot revoke another tenant's token", async () => {
    const tokens = await app.inject({
      method: 'GET',
      url: '/api/tokens',
      ...bearer(acme.adminToken),
    });
    const first = tokens.json<{ items: { id: string }[] }>().items[0];
    expect(first).toBeDefined();
    expectError(
      await app.inject({
        method: 'DELETE',
        url: `/api/tokens/${first?.id ?? ''}`,
        ...bearer(globex.adminToken),
      }),
      404,
      'NOT_FOUND',
    );
    const after = await app.inject({
      method: 'GET',
      url: '/api/tenant',
      ...bearer(acme.adminToken),
    });
    expect(after.statusCode).toBe(200);
  });
});
