import type { Kysely } from 'kysely';
import { pino } from 'pino';
import { expect } from 'vitest';
import { z } from 'zod';
import type { FetchItem } from '../connectors/connector.ts';
import type { ConnectorError } from '../connectors/connector.ts';
import { defineConnector } from '../connectors/connector.ts';
import type { NormalizedEmployee } from '../core/employee.ts';
import type { Store } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { listResults } from '../db/repositories/run-results.ts';
import { createConnection } from '../db/repositories/connections.ts';
import { createTenant } from '../db/repositories/tenants.ts';
import type { Tenant } from '../db/repositories/tenants.ts';
import { keyFromHex, seal } from '../secrets/keyring.ts';
import type { EngineDeps } from './engine.ts';
import type { StagedPlan, StagedPlanInput } from './plan-run.ts';
import { planStagedSnapshot } from './plan-run.ts';
import { SnapshotWriter } from './snapshot.ts';
import { TEST_OWNED_FIELDS, person } from './testing.ts';

/**
 * A scripted directory for engine tests: the people (and faults) a test sets, served through the
 * real engine. Connector behaviour against real vendor APIs is tested with the emulators.
 */
export interface Script {
  items: FetchItem[];
  fail?: ConnectorError;
}

export const TEST_KEY = keyFromHex('ab'.repeat(32));

export function scriptedConnector(script: Script) {
  return defineConnector({
    id: 'scripted',
    name: 'Scripted test directory',
    maturity: 'beta',
    docs: 'docs/connectors/scripted.md',
    configSchema: z.object({ token: z.string(), baseUrl: z.string().optional() }),
    secretFields: ['token'],
    allowedHosts: ['hris.test'],
    rateLimit: { requestsPerSecond: 100, burst: 100, description: 'test' },
    requestedFields: ['id', 'name', 'email'],
    providedFields: TEST_OWNED_FIELDS,
    deniedFields: ['ssn'],
    neverAccessed: ['compensation'],
    defaultBaseUrl: () => 'https://hris.test',
    // eslint-disable-next-line @typescript-eslint/require-await
    async *fetch() {
      if (script.fail) throw script.fail;
      for (const item of script.items) yield item;
    },
  });
}

export const employeesOf = (people: NormalizedEmployee[]): FetchItem[] =>
  people.map((employee) => ({ kind: 'employee', employee }));

export function engineDeps(store: Store, script: Script, clock: () => Date): EngineDeps {
  const connector = scriptedConnector(script);
  return {
    db: store.db,
    clock,
    log: pino({ level: 'silent' }),
    secretKey: TEST_KEY,
    extraAllowedHosts: [],
    connector: () => connector,
    leaseTtlMs: 5_000,
  };
}

export async function connectedTenant(
  store: Store,
  slug: string,
  now: string,
): Promise<{ tenant: Tenant; connectionId: string }> {
  const tenant = await createTenant(store.db, { slug }, now);
  const connection = await createConnection(
    store.db,
    {
      tenantId: tenant.id,
      connectorId: 'scripted',
      name: 'Scripted',
      configCiphertext: seal(TEST_KEY, JSON.stringify({ token: 'secret-token' })),
      sandbox: false,
      connectedBy: null,
    },
    now,
  );
  return { tenant, connectionId: connection.id };
}

/** Twelve people, `person('1')`…`person('12')`; person 4 has no email (a skip between creates). */
export function twelvePeople(): NormalizedEmployee[] {
  const people = Array.from({ length: 12 }, (_, i) => person(String(i + 1)));
  people[3] = person('4', { workEmail: null });
  return people;
}

/** Stages `people` for `runId`, then plans them as the connection's first sync. */
export async function stageAndPlanFirstSync(
  db: Kysely<Database>,
  target: { tenant: Tenant; connectionId: string; runId: string },
  people: readonly NormalizedEmployee[],
  extra: Partial<StagedPlanInput> = {},
): Promise<StagedPlan> {
  const { tenant, connectionId, runId } = target;
  const writer = new SnapshotWriter(db, runId, { coverageFields: TEST_OWNED_FIELDS });
  for (const p of people) await writer.addEmployee(p);
  await writer.flush();
  return planStagedSnapshot({
    db,
    tenantId: tenant.id,
    connectionId,
    runId,
    settings: tenant.settings,
    isFirstSync: true,
    complete: true,
    ownedFields: TEST_OWNED_FIELDS,
    learners: [],
    managers: writer.managers(),
    ...extra,
  });
}

/**
 * The outcome both apply paths must reach for twelve people `person('1')`…`person('12')` where
 * person 4 has no email (a skip) and person 6's email was taken by a CSV learner after the plan
 * read the learners: a result per person, 6 an `error: conflict`, ten HRIS learners carrying the
 * ids their results name, their values and record hashes, and one learner.created event each.
 */
export async function expectTwelveCreatesWithOneConflict(
  db: Kysely<Database>,
  tenantId: string,
  runId: string,
): Promise<void> {
  const results = await listResults(db, runId, {});
  expect(results.items.map((r) => r.action)).toEqual([
    ...['create', 'create', 'create', 'skip', 'create'],
    ...['error', 'create', 'create', 'create', 'create', 'create', 'create'],
  ]);
  expect(results.items[5]).toMatchObject({ externalId: '6', reason: 'conflict' });
  const learners = await db
    .selectFrom('learners')
    .select(['id', 'externalId', 'firstName', 'hrisRecordHash'])
    .where('tenantId', '=', tenantId)
    .where('source', '=', 'hris')
    .execute();
  expect(learners.map((l) => l.externalId).sort()).toEqual(
    ['1', '2', '3', '5', '7', '8', '9', '10', '11', '12'].sort(),
  );
  const byExternal = new Map(results.items.map((r) => [r.externalId, r.learnerId]));
  for (const learner of learners) {
    expect(learner.id).toBe(byExternal.get(learner.externalId));
    expect(learner.firstName).toBe(`First${learner.externalId}`);
    expect(learner.hrisRecordHash).toMatch(/^[\w-]{32}$/);
  }
  const events = await db
    .selectFrom('events')
    .select(['learnerId'])
    .where('tenantId', '=', tenantId)
    .where('type', '=', 'learner.created')
    .execute();
  expect(events).toHaveLength(11); // ten from the sync, one from the CSV upload
}
