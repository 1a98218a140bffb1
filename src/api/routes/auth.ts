import type { Kysely } from 'kysely';
import { loginRequestSchema, loginResponseSchema, meResponseSchema } from '../../contracts/auth.ts';
import { AppError } from '../../core/errors.ts';
import { getTenant } from '../../db/repositories/tenants.ts';
import type { Tenant } from '../../db/repositories/tenants.ts';
import { authenticateUser, createSession, deleteSession } from '../../db/repositories/users.ts';
import type { Database } from '../../db/schema.ts';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../auth.ts';
import { LoginLimiter } from '../login-limiter.ts';
import { defineRoute } from '../registry.ts';

export async function requireTenant(db: Kysely<Database>, tenantId: string): Promise<Tenant> {
  const tenant = await getTenant(db, tenantId);
  // Principals always point at an existing tenant; a miss means it was deleted meanwhile.
  if (!tenant) throw new AppError('UNAUTHENTICATED', 'Your tenant no longer exists.');
  return tenant;
}

export const authRoutes = [
  defineRoute({
    operationId: 'login',
    method: 'POST',
    url: '/api/auth/login',
    summary: 'Sign in: sets the session cookie and returns the CSRF token for later writes.',
    tag: 'auth',
    auth: 'public',
    body: loginRequestSchema,
    response: loginResponseSchema,
    errors: ['INVALID_CREDENTIALS', 'RATE_LIMITED'],
    handler: async ({ body, ctx, request, reply, now }) => {
      const key = LoginLimiter.key(body.email, request.ip);
      ctx.loginLimiter.assertAllowed(key);
      const user = await authenticateUser(ctx.deps.store.db, body.email, body.password);
      if (!user) {
        ctx.loginLimiter.recordFailure(key);
        throw new AppError('INVALID_CREDENTIALS');
      }
      ctx.loginLimiter.reset(key);
      const tenant = await requireTenant(ctx.deps.store.db, user.tenantId);
      const { token, session } = await createSession(ctx.deps.store.db, user, now);
      setSessionCookie(reply, token, { secure: ctx.deps.secureCookies });
      request.log.info({ userId: user.id, tenantId: tenant.id }, 'signed in');
      return { user, tenant, csrfToken: session.csrfToken };
    },
  }),
  defineRoute({
    operationId: 'logout',
    method: 'POST',
    url: '/api/auth/logout',
    summary: 'Sign out: ends the session and clears the cookie.',
    tag: 'auth',
    auth: 'member',
    handler: async ({ ctx, request, reply }) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) await deleteSession(ctx.deps.store.db, cookie);
      clearSessionCookie(reply, { secure: ctx.deps.secureCookies });
    },
  }),
  defineRoute({
    operationId: 'getMe',
    method: 'GET',
    url: '/api/auth/me',
    summary: 'Who is calling: user (or API token), role, tenant and the session CSRF token.',
    tag: 'auth',
    auth: 'member',
    response: meResponseSchema,
    handler: async ({ ctx, principal }) => ({
      tenant: await requireTenant(ctx.deps.store.db, principal.tenantId),
      role: principal.role,
      actor: principal.actor,
      user: principal.user,
      csrfToken: principal.session?.csrfToken ?? null,
    }),
  }),
];
