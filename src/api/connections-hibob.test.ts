import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HiBobEmulator } from '../../emulators/hibob/server.ts';
import { startHiBobEmulator } from '../../emulators/hibob/server.ts';
import { getConnector } from '../connectors/registry.ts';
import type { ConnectionDto } from '../contracts/connections.ts';
import { describeEachDialect } from '../db/testing.ts';
import { createSyncRuntime } from '../sync/runtime.ts';
import type { RunningSync } from '../sync/runtime.ts';
import { TEST_KEY } from '../sync/test-engine.ts';
import type { Caller, SeededTenant } from './test-support.ts';
import { bearer, buildTestApp, expectError, seedTenant, testClock } from './test-support.ts';

const DAY = 24 * 60 * 60 * 1000;

/**
 * HiBob through the API with the real worker and scheduler on a fake clock: connect, nightly
 * runs, a service user that loses access to inactive people (pause, not mass deactivation), and
 * revoked credentials (reconnect needed after three failures, data kept).
 */
describeEachDialect('api connections: HiBob, nightly, guards, revoked auth', (fx) => {
  let bob: HiBobEmulator;
  let sync: RunningSync;
  let app: FastifyInstance;
  let acme: SeededTenant;
  let admin: Caller;
  const time = testClock(`${new Date().toISOString().slice(0, 10)}T09:00:00.000Z`);
  const logLines: string[] = [];
  const bodies: string[] = [];
  let connectionId = '';

  beforeAll(async () => {
    // A quarter on leave: people a service user without "view inactive" no longer sees.
    bob = await startHiBobEmulator({
      company: { seed: 11, size: 80, leaveShare: 0.25 },
      peopleSearchPerMinute: Infinity,
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
        clock: time.clock,
        log,
        secretKey: TEST_KEY,
        extraAllowedHosts: ['127.0.0.1'],
        connector: getConnector,
        http: { sleep: () => Promise.resolve() },
      },
      { pollMs: 3_600_000, scheduleEveryMs: 3_600_000 },
    );
    app = await buildTestApp(fx.store, { sync, clock: time.clock });
    acme = await seedTenant(fx.store, 'acme');
    // A token, not a session: the fake clock moves days ahead and sessions expire.
    admin = bearer(acme.adminToken);
  });
  afterAll(async () => {
    await sync.stop();
    await app.close();
    await bob.close();
  });

  const call = async (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> => {
    const response = await app.inject({
      method,
      url,
      ...admin,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    bodies.push(response.body);
    return response;
  };
  const status = async (): Promise<ConnectionDto> =>
    (await call('GET', `/api/connections/${connectionId}`)).json<ConnectionDto>();
  const nightly = async (): Promise<void> => {
    const next = (await status()).nextSyncAt;
    if (!next) throw new Error('no next sync scheduled');
    time.set(new Date(Date.parse(next) + 1_000).toISOString());
    await sync.scheduler.tick();
    await sync.worker.idle();
  };
  const activeLearners = async () =>
    (
      await fx.store.db
        .selectFrom('learners')
        .select('id')
        .where('tenantId', '=', acme.tenant.id)
        .where('status', '!=', 'deactivated')
        .execute()
    ).length;
  const config = (token = bob.token) => ({
    serviceUserId: bob.serviceUserId,
    token,
    baseUrl: bob.url,
  });

  it('connects with a probe that sends the sync request, then syncs', async () => {
    const created = await call('POST', '/api/connections', {
      connectorId: 'hibob',
      config: config(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json<{ connection: ConnectionDto; probe: { byStatus: object } }>();
    connectionId = body.connection.id;
    const probeRequest = bob.stats.lastRequestBodies[0] as Record<string, unknown>;
    expect(probeRequest).toMatchObject({ showInactive: true, humanReadable: 'APPEND' });
    expect(probeRequest['fields']).toEqual([...getConnector('hibob').requestedFields]);
    await sync.worker.idle();
    const synced = await status();
    expect(synced).toMatchObject({ status: 'synced', error: null });
    expect(synced.nextSyncAt).toBeNull();
    expect(await activeLearners()).toBeGreaterThan(50);
  });

  it('runs the nightly sync at the tenant local time under a fake clock', async () => {
    await sync.scheduler.tick();
    const scheduled = await status();
    expect(scheduled.nextSyncAt).not.toBeNull();
    const slot = new Date(scheduled.nextSyncAt ?? '');
    expect(slot.getTime() - time.clock().getTime()).toBeLessThanOrEqual(DAY);
    // Default 02:00 in the tenant's zone (UTC here), plus at most 15 minutes of jitter.
    expect(slot.getUTCHours()).toBe(2);
    expect(slot.getUTCMinutes()).toBeLessThan(15);
    await nightly();
    const after = await status();
    expect(after.lastRun).toMatchObject({ trigger: 'schedule', status: 'succeeded' });
    expect(Date.parse(after.nextSyncAt ?? '')).toBe(slot.getTime() + DAY);
  });

  it('pauses instead of deactivating when the service user loses access to inactive people', async () => {
    const before = await activeLearners();
    const onLeave = bob.company.all().filter((e) => bob.company.isOnLeave(e)).length;
    expect(onLeave).toBeGreaterThan(8);
    bob.setFaults({ accessToInactive: false });
    await nightly();
    const paused = await status();
    expect(paused.status).toBe('awaiting_approval');
    const runId = paused.lastRun?.id ?? '';
    const run = (await call('GET', `/api/runs/${runId}`)).json<{
      status: string;
      guards: { guard: string; passed: boolean }[];
    }>();
    expect(run.status).toBe('awaiting_approval');
    expect(run.guards.find((g) => g.guard === 'deactivation_ratio')?.passed).toBe(false);
    const missing = (await call('GET', `/api/runs/${runId}/results?action=deactivate`)).json<{
      total: number;
      items: { reason: string }[];
    }>();
    expect(missing.total).toBe(onLeave);
    expect(new Set(missing.items.map((r) => r.reason))).toEqual(new Set(['missing']));
    expect(await activeLearners()).toBe(before);

    const rejected = await call('POST', `/api/runs/${runId}/reject`);
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    expect((await status()).status).toBe('synced');
    bob.setFaults({ accessToInactive: undefined });
  });

  it('asks for a reconnect after three auth failures, keeps the data, and recovers', async () => {
    const before = await activeLearners();
    bob.setFaults({ revokeAuthAfterCalls: 0 });
    await nightly();
    let current = await status();
    expect(current.status).toBe('error');
    expect(current.error?.code).toBe('auth_failed');
    await nightly();
    await nightly();
    current = await status();
    expect(current).toMatchObject({ status: 'error', error: { code: 'reconnect_needed' } });
    expect(current.error?.action).toMatch(/Reconnect/);
    expect(await activeLearners()).toBe(before);
    // No more scheduled runs, however long we wait.
    const runs = async () =>
      (await call('GET', `/api/runs?connectionId=${connectionId}&limit=200`)).json<{
        items: unknown[];
      }>().items.length;
    const count = await runs();
    time.advance(3 * DAY);
    await sync.scheduler.tick();
    await sync.worker.idle();
    expect(await runs()).toBe(count);

    expectError(
      await call('PUT', `/api/connections/${connectionId}/credentials`, {
        config: config('a-wrong-token'),
      }),
      422,
      'HRIS_PROBE_FAILED',
    );
    bob.setFaults({ revokeAuthAfterCalls: undefined });
    const fixed = await call('PUT', `/api/connections/${connectionId}/credentials`, {
      config: config(),
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ connection: { status: 'connected', error: null } });
    await call('POST', `/api/connections/${connectionId}/resync`);
    await sync.worker.idle();
    expect((await status()).status).toBe('synced');
  });

  it('never returns or logs the service user token', () => {
    for (const body of bodies) expect(body).not.toContain(bob.token);
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(line).not.toContain(bob.token);
  });
});
