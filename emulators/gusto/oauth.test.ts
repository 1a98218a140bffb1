import { afterEach, describe, expect, it } from 'vitest';
import { startGustoEmulator, type GustoEmulator, type GustoEmulatorOptions } from './server.ts';
import { get, gustoErrorOf } from './test-helpers.ts';

let emu: GustoEmulator;
afterEach(async () => {
  await emu.close();
});

const start = async (extra: GustoEmulatorOptions = {}): Promise<GustoEmulator> => {
  emu = await startGustoEmulator({ company: { size: 5, today: '2026-06-15' }, ...extra });
  return emu;
};

function refresh(
  refreshToken: string,
  overrides: Record<string, string> = {},
  query = '',
): Promise<Response> {
  return fetch(`${emu.url}/oauth/token${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      client_id: emu.clientId,
      client_secret: emu.clientSecret,
      refresh_token: refreshToken,
      grant_type: 'refresh_token',
      ...overrides,
    }),
  });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('Gusto emulator OAuth token endpoint', () => {
  it('refreshes: a new access and refresh token, the old refresh token dead once the new access token is used', async () => {
    await start({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    const res = await refresh('refresh-1');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 7200 });
    expect(Object.keys(body).sort()).toEqual(
      ['access_token', 'created_at', 'expires_in', 'refresh_token', 'scope', 'token_type'].sort(),
    );
    const access = body['access_token'] as string;
    expect(access).not.toBe('access-1');
    expect(body['refresh_token']).not.toBe('refresh-1');
    expect(emu.oauth.current()).toEqual({
      accessToken: access,
      refreshToken: body['refresh_token'],
    });

    // Gusto: the previous refresh token is revoked on the first use of the new access token.
    expect((await get(emu, '/v1/token_info', bearer(access))).status).toBe(200);
    const reused = await refresh('refresh-1');
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant' });
    expect(emu.oauth.refreshes).toEqual({ issued: 1, refused: { invalid_grant: 1 } });
    expect(emu.stats.byEndpoint['oauth-token']).toBe(2);
  });

  it('keeps the old refresh token until the new access token is used (a lost answer can be asked again)', async () => {
    await start({ refreshToken: 'refresh-1' });
    expect((await refresh('refresh-1')).status).toBe(200);
    expect((await refresh('refresh-1')).status).toBe(200);
  });

  it('expires access tokens: 401 invalid_token "expired", a refreshed one works', async () => {
    await start();
    expect((await get(emu, '/v1/token_info')).status).toBe(200);
    emu.oauth.expireAccessTokens();
    const expired = await get(emu, '/v1/token_info');
    expect(expired.status).toBe(401);
    expect(await gustoErrorOf(expired)).toMatchObject({
      category: 'invalid_token',
      message: 'The access token expired.',
    });
    const body = (await (await refresh(emu.refreshToken)).json()) as { access_token: string };
    expect((await get(emu, '/v1/token_info', bearer(body.access_token))).status).toBe(200);
  });

  it('expires tokens after their lifetime', async () => {
    await start({ tokenLifetimeSeconds: 0 });
    expect((await get(emu, '/v1/token_info')).status).toBe(401);
  });

  it('answers the documented OAuth errors', async () => {
    await start();
    const wrongSecret = await refresh(emu.refreshToken, { client_secret: 'nope' });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toMatchObject({ error: 'invalid_client' });
    const unknown = await refresh('never-issued');
    expect(unknown.status).toBe(400);
    const body = (await unknown.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['error', 'error_description']);
    expect(body['error']).toBe('invalid_grant');
    const grant = await refresh(emu.refreshToken, { grant_type: 'password' });
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const inUrl = await refresh(emu.refreshToken, {}, `?client_secret=${emu.clientSecret}`);
    expect(inUrl.status).toBe(400);
    const form = await fetch(`${emu.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: emu.clientId,
        client_secret: emu.clientSecret,
        refresh_token: emu.refreshToken,
        grant_type: 'refresh_token',
      }).toString(),
    });
    expect(form.status).toBe(200);
    expect((await fetch(`${emu.url}/oauth/token`)).status).toBe(405);
  });
});
