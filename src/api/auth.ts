import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';
import type { Role } from '../core/learner.ts';
import { sha256 } from '../core/secrets.ts';
import { toIso } from '../core/time.ts';
import type { Actor } from '../db/repositories/audit.ts';
import type { Session, User } from '../db/repositories/users.ts';
import { findApiToken, findSession, getUser, SESSION_TTL_MS } from '../db/repositories/users.ts';
import type { Store } from '../db/database.ts';

export const SESSION_COOKIE = 'rollcall_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Who is calling: every tenant route acts on `tenantId` only, with `role`'s rights. */
export interface Principal {
  tenantId: string;
  role: Role;
  actor: Actor;
  /** The console user of a cookie session; null for API tokens. */
  user: User | null;
  /** The cookie session; null for API tokens. */
  session: Session | null;
}

/** Where a route sits: open to anyone, any signed-in role (read-only), or admins only. */
export type AuthLevel = 'public' | 'member' | 'admin';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller from `Authorization: Bearer <api token>` (preferred when present) or the
 * session cookie. Unknown, revoked or expired credentials are UNAUTHENTICATED.
 */
export async function authenticate(
  request: FastifyRequest,
  store: Store,
  now: Date,
): Promise<Principal> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) {
      throw new AppError('UNAUTHENTICATED', 'Use "Authorization: Bearer <api token>".');
    }
    const token = await findApiToken(store.db, match[1], toIso(now));
    if (!token) throw new AppError('UNAUTHENTICATED', 'The API token is unknown or revoked.');
    return {
      tenantId: token.tenantId,
      role: token.role,
      actor: { type: 'token', id: token.id },
      user: null,
      session: null,
    };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) throw new AppError('UNAUTHENTICATED');
  const session = await findSession(store.db, cookie, now);
  const user = session ? await getUser(store.db, session.userId) : undefined;
  if (!session || !user || user.tenantId !== session.tenantId) {
    throw new AppError('UNAUTHENTICATED', 'The session has expired: sign in again.');
  }
  return {
    tenantId: user.tenantId,
    role: user.role,
    actor: { type: 'user', id: user.id },
    user,
    session,
  };
}

/**
 * Cookie-authenticated unsafe requests must echo the session's CSRF token in a header, which a
 * cross-site form or script cannot do. Bearer requests are exempt: browsers never add that header
 * on their own.
 */
export function assertCsrf(request: FastifyRequest, principal: Principal): void {
  if (!principal.session || SAFE_METHODS.has(request.method)) return;
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !sameSecret(sent, principal.session.csrfToken)) {
    throw new AppError('CSRF_FAILED');
  }
}

export function assertRole(principal: Principal, level: AuthLevel): void {
  if (level === 'admin' && principal.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'Only admins may do this.');
  }
}

function sameSecret(a: string, b: string): boolean {
  // Compare digests so lengths match and timing does not reveal a prefix.
  return timingSafeEqual(Buffer.from(sha256(a), 'hex'), Buffer.from(sha256(b), 'hex'));
}

export interface CookieOptions {
  secure: boolean;
}

export function setSessionCookie(reply: FastifyReply, token: string, options: CookieOptions): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, options: CookieOptions): void {
  void reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
  });
}
