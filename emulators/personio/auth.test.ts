import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../shared/server-testing.ts';
import { startPersonioEmulator } from './server.ts';
import { errorBody, getEmployees, postAuth, token } from './test-helpers.ts';

const startEmulator = closedAfterEach(startPersonioEmulator);

const start = (options: Parameters<typeof startPersonioEmulator>[0] = {}) =>
  startEmulator({ company: { size: 5, today: '2026-06-15' }, ...options });

describe('Personio emulator auth', () => {
  it('issues a papi- token for the client id and secret, as JSON or form', async () => {
    const e = await start({ clientId: 'papi-client', clientSecret: 's3cret' });
    const res = await postAuth(e);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { success: boolean; data: { token: string } };
    expect(body.success).toBe(true);
    expect(body.data.token).toMatch(/^papi-/);
    expect(res.headers.get('authorization')).toBe(`Bearer ${body.data.token}`);
    const form = await fetch(`${e.url}/v1/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'client_id=papi-client&client_secret=s3cret',
    });
    expect(form.status).toBe(200);
  });

  it('refuses wrong credentials with a v1 error body', async () => {
    const e = await start();
    const res = await postAuth(e, { client_id: e.clientId, client_secret: 'wrong' });
    expect(res.status).toBe(401);
    expect(await errorBody(res)).toMatchObject({ code: 401 });
    expect((await fetch(`${e.url}/v1/auth`)).status).toBe(405);
  });

  it('echoes a stable token, which stops working when tokens expire', async () => {
    const e = await start();
    const bearer = await token(e);
    const first = await getEmployees(e, '', bearer);
    expect(first.status).toBe(200);
    expect(first.headers.get('authorization')).toBe(`Bearer ${bearer}`);
    expect((await getEmployees(e, '', bearer)).status).toBe(200);
    e.expireTokens();
    const expired = await getEmployees(e, '', bearer);
    expect(expired.status).toBe(401);
    expect(await errorBody(expired)).toMatchObject({ code: 401 });
    expect((await getEmployees(e, '', null)).status).toBe(401);
    expect((await getEmployees(e, '', 'papi-made-up')).status).toBe(401);
  });

  it('hands over one-time tokens in the Authorization header when rotating', async () => {
    const e = await start({ faults: { rotateTokens: true } });
    const bearer = await token(e);
    const res = await getEmployees(e, '', bearer);
    const next = /^Bearer (\S+)$/.exec(res.headers.get('authorization') ?? '')?.[1];
    expect(next).toMatch(/^papi-/);
    expect(next).not.toBe(bearer);
    expect((await getEmployees(e, '', bearer)).status).toBe(401);
    expect((await getEmployees(e, '', next ?? '')).status).toBe(200);
  });

  it('limits token requests per minute with a 60 s cool-down', async () => {
    const e = await start({ authPerMinute: 2 });
    expect((await postAuth(e)).status).toBe(200);
    expect((await postAuth(e)).status).toBe(200);
    const limited = await postAuth(e);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(await errorBody(limited)).toMatchObject({ code: 429 });
  });

  it('refuses everything once the credential is revoked', async () => {
    const e = await start({ faults: { revokeAuthAfterCalls: 2 } });
    const bearer = await token(e);
    expect((await getEmployees(e, '', bearer)).status).toBe(200);
    expect((await getEmployees(e, '', bearer)).status).toBe(401);
    expect((await postAuth(e)).status).toBe(401);
  });
});
