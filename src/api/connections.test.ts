import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BambooHrEmulator } from '../../emulators/bamboohr/server.ts';
import { startBambooHrEmulator } from '../../emulators/bamboohr/server.ts';
import { getConnector } from '../connectors/registry.ts';
import type { ConnectionDto } from '../contracts/connections.ts';
import { describeEachDialect } from '../db/testing.ts';
import { createSyncRuntime } from '../sync/runtime.ts';
import type { RunningSync } from '../sync/runtime.ts';
import { TEST_KEY } from '../sync/test-engine.ts';
import type { Caller, SeededTenant } from './test-support.ts';
import { bearer, buildTestApp, expectError, seedTenant, signIn } from './test-support.ts';

const API_KEY = 'c0ffee-secret-api-key-4242';

describeEachDialect('api connections', (fx) => {
  let emulator: BambooHrEmulator;
  let sync: RunningSync;
  let app: FastifyInstance;
  let acme: SeededTenant;
  let admin: Caller;
  const logLines: string[] = [];
  const bodies: string[] = [];

  beforeAll(async () => {
    emulator = await startBambooHrEmulator({
      apiKey: API_KEY,
      companyDomain: 'acme',
      company: { seed: 7, size: 60 },
    });
    const log = pino(
      { level: 'debug' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          logLines.push(chunk.toString('utf8'));
          done();
        },
      }),
    );
    sync = createSyncRuntime(
      {
        db: fx.store.db,
        clock: () => new Date(),
        log,
        secretKey: TEST_KEY,
        extraAllowedHosts: ['127.0.0.1'],
        connector: getConnector,
        http: { sleep: () => Promise.resolve() },
      },
      { pollMs: 60_000 },
    );
    app = await buildTestApp(fx.store, { sync });
    acme = await seedTenant(fx.store, 'acme');
    admin = await signIn(app, 'admin@acme.test');
  });
  afterAll(async () => {
    await sync.stop();
    await app.close();
    await emulator.close();
  });

  const call = async (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    caller: Caller = admin,
  ): Promise<LightMyRequestResponse> => {
    const response = await app.inject({
      method,
      url,
      ...caller,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    bodies.push(response.body);
    return response;
  };
  const config = (apiKey = API_KEY) => ({
    companyDomain: 'acme',
    apiKey,
    baseUrl: emulator.url,
  });
  const status = async (id: string): Promise<ConnectionDto> => {
    const response = await call('GET', `/api/connections/${id}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<ConnectionDto>();
  };
  let connectionId = '';

  it('lists the catalogue for admins only, with what each connector reads and never accesses', async () => {
    const response = await call('GET', '/api/connectors');
    expect(response.statusCode).toBe(200);
    const bamboo = response
      .json<{ items: { id: string; requestedFields: string[]; neverAccessed: string[] }[] }>()
      .items.find((c) => c.id === 'bamboohr');
    expect(bamboo?.requestedFields).toContain('workEmail');
    expect(bamboo?.neverAccessed).toContain('compensation');
    expectError(
      await call('GET', '/api/connectors', undefined, bearer(acme.memberToken)),
      403,
      'FORBIDDEN',
    );
  });

  it('probes credentials with the sync request and stores nothing', async () => {
    const bad = await call('POST', '/api/connections/probe', {
      connectorId: 'bamboohr',
      config: config('wrong-key'),
    });
    expect(bad.statusCode).toBe(200);
    expect(bad.json()).toMatchObject({ ok: false, error: { code: 'auth_failed' } });
    const good = await call('POST', '/api/connections/probe', {
      connectorId: 'bamboohr',
      config: config(),
    });
    const probe = good.json<{ ok: boolean; sampled: number; fields: { field: string }[] }>();
    expect(probe).toMatchObject({ ok: true, sampled: 60, complete: true });
    expect(probe.fields.find((f) => f.field === 'workEmail')).toMatchObject({ returned: true });
    expect(emulator.stats.lastRequestBodies.at(-1)).toMatchObject({
      fields: [...getConnector('bamboohr').requestedFields],
    });
    const listed = await call('GET', '/api/connections');
    expect(listed.json()).toEqual({ items: [] });
  });

  it('refuses to connect when the probe fails, and connects when it passes', async () => {
    const refused = await call('POST', '/api/connections', {
      connectorId: 'bamboohr',
      config: config('wrong-key'),
    });
    expectError(refused, 422, 'HRIS_PROBE_FAILED');
    expect((await call('GET', '/api/connections')).json()).toEqual({ items: [] });

    const created = await call('POST', '/api/connections', {
      connectorId: 'bamboohr',
      config: config(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json<{ connection: ConnectionDto; run: { status: string } }>();
    expect(body.run.status).toBe('queued');
    expect(body.connection).toMatchObject({ status: 'connected', hasCredentials: true });
    connectionId = body.connection.id;
    await sync.worker.idle();
    const synced = await status(connectionId);
    expect(synced.status).toBe('synced');
    expect(synced.lastSuccessAt).not.toBeNull();
    expect(synced.lastRun).toMatchObject({ status: 'succeeded', trigger: 'api' });
    expect(Number(synced.lastRun?.counts['create'])).toBeGreaterThan(40);
    const learners = await fx.store.db
      .selectFrom('learners')
      .select('id')
      .where('tenantId', '=', acme.tenant.id)
      .execute();
    expect(learners.length).toBeGreaterThan(40);
  });

  it('coalesces Resync pressed during a run into one follow-up run', async () => {
    emulator.setFaults({ latencyMs: 400 });
    const first = await call('POST', `/api/connections/${connectionId}/resync`);
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ coalesced: false, run: { status: 'queued' } });
    for (let i = 0; i < 100 && (await status(connectionId)).activeRun?.status !== 'running'; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const second = (await call('POST', `/api/connections/${connectionId}/resync`)).json<{
      run: { id: string };
      coalesced: boolean;
    }>();
    const third = (await call('POST', `/api/connections/${connectionId}/resync`)).json<{
      run: { id: string };
      coalesced: boolean;
    }>();
    expect(second.coalesced).toBe(false);
    expect(third).toMatchObject({ coalesced: true, run: { id: second.run.id } });
    await sync.worker.idle();
    emulator.setFaults({ latencyMs: undefined });
    const runs = (await call('GET', `/api/runs?connectionId=${connectionId}`)).json<{
      items: { status: string; trigger: string }[];
    }>().items;
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  it('previews the next sync without applying it, and lists per-person results', async () => {
    const person = emulator.company.all().find((e) => !emulator.company.isTerminated(e));
    if (!person) throw new Error('no active person');
    emulator.company.update(person.id, { jobTitle: 'Chief Previewer' });
    const queued = await call('POST', `/api/connections/${connectionId}/preview`);
    expect(queued.statusCode).toBe(202);
    await sync.worker.idle();
    const runId = queued.json<{ run: { id: string } }>().run.id;
    const run = (await call('GET', `/api/runs/${runId}`)).json<{ mode: string; status: string }>();
    expect(run).toMatchObject({ mode: 'dry-run', status: 'succeeded' });
    const updates = (await call('GET', `/api/runs/${runId}/results?action=update`)).json<{
      items: { externalId: string; changedFields: string[] }[];
      total: number;
    }>();
    expect(updates.total).toBe(1);
    expect(updates.items[0]).toMatchObject({
      externalId: String(person.id),
      changedFields: ['jobTitle'],
    });
    const stored = await fx.store.db
      .selectFrom('learners')
      .select('jobTitle')
      .where('externalId', '=', String(person.id))
      .executeTakeFirstOrThrow();
    expect(stored.jobTitle).not.toBe('Chief Previewer');
  });

  it('disconnects: credentials deleted from the store files, learners kept, no more runs', async () => {
    const before = await fx.store.db
      .selectFrom('connections')
      .select('configCiphertext')
      .where('id', '=', connectionId)
      .executeTakeFirstOrThrow();
    const sealed = before.configCiphertext ?? '';
    expect(sealed).not.toBe('');
    const response = await call('DELETE', `/api/connections/${connectionId}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'disconnected', hasCredentials: false });
    expectError(await call('POST', `/api/connections/${connectionId}/resync`), 409, 'CONFLICT');
    const learners = await fx.store.db
      .selectFrom('learners')
      .select('id')
      .where('tenantId', '=', acme.tenant.id)
      .execute();
    expect(learners.length).toBeGreaterThan(40);
    if (fx.store.dialect === 'sqlite') {
      const dir = path.dirname(fx.store.location);
      const ciphertext = sealed.split('.').at(-1) ?? '';
      for (const file of readdirSync(dir)) {
        const bytes = readFileSync(path.join(dir, file)).toString('latin1');
        expect(bytes.includes(ciphertext), `${file} still holds the sealed credentials`).toBe(
          false,
        );
      }
    }
  });

  it('never returns or logs the credentials', () => {
    expect(bodies.length).toBeGreaterThan(10);
    for (const body of bodies) expect(body).not.toContain(API_KEY);
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(line).not.toContain(API_KEY);
  });
});
