import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BambooHrEmulator } from '../../emulators/bamboohr/server.ts';
import { startBambooHrEmulator } from '../../emulators/bamboohr/server.ts';
import { getConnector } from '../connectors/registry.ts';
import type { ConnectLinkDto } from '../contracts/connect-links.ts';
import type { ConnectionDto } from '../contracts/connections.ts';
import { describeEachDialect } from '../db/testing.ts';
import { createSyncRuntime } from '../sync/runtime.ts';
import type { RunningSync } from '../sync/runtime.ts';
import { TEST_KEY } from '../sync/test-engine.ts';
import type { Caller, SeededTenant } from './test-support.ts';
import { bearer, buildTestApp, expectError, seedTenant, signIn } from './test-support.ts';

const API_KEY = 'link-owner-secret-api-key-9182';
const DAY = 24 * 60 * 60 * 1000;
const OWNER = { name: 'Hana Owner', email: ' Hana.Owner@Acme.example ' };

describeEachDialect('api connect links', (fx) => {
  let emulator: BambooHrEmulator;
  let sync: RunningSync;
  let app: FastifyInstance;
  let acme: SeededTenant;
  let admin: Caller;
  const logLines: string[] = [];
  const bodies: string[] = [];
  // Real time that a test can jump forward (expiry), shared by the API and the worker.
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);

  beforeAll(async () => {
    emulator = await startBambooHrEmulator({
      apiKey: API_KEY,
      companyDomain: 'acme',
      company: { seed: 11, size: 40 },
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
        clock,
        log,
        secretKey: TEST_KEY,
        extraAllowedHosts: ['127.0.0.1'],
        connector: getConnector,
        http: { sleep: () => Promise.resolve() },
      },
      {
        pollMs: 60_000,
        // The same emulator doubles as this server's sandbox BambooHR.
        sandbox: {
          connectorIds: () => ['bamboohr'],
          baseUrl: (id) => (id === 'bamboohr' ? emulator.url : undefined),
          config: (id) =>
            id === 'bamboohr' ? { companyDomain: 'acme', apiKey: API_KEY } : undefined,
        },
      },
    );
    app = await buildTestApp(fx.store, { sync, clock, logger: log });
    acme = await seedTenant(fx.store, 'acme');
    admin = await signIn(app, 'admin@acme.test');
  });
  afterAll(async () => {
    await sync.stop();
    await app.close();
    await emulator.close();
  });

  const call = async (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    payload?: unknown,
    caller?: Caller,
  ): Promise<LightMyRequestResponse> => {
    const response = await app.inject({
      method,
      url,
      ...(caller ?? {}),
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    bodies.push(response.body);
    return response;
  };
  const config = (apiKey = API_KEY) => ({ companyDomain: 'acme', apiKey, baseUrl: emulator.url });
  const createLink = async (body: Record<string, unknown> = { connectorId: 'bamboohr' }) => {
    const response = await call('POST', '/api/connect-links', body, admin);
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ link: ConnectLinkDto; url: string; token: string }>();
  };
  const links = async () =>
    (await call('GET', '/api/connect-links', undefined, admin)).json<{ items: ConnectLinkDto[] }>()
      .items;
  const disconnectAll = async () => {
    const list = (await call('GET', '/api/connections', undefined, admin)).json<{
      items: ConnectionDto[];
    }>();
    for (const c of list.items.filter((c) => c.status !== 'disconnected'))
      expect((await call('DELETE', `/api/connections/${c.id}`, undefined, admin)).statusCode).toBe(
        200,
      );
  };

  it('lets admins create links and refuses members', async () => {
    const { link, url, token } = await createLink();
    expect(url).toBe(`/connect/${token}`);
    expect(token).toMatch(/^rcl_[A-Za-z0-9_-]{40,}$/);
    expect(link).toMatchObject({
      connectorId: 'bamboohr',
      connectorName: 'BambooHR',
      sandbox: false,
      status: 'pending',
      createdBy: acme.admin.id,
      createdByEmail: 'admin@acme.test',
      usedAt: null,
    });
    const days = (Date.parse(link.expiresAt) - Date.parse(link.createdAt)) / DAY;
    expect(days).toBe(7);
    const stored = await fx.store.db
      .selectFrom('connectLinks')
      .selectAll()
      .where('id', '=', link.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token);

    for (const caller of [bearer(acme.memberToken), await signIn(app, 'member@acme.test')]) {
      expectError(
        await call('POST', '/api/connect-links', { connectorId: 'bamboohr' }, caller),
        403,
        'FORBIDDEN',
      );
      expectError(await call('GET', '/api/connect-links', undefined, caller), 403, 'FORBIDDEN');
    }
    expectError(
      await call('POST', '/api/connect-links', { connectorId: 'nope' }, admin),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await call('POST', '/api/connect-links', { connectorId: 'hibob', sandbox: true }, admin),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await call('POST', '/api/connect-links', { connectorId: 'bamboohr', expiresInDays: 31 }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('opens a link without a session: tenant, connector declaration and expiry', async () => {
    const { token, link } = await createLink({ connectorId: 'bamboohr', expiresInDays: 2 });
    const opened = await call('GET', `/api/connect-links/by-token/${token}`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({
      tenantName: 'acme Inc',
      sandbox: false,
      expiresAt: link.expiresAt,
      connector: {
        id: 'bamboohr',
        name: 'BambooHR',
        requestedFields: expect.arrayContaining(['workEmail']) as unknown,
        neverAccessed: expect.arrayContaining(['compensation']) as unknown,
      },
    });
    expectError(await call('GET', '/api/connect-links/by-token/rcl_nope'), 404, 'NOT_FOUND');
  });

  it('probes and connects through a link once, and the admin sees who connected when', async () => {
    const { token, link } = await createLink();
    const bad = await call('POST', `/api/connect-links/by-token/${token}/probe`, {
      config: config('wrong-key'),
    });
    expect(bad.json()).toMatchObject({ ok: false, error: { code: 'auth_failed' } });
    const good = await call('POST', `/api/connect-links/by-token/${token}/probe`, {
      config: config(),
    });
    expect(good.json()).toMatchObject({ ok: true, sampled: 40, complete: true });
    expect((await call('GET', '/api/connections', undefined, admin)).json()).toEqual({
      items: [],
    });

    expectError(
      await call('POST', `/api/connect-links/by-token/${token}/connect`, {
        config: config('wrong-key'),
        ...OWNER,
      }),
      422,
      'HRIS_PROBE_FAILED',
    );
    expect((await links()).find((l) => l.id === link.id)?.status).toBe('pending');

    const connected = await call('POST', `/api/connect-links/by-token/${token}/connect`, {
      config: config(),
      ...OWNER,
    });
    expect(connected.statusCode, connected.body).toBe(201);
    expect(connected.json()).toMatchObject({ connectorName: 'BambooHR', probe: { ok: true } });
    expect(connected.body).not.toContain(API_KEY);

    const listed = (await links()).find((l) => l.id === link.id);
    expect(listed).toMatchObject({
      status: 'used',
      usedByName: 'Hana Owner',
      usedByEmail: 'hana.owner@acme.example',
      connectionId: expect.stringMatching(/^con_/) as unknown,
    });
    expect(listed?.usedAt).not.toBeNull();

    await sync.worker.idle();
    const connection = (
      await call('GET', `/api/connections/${listed?.connectionId ?? ''}`, undefined, admin)
    ).json<ConnectionDto>();
    expect(connection).toMatchObject({
      status: 'synced',
      sandbox: false,
      connectedBy: `connect_link:${link.id}`,
    });

    // Single use: the link is spent, whatever is sent.
    expectError(
      await call('POST', `/api/connect-links/by-token/${token}/connect`, {
        config: config(),
        ...OWNER,
      }),
      410,
      'LINK_USED',
    );
    expectError(await call('GET', `/api/connect-links/by-token/${token}`), 410, 'LINK_USED');
    expectError(
      await call('DELETE', `/api/connect-links/${link.id}`, undefined, admin),
      409,
      'CONFLICT',
    );

    const audit = (await call('GET', '/api/audit?limit=50', undefined, admin)).json<{
      items: { action: string; actorType: string; actorId: string | null }[];
    }>().items;
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'connect_link.created', actorType: 'user' }),
        expect.objectContaining({
          action: 'connect_link.used',
          actorType: 'connect_link',
          actorId: link.id,
        }),
        expect.objectContaining({ action: 'connection.created', actorType: 'connect_link' }),
      ]),
    );

    // No new links while an HRIS is connected.
    expectError(
      await call('POST', '/api/connect-links', { connectorId: 'bamboohr' }, admin),
      409,
      'CONFLICT',
    );
    await disconnectAll();
  });

  it('refuses a pending link once the tenant got connected another way', async () => {
    const { token } = await createLink();
    const direct = await call(
      'POST',
      '/api/connections',
      { connectorId: 'bamboohr', config: config() },
      admin,
    );
    expect(direct.statusCode, direct.body).toBe(201);
    await sync.worker.idle();
    expectError(
      await call('POST', `/api/connect-links/by-token/${token}/connect`, {
        config: config(),
        ...OWNER,
      }),
      409,
      'CONFLICT',
    );
    await disconnectAll();
  });

  it('expires after its days, on a moved clock', async () => {
    const { token, link } = await createLink({ connectorId: 'bamboohr', expiresInDays: 1 });
    offsetMs += DAY - 60_000;
    expect((await call('GET', `/api/connect-links/by-token/${token}`)).statusCode).toBe(200);
    offsetMs += 60_000;
    admin = await signIn(app, 'admin@acme.test');
    expectError(await call('GET', `/api/connect-links/by-token/${token}`), 410, 'LINK_EXPIRED');
    expectError(
      await call('POST', `/api/connect-links/by-token/${token}/connect`, {
        config: config(),
        ...OWNER,
      }),
      410,
      'LINK_EXPIRED',
    );
    expect((await links()).find((l) => l.id === link.id)?.status).toBe('expired');
  });

  it('revokes a link: it stops working at once', async () => {
    const { token, link } = await createLink();
    const revoked = await call('DELETE', `/api/connect-links/${link.id}`, undefined, admin);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ id: link.id, status: 'revoked' });
    expectError(await call('GET', `/api/connect-links/by-token/${token}`), 410, 'LINK_REVOKED');
    expectError(
      await call('POST', `/api/connect-links/by-token/${token}/probe`, { config: config() }),
      410,
      'LINK_REVOKED',
    );
    expectError(
      await call('DELETE', `/api/connect-links/${link.id}`, undefined, bearer(acme.memberToken)),
      403,
      'FORBIDDEN',
    );
    expectError(
      await call('DELETE', '/api/connect-links/cl_unknown', undefined, admin),
      404,
      'NOT_FOUND',
    );
  });

  it('connects the sandbox from a sandbox link without credentials, never a real link', async () => {
    const real = await createLink();
    const refused = await call('POST', `/api/connect-links/by-token/${real.token}/connect`, {
      ...OWNER,
    });
    expectError(refused, 400, 'VALIDATION_FAILED');

    const { token, link } = await createLink({ connectorId: 'bamboohr', sandbox: true });
    expect(link.sandbox).toBe(true);
    const opened = await call('GET', `/api/connect-links/by-token/${token}`);
    expect(opened.json()).toMatchObject({ sandbox: true, connector: { sandbox: true } });
    const connected = await call('POST', `/api/connect-links/by-token/${token}/connect`, OWNER);
    expect(connected.statusCode, connected.body).toBe(201);
    expect(connected.json()).toMatchObject({ connectorName: 'Sandbox BambooHR' });
    await sync.worker.idle();
    await disconnectAll();
    // The real link was never used and still works once the sandbox is disconnected.
    expect((await call('GET', `/api/connect-links/by-token/${real.token}`)).statusCode).toBe(200);
  });

  it('slows down guessing: unknown tokens from one address are rate limited', async () => {
    const { token } = await createLink();
    let status = 0;
    for (let i = 0; i < 12 && status !== 429; i++)
      status = (await call('GET', `/api/connect-links/by-token/rcl_guess${i}`)).statusCode;
    expect(status).toBe(429);
    expectError(await call('GET', `/api/connect-links/by-token/${token}`), 429, 'RATE_LIMITED');
  });

  it('never logs or returns credentials or link tokens', () => {
    const logs = logLines.join('\n');
    expect(logs).not.toContain(API_KEY);
    expect(logs).not.toMatch(/rcl_[A-Za-z0-9_-]{20,}/);
    expect(logs).toContain('/connect-links/by-token/…');
    const answers = bodies.join('\n');
    expect(answers).not.toContain(API_KEY);
  });
});
