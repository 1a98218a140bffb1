import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError, type FetchItem } from '../connector.ts';
import { startTestServer, type TestServer } from '../http/testing.ts';
import { createTestContext } from '../testing/run.ts';
import { EMULATOR_TODAY, startGustoTarget } from './emulator-target.ts';
import { gusto, gustoConfigSchema, type GustoConfig } from './index.ts';

type Target = Awaited<ReturnType<typeof startGustoTarget>>;

let target: Target | undefined;
let server: TestServer | undefined;
afterEach(async () => {
  await target?.close();
  await server?.close();
  target = undefined;
  server = undefined;
});

async function start(size = 30): Promise<Target> {
  target = await startGustoTarget({ company: { size } });
  return target;
}

/** The connection's config with refresh credentials, as an admin would enter it. */
function refreshable(t: Target, extra: Partial<GustoConfig> = {}): GustoConfig {
  const { emulator } = t;
  return {
    ...t.config,
    refreshToken: emulator.refreshToken,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    ...extra,
  };
}

/**
 * One fetch with a `saveCredentials` that records each patch (and, like the engine's, makes the
 * saved values the config of the next fetch through `stored`). `save: false`: none, as in a probe
 * that keeps nothing.
 */
async function fetchWith(
  baseUrl: string,
  config: GustoConfig,
  options: { save?: boolean; onSave?: (patch: Partial<GustoConfig>) => Promise<void> } = {},
) {
  const saved: Partial<GustoConfig>[] = [];
  const { ctx, http, logs } = createTestContext({
    connector: gusto,
    config,
    baseUrl,
    today: EMULATOR_TODAY,
  });
  if (options.save !== false) {
    ctx.saveCredentials = async (patch) => {
      await options.onSave?.(patch);
      saved.push(patch);
    };
  }
  const items: FetchItem[] = [];
  let error: unknown;
  try {
    for await (const item of gusto.fetch(ctx)) items.push(item);
  } catch (caught) {
    error = caught;
  }
  const stored: GustoConfig = Object.assign({}, config, ...saved) as GustoConfig;
  return {
    items,
    employees: items.filter((i) => i.kind === 'employee'),
    error,
    saved,
    stored,
    usage: http.usage(),
    logs: logs(),
  };
}

function connectorError(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  throw new Error('expected a ConnectorError', { cause: error });
}

describe('Gusto OAuth refresh', () => {
  it('refreshes an expired access token, saves the new pair before using it, and syncs', async () => {
    const t = await start();
    const { emulator } = t;
    emulator.oauth.expireAccessTokens();
    const seenAtSave: number[] = [];
    const result = await fetchWith(t.baseUrl, refreshable(t), {
      // Saved before the new access token is used: no list was read with it yet.
      onSave: () => {
        seenAtSave.push(emulator.stats.requests);
        return Promise.resolve();
      },
    });
    expect(result.error).toBeUndefined();
    expect(result.employees).toHaveLength(30);
    const current = emulator.oauth.current();
    expect(result.saved).toEqual([current]);
    expect(current.refreshToken).not.toBe(emulator.refreshToken);
    // The 401 to departments, then the refresh: nothing more had been sent.
    expect(seenAtSave).toEqual([2]);
    expect(emulator.stats.byEndpoint).toMatchObject({ 'oauth-token': 1, departments: 2 });
    expect(emulator.oauth.refreshes).toEqual({ issued: 1, refused: {} });
    for (const secret of [
      emulator.accessToken,
      emulator.refreshToken,
      emulator.clientSecret,
      current.accessToken,
      current.refreshToken,
    ]) {
      expect(result.logs).not.toContain(secret);
    }
    expect(result.logs).toContain('gusto access token refreshed');

    // The next sync starts from what was saved: no refresh needed while the token lives.
    const next = await fetchWith(t.baseUrl, result.stored);
    expect(next.error).toBeUndefined();
    expect(next.saved).toEqual([]);
    expect(emulator.stats.byEndpoint['oauth-token']).toBe(1);
  });

  it('refreshes first when the config holds no access token', async () => {
    const t = await start(5);
    const config = refreshable(t);
    delete config.accessToken;
    expect(gustoConfigSchema.safeParse(config).success).toBe(true);
    const result = await fetchWith(t.baseUrl, config);
    expect(result.error).toBeUndefined();
    expect(result.employees).toHaveLength(5);
    expect(result.saved).toHaveLength(1);
    expect(t.emulator.stats.byEndpoint).toMatchObject({ 'oauth-token': 1, departments: 1 });
  });

  it('fails with a clear auth_failed when an old refresh token is used again', async () => {
    const t = await start(5);
    t.emulator.oauth.expireAccessTokens();
    const stale = refreshable(t);
    expect((await fetchWith(t.baseUrl, stale)).error).toBeUndefined();
    // The first refresh's pair was used: the refresh token of `stale` is revoked now.
    t.emulator.oauth.expireAccessTokens();
    const result = await fetchWith(t.baseUrl, stale);
    const error = connectorError(result.error);
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false, status: 400 });
    expect(error.message).toContain('invalid_grant');
    expect(error.message).toContain('Reconnect Gusto');
    expect(result.saved).toEqual([]);
    expect(result.employees).toEqual([]);
    for (const secret of [stale.refreshToken, stale.clientSecret] as string[]) {
      expect(error.message).not.toContain(secret);
      expect(result.logs).not.toContain(secret);
    }
  });

  it('refreshes once: a refreshed token that is refused too is auth_failed', async () => {
    const t = await start(5);
    t.emulator.setFaults({ tokenExpired: true });
    const result = await fetchWith(t.baseUrl, refreshable(t));
    expect(connectorError(result.error)).toMatchObject({ code: 'auth_failed', status: 401 });
    expect(t.emulator.stats.byEndpoint).toMatchObject({ 'oauth-token': 1, departments: 2 });
  });

  it('names the client credentials when Gusto refuses them', async () => {
    const t = await start(5);
    t.emulator.oauth.expireAccessTokens();
    const result = await fetchWith(t.baseUrl, refreshable(t, { clientSecret: 'wrong-secret' }));
    const error = connectorError(result.error);
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false, status: 401 });
    expect(error.message).toContain('client id or secret');
    expect(error.message).not.toContain('wrong-secret');
  });

  it('does not refresh without saveCredentials: the refresh token would be lost', async () => {
    const t = await start(5);
    t.emulator.oauth.expireAccessTokens();
    const result = await fetchWith(t.baseUrl, refreshable(t), { save: false });
    const error = connectorError(result.error);
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false });
    expect(error.message).toContain('Connect directly');
    expect(t.emulator.stats.byEndpoint['oauth-token']).toBeUndefined();
  });

  it('stops when saving fails, before the new access token is used', async () => {
    const t = await start(5);
    t.emulator.oauth.expireAccessTokens();
    const config = refreshable(t);
    const result = await fetchWith(t.baseUrl, config, {
      onSave: () => Promise.reject(new Error('database is locked')),
    });
    expect(result.error).toBeInstanceOf(Error);
    expect(t.emulator.stats.byEndpoint['departments']).toBe(1);
    // Gusto revokes the old refresh token only on the first use of the new access token.
    t.emulator.oauth.expireAccessTokens();
    expect((await fetchWith(t.baseUrl, config)).error).toBeUndefined();
  });

  it('keeps the old refresh token when Gusto answers without a new one, and refuses junk', async () => {
    server = await startTestServer([
      { status: 401, body: '{"errors":[{"category":"invalid_token","message":"expired"}]}' },
      { status: 200, body: '{"access_token":"new-access","token_type":"bearer"}' },
      { status: 200, body: '[]' },
      { status: 200, body: '[]' },
      { status: 200, body: '[]' },
    ]);
    const config: GustoConfig = {
      companyUuid: 'd06bf045-26f1-4c87-be06-5c16bf71aca2',
      accessToken: 'old-access',
      refreshToken: 'old-refresh',
      clientId: 'client',
      clientSecret: 'secret',
    };
    const result = await fetchWith(server.origin, config);
    expect(result.error).toBeUndefined();
    expect(result.saved).toEqual([{ accessToken: 'new-access', refreshToken: 'old-refresh' }]);
    const refresh = server.requests[1];
    expect(refresh?.method).toBe('POST');
    expect(refresh?.url).toBe('/oauth/token');
    expect(refresh?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(refresh?.body ?? '{}')).toEqual({
      client_id: 'client',
      client_secret: 'secret',
      refresh_token: 'old-refresh',
      grant_type: 'refresh_token',
    });
    expect(server.requests[2]?.headers['authorization']).toBe('Bearer new-access');

    await server.close();
    server = await startTestServer([
      { status: 401, body: '{}' },
      { status: 200, body: '{"token_type":"bearer"}' },
    ]);
    const junk = await fetchWith(server.origin, config);
    expect(connectorError(junk.error)).toMatchObject({ code: 'invalid_payload' });
    expect(junk.saved).toEqual([]);
  });
});

describe('Gusto config with refresh credentials', () => {
  const base = { companyUuid: 'd06bf045-26f1-4c87-be06-5c16bf71aca2' };

  it('takes an access token, or the refresh token with the client id and secret (all three)', () => {
    expect(gustoConfigSchema.safeParse({ ...base, accessToken: 't' }).success).toBe(true);
    const refresh = { refreshToken: 'r', clientId: 'c', clientSecret: 's' };
    expect(gustoConfigSchema.safeParse({ ...base, ...refresh }).success).toBe(true);
    expect(gustoConfigSchema.safeParse({ ...base, accessToken: 't', ...refresh }).success).toBe(
      true,
    );
    expect(gustoConfigSchema.safeParse(base).success).toBe(false);
    const partial = gustoConfigSchema.safeParse({ ...base, accessToken: 't', refreshToken: 'r' });
    expect(partial.error?.issues[0]?.message).toContain('give all three');
    expect(gusto.secretFields).toEqual(['accessToken', 'refreshToken', 'clientSecret']);
  });
});
