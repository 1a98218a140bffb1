import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GustoEmulator } from '../../emulators/gusto/server.ts';
import { startGustoEmulator } from '../../emulators/gusto/server.ts';
import { bearer, buildTestApp, seedTenant, type SeededTenant } from '../api/test-support.ts';
import { getConnector } from '../connectors/registry.ts';
import type { ConnectionDto } from '../contracts/connections.ts';
import { getSealedConfig } from '../db/repositories/connections.ts';
import { describeEachDialect } from '../db/testing.ts';
import { seal, unseal } from '../secrets/keyring.ts';
import { connectionCredentialSink } from './credential-store.ts';
import { createSyncRuntime, type RunningSync } from './runtime.ts';
import { TEST_KEY } from './test-engine.ts';

/**
 * Gusto rotates its refresh token on every refresh: the engine must store each new one (sealed)
 * before the connector uses it, the next run must start from it, and no token may reach a log
 * line or an API answer.
 */
describeEachDialect('credential rotation (Gusto OAuth refresh)', (fx) => {
  let emulator: GustoEmulator;
  let sync: RunningSync;
  let app: FastifyInstance;
  let acme: SeededTenant;
  const logLines: string[] = [];
  const bodies: string[] = [];

  beforeAll(async () => {
    emulator = await startGustoEmulator({ company: { seed: 3, size: 40 } });
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
    app = await buildTestApp(fx.store, { sync, logger: log });
    acme = await seedTenant(fx.store, 'rotation');
  });
  afterAll(async () => {
    await sync.stop();
    await app.close();
    await emulator.close();
  });

  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const response: LightMyRequestResponse = await app.inject({
      method,
      url,
      ...bearer(acme.adminToken),
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    bodies.push(response.body);
    return response;
  };
  const config = () => ({
    companyUuid: emulator.companyUuid,
    accessToken: emulator.accessToken,
    refreshToken: emulator.refreshToken,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    baseUrl: emulator.url,
  });
  const stored = async (
    id: string,
  ): Promise<{ sealed: string; config: Record<string, string> }> => {
    const sealed = await getSealedConfig(fx.store.db, id);
    if (sealed === null) throw new Error('no stored credentials');
    return { sealed, config: JSON.parse(unseal(TEST_KEY, sealed)) as Record<string, string> };
  };
  const issued = new Set<string>();
  const remember = () => {
    const { accessToken, refreshToken } = emulator.oauth.current();
    issued.add(accessToken).add(refreshToken);
  };
  let connectionId = '';

  it('a test with an expired token refreshes nothing and says to connect directly', async () => {
    emulator.oauth.expireAccessTokens();
    const probe = await call('POST', '/api/connections/probe', {
      connectorId: 'gusto',
      config: config(),
    });
    expect(probe.json()).toMatchObject({ ok: false, error: { code: 'auth_failed' } });
    expect(probe.body).toContain('Connect directly');
    expect(emulator.stats.byEndpoint['oauth-token']).toBeUndefined();
  });

  it('connecting refreshes during the probe and stores the refreshed tokens, sealed', async () => {
    const created = await call('POST', '/api/connections', {
      connectorId: 'gusto',
      config: config(),
    });
    expect(created.statusCode, created.body).toBe(201);
    connectionId = created.json<{ connection: ConnectionDto }>().connection.id;
    remember();
    expect(emulator.oauth.refreshes.issued).toBe(1);
    const { sealed, config: kept } = await stored(connectionId);
    expect(kept).toMatchObject(emulator.oauth.current());
    expect(kept['refreshToken']).not.toBe(emulator.refreshToken);
    for (const token of issued) expect(sealed).not.toContain(token);

    // The first sync starts from the stored, still valid access token: no refresh.
    await sync.worker.idle();
    const synced = (await call('GET', `/api/connections/${connectionId}`)).json<ConnectionDto>();
    expect(synced.status).toBe('synced');
    expect(emulator.oauth.refreshes.issued).toBe(1);
  });

  it('a run refreshes an expired token, stores the new refresh token, and the next run uses it', async () => {
    const before = await stored(connectionId);
    emulator.oauth.expireAccessTokens();
    expect((await call('POST', `/api/connections/${connectionId}/resync`)).statusCode).toBe(202);
    await sync.worker.idle();
    remember();
    expect(emulator.oauth.refreshes).toEqual({ issued: 2, refused: {} });
    const after = await stored(connectionId);
    expect(after.sealed).not.toBe(before.sealed);
    expect(after.config).toMatchObject(emulator.oauth.current());
    expect(after.config['refreshToken']).not.toBe(before.config['refreshToken']);
    const status = (await call('GET', `/api/connections/${connectionId}`)).json<ConnectionDto>();
    expect(status).toMatchObject({ status: 'synced', lastRun: { status: 'succeeded' } });

    // Once more: only the refresh token stored by the last run is still accepted by Gusto.
    emulator.oauth.expireAccessTokens();
    await call('POST', `/api/connections/${connectionId}/resync`);
    await sync.worker.idle();
    remember();
    expect(emulator.oauth.refreshes).toEqual({ issued: 3, refused: {} });
    const last = (await call('GET', `/api/connections/${connectionId}`)).json<ConnectionDto>();
    expect(last).toMatchObject({ status: 'synced', lastRun: { status: 'succeeded' } });
    expect((await stored(connectionId)).config).toMatchObject(emulator.oauth.current());
  });

  it('never writes a token or the client secret to the logs or an API answer', () => {
    const secrets = [...issued, emulator.accessToken, emulator.refreshToken, emulator.clientSecret];
    const logs = logLines.join('\n');
    const answers = bodies.join('\n');
    expect(logs).toContain('rotated connection credentials stored');
    for (const secret of secrets) {
      expect(logs).not.toContain(secret);
      expect(answers).not.toContain(secret);
    }
  });

  it('does not overwrite credentials replaced during the run, but follows a re-seal', async () => {
    const { sealed, config: current } = await stored(connectionId);
    const set = (value: string) =>
      fx.store.db
        .updateTable('connections')
        .set({ configCiphertext: value })
        .where('id', '=', connectionId)
        .execute();
    const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined };
    const deps = { db: fx.store.db, secretKey: TEST_KEY, log: quiet };

    // The key rotation re-sealed the same credentials: the refreshed ones are written all the same.
    const resealed = seal(TEST_KEY, JSON.stringify(current));
    await set(resealed);
    const sink = connectionCredentialSink(deps, connectionId, sealed);
    await sink.store({ ...current, refreshToken: 'rotated-1' });
    expect((await stored(connectionId)).config['refreshToken']).toBe('rotated-1');

    // An admin reconnected meanwhile: theirs stay.
    const reconnected = seal(TEST_KEY, JSON.stringify({ ...current, refreshToken: 'admin' }));
    await set(reconnected);
    await sink.store({ ...current, refreshToken: 'rotated-2' });
    expect(await getSealedConfig(fx.store.db, connectionId)).toBe(reconnected);
  });
});
