import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENSITIVE_MARKER } from '../../emulators/shared/company.ts';
import {
  GUSTO_API_VERSION,
  GUSTO_API_VERSION_HEADER,
  gustoPaths,
} from '../connectors/gusto/api.ts';
import { CONNECTORS, getConnector } from '../connectors/registry.ts';
import type { ConnectionDto } from '../contracts/connections.ts';
import { createTestStore, type TestStore } from '../db/testing.ts';
import { startSandbox, type Sandbox } from '../sandbox/sandbox.ts';
import { createSyncRuntime, type RunningSync } from '../sync/runtime.ts';
import { TEST_KEY } from '../sync/test-engine.ts';
import { createTenant } from '../db/repositories/tenants.ts';
import { createApiToken } from '../db/repositories/users.ts';
import { bearer, buildTestApp, type Caller } from './test-support.ts';

/**
 * What a newcomer does after `npm start`: connect the sandbox of each HRIS from the API, with no
 * credentials, and see it synced. One tenant per connector (a tenant has one HRIS at a time).
 */
describe('connecting every sandbox HRIS through the API', () => {
  let testStore: TestStore;
  let sandbox: Sandbox;
  let sync: RunningSync;
  let app: FastifyInstance;
  const db = () => testStore.store.db;

  beforeAll(async () => {
    testStore = await createTestStore('sqlite');
    sandbox = await startSandbox();
    const log = pino({ level: 'silent' });
    const clock = () => new Date();
    sync = createSyncRuntime(
      {
        db: testStore.store.db,
        clock,
        log,
        secretKey: TEST_KEY,
        extraAllowedHosts: [],
        connector: getConnector,
        http: { sleep: () => Promise.resolve() },
      },
      { pollMs: 60_000, sandbox },
    );
    app = await buildTestApp(testStore.store, { sync, clock, logger: log });
  });
  afterAll(async () => {
    await sync.stop();
    await app.close();
    await sandbox.close();
    await testStore.dispose();
  });

  for (const { id, name } of CONNECTORS) {
    it(`${id}: connects without credentials and syncs the sandbox company`, async () => {
      // An admin API token: no user, so no password hashing in a test about connectors.
      const now = new Date().toISOString();
      const tenant = await createTenant(db(), { slug: `sandbox-${id}`, name: name }, now);
      const { token } = await createApiToken(
        db(),
        { tenantId: tenant.id, name: 'admin', role: 'admin', createdBy: null },
        now,
      );
      const admin: Caller = bearer(token);
      const catalogue = await app.inject({ method: 'GET', url: '/api/connectors', ...admin });
      const entry = catalogue
        .json<{ items: { id: string; sandbox: boolean }[] }>()
        .items.find((c) => c.id === id);
      expect(entry?.sandbox).toBe(true);

      const created = await app.inject({
        method: 'POST',
        url: '/api/connections',
        ...admin,
        payload: { connectorId: id, sandbox: true },
      });
      expect(created.statusCode, created.body).toBe(201);
      const connectionId = created.json<{ connection: ConnectionDto }>().connection.id;
      await sync.worker.idle();

      const shown = await app.inject({
        method: 'GET',
        url: `/api/connections/${connectionId}`,
        ...admin,
      });
      const connection = shown.json<ConnectionDto>();
      expect(connection, `${name}: ${shown.body}`).toMatchObject({
        status: 'synced',
        sandbox: true,
      });
      const learners = await app.inject({
        method: 'GET',
        url: '/api/learners?status=deactivated&limit=1',
        ...admin,
      });
      expect(learners.statusCode).toBe(200);
      const listed = await app.inject({ method: 'GET', url: '/api/learners?limit=500', ...admin });
      const items = listed.json<{ items: { source: string }[] }>().items;
      expect(items.filter((l) => l.source === 'hris').length).toBeGreaterThan(50);
    });
  }
});

describe('what the sandbox syncs leaves no sensitive value in the store', () => {
  it('stores none of the marked salaries, SSNs, birth dates or home addresses the emulators send', async () => {
    const testStore = await createTestStore('sqlite');
    const sandbox = await startSandbox();
    const log = pino({ level: 'silent' });
    const clock = () => new Date();
    const sync = createSyncRuntime(
      {
        db: testStore.store.db,
        clock,
        log,
        secretKey: TEST_KEY,
        extraAllowedHosts: [],
        connector: getConnector,
        http: { sleep: () => Promise.resolve() },
      },
      { pollMs: 60_000, sandbox },
    );
    const app = await buildTestApp(testStore.store, { sync, clock, logger: log });
    try {
      // Not vacuous: a vendor without field selection does send marked values (Gusto here).
      const { companyUuid, accessToken } = sandbox.config('gusto') as Record<string, string>;
      const raw = await fetch(
        `${sandbox.baseUrl('gusto')}${gustoPaths.employees(companyUuid ?? '')}`,
        {
          headers: {
            authorization: `Bearer ${accessToken ?? ''}`,
            [GUSTO_API_VERSION_HEADER]: GUSTO_API_VERSION,
          },
        },
      );
      expect(await raw.text()).toContain(SENSITIVE_MARKER);

      for (const { id } of CONNECTORS) {
        const now = new Date().toISOString();
        const tenant = await createTenant(testStore.store.db, { slug: `s-${id}`, name: id }, now);
        const { token } = await createApiToken(
          testStore.store.db,
          { tenantId: tenant.id, name: 'admin', role: 'admin', createdBy: null },
          now,
        );
        const created = await app.inject({
          method: 'POST',
          url: '/api/connections',
          ...bearer(token),
          payload: { connectorId: id, sandbox: true },
        });
        expect(created.statusCode, created.body).toBe(201);
      }
      await sync.worker.idle();
      await testStore.store.close();
      const dir = testStore.dataDir ?? '';
      const files = readdirSync(dir, { recursive: true, encoding: 'utf8' });
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const path = join(dir, file);
        if (!statSync(path).isFile()) continue;
        expect(readFileSync(path).includes(SENSITIVE_MARKER), file).toBe(false);
      }
    } finally {
      await sync.stop();
      await app.close();
      await sandbox.close();
      await testStore.dispose();
    }
  });
});
