import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../db/testing.ts';
import { SESSION_COOKIE } from './auth.ts';
import type { SeededTenant } from './test-support.ts';
import {
  bearer,
  buildTestApp,
  cookieOf,
  expectError,
  PASSWORD,
  seedTenant,
  signIn,
  testClock,
} from './test-support.ts';

describeEachDialect('api auth', (fx) => {
  let app: FastifyInstance;
  let acme: SeededTenant;

  beforeAll(async () => {
    app = await buildTestApp(fx.store);
    acme = await seedTenant(fx.store, 'acme');
  });
  afterAll(async () => {
    await app.close();
  });

  it('signs in with a httpOnly, SameSite=Lax session cookie and returns user, tenant and CSRF token', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: '  ADMIN@acme.test ', password: PASSWORD },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<Record<string, Record<string, unknown>>>();
    expect(body['user']).toMatchObject({ email: 'admin@acme.test', role: 'admin' });
    expect(body['user']).not.toHaveProperty('passwordHash');
    expect(body['tenant']).toMatchObject({ slug: 'acme', name: 'acme Inc' });
    expect(typeof body['csrfToken']).toBe('string');
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.maxAge).toBeGreaterThan(0);
  });

  it('refuses a wrong password and an unknown email the same way', async () => {
    for (const email of ['admin@acme.test', 'nobody@acme.test']) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: 'wrong password!' },
      });
      expectError(response, 401, 'INVALID_CREDENTIALS');
      expect(response.cookies).toHaveLength(0);
    }
  });

  it('answers /me for a session and for an API token, and 401 without credentials', async () => {
    const session = await signIn(app, 'member@acme.test');
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({
      role: 'member',
      actor: { type: 'user', id: acme.member.id },
      user: { email: 'member@acme.test' },
      tenant: { id: acme.tenant.id },
      csrfToken: session.headers['x-csrf-token'],
    });

    const viaToken = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      ...bearer(acme.adminToken),
    });
    expect(viaToken.json()).toMatchObject({
      role: 'admin',
      actor: { type: 'token' },
      user: null,
      csrfToken: null,
    });

    expectError(await app.inject({ method: 'GET', url: '/api/auth/me' }), 401, 'UNAUTHENTICATED');
    expectError(
      await app.inject({ method: 'GET', url: '/api/auth/me', ...bearer('rc_nope') }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(
      await app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { authorization: 'Basic YWJjOmRlZg==' },
      }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(
      await app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: `${SESSION_COOKIE}=forged` },
      }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('requires the CSRF header on cookie-authenticated writes and accepts it when right', async () => {
    const session = await signIn(app, 'admin@acme.test');
    const { cookie } = session.headers;
    const patch = (headers: Record<string, string>) =>
      app.inject({ method: 'PATCH', url: '/api/tenant', headers, payload: { name: 'Acme' } });

    expectError(await patch({ cookie: cookie ?? '' }), 403, 'CSRF_FAILED');
    expectError(await patch({ cookie: cookie ?? '', 'x-csrf-token': 'guess' }), 403, 'CSRF_FAILED');
    const ok = await patch(session.headers);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Acme' });
  });

  it('lets bearer tokens write without a CSRF header', async () => {
    const response = await app.inject({
      method: 'PATCH',
      url: '/api/tenant',
      ...bearer(acme.adminToken),
      payload: { name: 'Acme via token' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ name: 'Acme via token' });
  });

  it('signs out: the session stops working and the cookie is cleared', async () => {
    const session = await signIn(app, 'member@acme.test');
    expectError(
      await app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie: session.headers.cookie ?? '' },
      }),
      403,
      'CSRF_FAILED',
    );
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: session.headers,
    });
    expect(out.statusCode, out.body).toBe(204);
    const cleared = out.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cleared?.value).toBe('');
    expectError(
      await app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('stops working for a revoked token', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      ...bearer(acme.adminToken),
      payload: { name: 'ci', role: 'member' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { token, apiToken } = created.json<{ token: string; apiToken: { id: string } }>();
    expect(token.startsWith('rc_')).toBe(true);
    expect(
      (await app.inject({ method: 'GET', url: '/api/tenant', ...bearer(token) })).statusCode,
    ).toBe(200);
    const list = await app.inject({
      method: 'GET',
      url: '/api/tokens',
      ...bearer(acme.adminToken),
    });
    expect(list.body).not.toContain(token);
    expect(list.body).not.toContain('tokenHash');
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/tokens/${apiToken.id}`,
      ...bearer(acme.adminToken),
    });
    expect(revoked.statusCode, revoked.body).toBe(204);
    expectError(
      await app.inject({ method: 'GET', url: '/api/tenant', ...bearer(token) }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(
      await app.inject({
        method: 'DELETE',
        url: `/api/tokens/${apiToken.id}`,
        ...bearer(acme.adminToken),
      }),
      404,
      'NOT_FOUND',
    );
  });

  it('marks the cookie Secure when the app is told to', async () => {
    const secureApp = await buildTestApp(fx.store, { secureCookies: true });
    try {
      const response = await secureApp.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'member@acme.test', password: PASSWORD },
      });
      expect(response.cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBe(true);
      expect(response.headers['strict-transport-security']).toBeDefined();
      expect(cookieOf(response)).not.toBe('');
    } finally {
      await secureApp.close();
    }
  });

  it('rate-limits repeated failed sign-ins per email and address, then lets them pass again', async () => {
    // The limiter lives in memory: one dialect is enough, and each attempt costs a scrypt.
    if (fx.store.dialect !== 'sqlite') return;
    const time = testClock();
    const limited = await buildTestApp(fx.store, { clock: time.clock });
    try {
      const attempt = (password: string) =>
        limited.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: 'member@acme.test', password },
        });
      for (let i = 0; i < 10; i += 1)
        expectError(await attempt('wrong password'), 401, 'INVALID_CREDENTIALS');
      expectError(await attempt(PASSWORD), 429, 'RATE_LIMITED');
      time.advance(15 * 60 * 1000);
      expect((await attempt(PASSWORD)).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
