import type { Kysely } from 'kysely';
import type { Learner, LearnerSource, LearnerStatus } from '../core/learner.ts';
import type { PersonValues } from '../db/repositories/learners.ts';
import { createLearner } from '../db/repositories/learners.ts';
import type { Tenant } from '../db/repositories/tenants.ts';
import { createTenant } from '../db/repositories/tenants.ts';
import type { Database } from '../db/schema.ts';
import type { Class } from './classes.ts';
import { createClass } from './classes.ts';
import type { Program } from './programs.ts';
import { createProgram } from './programs.ts';

/** Fixtures for the platform tests: one fixed "now", classes on either side of it. */
export const NOW = new Date('2026-11-22T10:00:00.000Z');
export const NOW_ISO = NOW.toISOString();
export const PAST = { startsAt: '2026-11-02T09:00:00.000Z', endsAt: '2026-11-02T11:00:00.000Z' };
export const PAST_2 = { startsAt: '2026-11-09T09:00:00.000Z', endsAt: '2026-11-09T11:00:00.000Z' };
export const FUTURE = { startsAt: '2026-12-01T09:00:00.000Z', endsAt: '2026-12-01T11:00:00.000Z' };

export async function makeTenant(db: Kysely<Database>, slug: string): Promise<Tenant> {
  return createTenant(db, { slug }, NOW_ISO);
}

export interface LearnerSpec extends Partial<PersonValues> {
  firstName: string;
  source?: LearnerSource;
  status?: LearnerStatus;
  connectionId?: string | null;
  externalId?: string | null;
}

/** A learner whose work email is derived from the first name and the tenant's slug. */
export async function makeLearner(
  db: Kysely<Database>,
  tenant: Tenant,
  spec: LearnerSpec,
): Promise<Learner> {
  const { source, status, connectionId, externalId, ...person } = spec;
  return createLearner(
    db,
    {
      tenantId: tenant.id,
      source: source ?? 'manual',
      person: {
        lastName: 'Tester',
        workEmail: `${spec.firstName.toLowerCase()}@${tenant.slug}.test`,
        ...person,
      },
      ...(status ? { status } : {}),
      ...(connectionId !== undefined ? { connectionId } : {}),
      ...(externalId !== undefined ? { externalId } : {}),
    },
    NOW_ISO,
  );
}

/** A tenant with two learners and a program holding a past and a future class. */
export interface World {
  tenant: Tenant;
  alice: Learner;
  bob: Learner;
  program: Program;
  pastClass: Class;
  futureClass: Class;
}

export async function makeWorld(db: Kysely<Database>, slug: string): Promise<World> {
  const tenant = await makeTenant(db, slug);
  const alice = await makeLearner(db, tenant, { firstName: 'Alice', lastName: 'Adams' });
  const bob = await makeLearner(db, tenant, { firstName: 'Bob', lastName: 'Baker' });
  const program = await createProgram(db, { tenantId: tenant.id, name: 'Onboarding' }, NOW);
  const pastClass = await makeClass(db, tenant, program, 'Kick-off', PAST);
  const futureClass = await makeClass(db, tenant, program, 'Deep dive', FUTURE);
  return { tenant, alice, bob, program, pastClass, futureClass };
}

export async function makeClass(
  db: Kysely<Database>,
  tenant: Tenant,
  program: Program,
  title: string,
  when: { startsAt: string; endsAt: string },
): Promise<Class> {
  return createClass(db, { tenantId: tenant.id, programId: program.id, title, ...when }, NOW);
}

/** The learner's outbox rows, oldest first, with parsed payloads. */
export async function eventsOf(
  db: Kysely<Database>,
  learnerId: string,
): Promise<{ type: string; version: number; payload: Record<string, unknown> }[]> {
  const rows = await db
    .selectFrom('events')
    .select(['type', 'version', 'payload'])
    .where('learnerId', '=', learnerId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    type: r.type,
    version: r.version,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
  }));
}

/** The stored learner row's state columns, read straight from the table. */
export async function learnerRow(db: Kysely<Database>, learnerId: string) {
  return db
    .selectFrom('learners')
    .select([
      'status',
      'platformAccess',
      'version',
      'deactivationReason',
      'deactivatedAt',
      'invitedAt',
    ])
    .where('id', '=', learnerId)
    .executeTakeFirstOrThrow();
}
