import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '../core/learner.ts';
import type { Store } from '../db/database.ts';
import type { Tenant } from '../db/repositories/tenants.ts';
import { createTenant } from '../db/repositories/tenants.ts';
import type { User } from '../db/repositories/users.ts';
import { createApiToken, createUser } from '../db/repositories/users.ts';
import type { Learner } from '../core/learner.ts';
import type { PersonValues } from '../db/repositories/learners.ts';
import { createLearner } from '../db/repositories/learners.ts';
import type { Class } from '../platform/classes.ts';
import { createClass } from '../platform/classes.ts';
import type { HrisGate } from '../platform/hris-gate.ts';
import type { Program } from '../platform/programs.ts';
import { createProgram } from '../platform/programs.ts';
import { noHrisConnected } from '../platform/hris-gate.ts';
import { pino } from 'pino';
import { getConnector } from '../connectors/registry.ts';
import type { SyncRuntime } from '../sync/runtime.ts';
import { TEST_KEY } from '../sync/test-engine.ts';
import { createConnection } from '../db/repositories/connections.ts';
import { createRun } from '../db/repositories/runs.ts';
import { seal } from '../secrets/keyring.ts';
import type { AppDeps } from './app.ts';
import { buildApp } from './app.ts';
import { SESSION_COOKIE } from './auth.ts';

/**
 * The sync side for API tests that do not sync: the real engine over the store with the real
 * registry, a test key and no worker (queued runs stay queued).
 */
export function idleSyncRuntime(store: Store, clock: () => Date): SyncRuntime {
  return {
    engine: {
      db: store.db,
      clock,
      log: pino({ level: 'silent' }),
      secretKey: TEST_KEY,
      extraAllowedHosts: [],
      connector: getConnector,
    },
    sandbox: undefined,
    wake: () => undefined,
    cancel: () => undefined,
  };
}

/** A clock tests can move; starts at a fixed instant. */
export function testClock(start = '2026-06-01T09:00:00.000Z'): {
  clock: () => Date;
  set(iso: string): void;
  advance(ms: number): void;
} {
  let now = new Date(start).getTime();
  return {
    clock: () => new Date(now),
    set: (iso) => {
      now = new Date(iso).getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

export async function buildTestApp(
  store: Store,
  overrides: Partial<Omit<AppDeps, 'store'>> = {},
): Promise<FastifyInstance> {
  const clock = overrides.clock ?? (() => new Date());
  return buildApp({
    store,
    clock,
    sync: idleSyncRuntime(store, clock),
    logger: false,
    hrisGate: noHrisConnected satisfies HrisGate,
    secureCookies: false,
    trustProxy: false,
    version: '0.0.0-test',
    ...overrides,
  });
}

export const PASSWORD = 'correct horse battery';

export interface Caller {
  /** Headers for `inject`: the session cookie plus the CSRF header, or a bearer token. */
  headers: Record<string, string>;
}

export interface SeededTenant {
  tenant: Tenant;
  admin: User;
  member: User;
  adminToken: string;
  memberToken: string;
}

/** A tenant with an admin and a member user (password PASSWORD) and one API token per role. */
export async function seedTenant(
  store: Store,
  slug: string,
  now = '2026-06-01T08:00:00.000Z',
): Promise<SeededTenant> {
  const tenant = await createTenant(store.db, { slug, name: `${slug} Inc` }, now);
  const make = (role: Role) =>
    createUser(
      store.db,
      { tenantId: tenant.id, email: `${role}@${slug}.test`, role, password: PASSWORD },
      now,
    );
  const [admin, member] = await Promise.all([make('admin'), make('member')]);
  const token = (role: Role) =>
    createApiToken(store.db, { tenantId: tenant.id, name: role, role, createdBy: null }, now);
  return {
    tenant,
    admin,
    member,
    adminToken: (await token('admin')).token,
    memberToken: (await token('member')).token,
  };
}

export function cookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie set');
  return cookie.value;
}

/** Signs in through the API and returns headers carrying the session cookie and CSRF token. */
export async function signIn(app: FastifyInstance, email: string): Promise<Caller> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: PASSWORD },
  });
  expect(response.statusCode, response.body).toBe(200);
  const { csrfToken } = response.json<{ csrfToken: string }>();
  return {
    headers: { cookie: `${SESSION_COOKIE}=${cookieOf(response)}`, 'x-csrf-token': csrfToken },
  };
}

export function bearer(token: string): Caller {
  return { headers: { authorization: `Bearer ${token}` } };
}

/** Asserts the catalogue error shape and returns the error. */
export function expectError(
  response: LightMyRequestResponse,
  status: number,
  code: string,
): { code: string; message: string; details?: unknown } {
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json<{ error: { code: string; message: string; details?: unknown } }>();
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  return body.error;
}

/**
 * The routes Fastify really serves (not what the registry believes it registered), read from
 * `printRoutes`' tree: one `├── /segment (GET, HEAD)` line per node, four characters per level.
 */
export function servedRoutes(app: FastifyInstance): { method: string; url: string }[] {
  const out: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    const url = stack.join('');
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim())) {
      if (method) out.push({ method, url });
    }
  }
  return out;
}

/** "Now" of the flow tests, and classes on either side of it. */
export const NOW = '2026-11-22T10:00:00.000Z';
export const PAST_CLASS = {
  startsAt: '2026-11-02T09:00:00.000Z',
  endsAt: '2026-11-02T11:00:00.000Z',
};
export const FUTURE_CLASS = {
  startsAt: '2026-12-01T09:00:00.000Z',
  endsAt: '2026-12-01T11:00:00.000Z',
};

export interface World extends SeededTenant {
  /** CSV learner, Engineering, Berlin. */
  alice: Learner;
  /** HRIS-linked active learner, Sales, Paris. */
  bob: Learner;
  /** Manual learner, Engineering, no location. */
  carol: Learner;
  program: Program;
  pastClass: Class;
  futureClass: Class;
  /** A BambooHR connection (not synced) and one finished run of it. */
  connectionId: string;
  runId: string;
}

/**
 * A seeded tenant with three learners, a program holding a past and a future class, and an HRIS
 * connection with one run.
 */
export async function seedWorld(store: Store, slug: string): Promise<World> {
  const seeded = await seedTenant(store, slug);
  const tenantId = seeded.tenant.id;
  const learner = (
    source: Learner['source'],
    firstName: string,
    extra: Partial<PersonValues> = {},
  ): Promise<Learner> =>
    createLearner(
      store.db,
      {
        tenantId,
        source,
        person: {
          firstName,
          lastName: 'Tester',
          workEmail: `${firstName.toLowerCase()}@${slug}.test`,
          ...extra,
        },
        ...(source === 'hris'
          ? { connectionId: `con_${slug}`, externalId: `ext-${firstName}` }
          : {}),
      },
      NOW,
    );
  const alice = await learner('csv', 'Alice', { department: 'Engineering', location: 'Berlin' });
  const bob = await learner('hris', 'Bob', {
    department: 'Sales',
    location: 'Paris',
    employmentStatus: 'active',
  });
  const carol = await learner('manual', 'Carol', { department: 'Engineering' });
  const program = await createProgram(
    store.db,
    { tenantId, name: `${slug} onboarding` },
    new Date(NOW),
  );
  const pastClass = await createClass(
    store.db,
    { tenantId, programId: program.id, title: 'Welcome', ...PAST_CLASS },
    NOW,
  );
  const futureClass = await createClass(
    store.db,
    { tenantId, programId: program.id, title: 'Deep dive', ...FUTURE_CLASS },
    NOW,
  );
  const connection = await createConnection(
    store.db,
    {
      tenantId,
      connectorId: 'bamboohr',
      name: 'BambooHR',
      configCiphertext: seal(TEST_KEY, JSON.stringify({ companyDomain: slug, apiKey: 'k' })),
      sandbox: false,
      connectedBy: null,
    },
    NOW,
  );
  const run = await createRun(
    store.db,
    { tenantId, connectionId: connection.id, trigger: 'cli', mode: 'apply', status: 'succeeded' },
    NOW,
  );
  return {
    ...seeded,
    alice,
    bob,
    carol,
    program,
    pastClass,
    futureClass,
    connectionId: connection.id,
    runId: run.id,
  };
}
