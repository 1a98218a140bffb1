import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../shared/server-testing.ts';
import { ServiceUserAuth, basicCredentials } from './auth.ts';
import { startHiBobEmulator, type HiBobEmulator, type HiBobEmulatorOptions } from './server.ts';
import { basicAuth, errorBody, getJson, postSearch } from './test-helpers.ts';

const startEmulator = closedAfterEach(startHiBobEmulator);
let emu: HiBobEmulator;

const start = async (extra: HiBobEmulatorOptions = {}): Promise<HiBobEmulator> => {
  emu = await startEmulator({ company: { size: 30, today: '2026-06-15' }, ...extra });
  return emu;
};
const lists = (auth?: string) => getJson(emu, '/v1/company/named-lists', auth);

describe('HiBob emulator auth', () => {
  it('issues a SERVICE- id and a random token by default', async () => {
    await start();
    expect(emu.serviceUserId).toMatch(/^SERVICE-\d{5}$/);
    expect(emu.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('accepts Basic with the service user ID as username and the token as password', async () => {
    await start({ serviceUserId: 'SERVICE-42', token: 'secret-token' });
    expect((await lists(basicAuth('SERVICE-42', 'secret-token'))).status).toBe(200);
    expect((await lists(basicAuth('secret-token', 'SERVICE-42'))).status).toBe(401);
    expect((await lists(basicAuth('SERVICE-42', 'other'))).status).toBe(401);
    expect((await lists('Bearer secret-token')).status).toBe(401);
  });

  it('answers 401 with a {key, error} body', async () => {
    await start();
    const res = await fetch(`${emu.url}/v1/company/named-lists`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect((await errorBody(res)).key).toBe('unauthorized');
  });

  it('answers 403 for a service user without a permission group', async () => {
    await start({ faults: { permissionGroup: false } });
    const res = await postSearch(emu, { fields: ['root.id'] });
    expect(res.status).toBe(403);
    expect((await errorBody(res)).key).toBe('forbidden');
    emu.setFaults({ permissionGroup: undefined });
    expect((await postSearch(emu, { fields: ['root.id'] })).status).toBe(200);
  });

  it('blocks the IP after repeated 401/403, even for good credentials, then lifts it', async () => {
    await start({ waf: { failures: 3, windowMs: 10_000, blockMs: 150 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await lists(basicAuth('x', `bad-${i}`))).status);
    expect(statuses).toEqual([401, 401, 401, 403]);
    const blocked = await lists();
    expect(blocked.status).toBe(403);
    expect((await errorBody(blocked)).key).toBe('ip.blocked');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await lists()).status).toBe(200);
  });

  it('revokes the token after N calls', async () => {
    await start({ faults: { revokeAuthAfterCalls: 2 } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await lists()).status);
    expect(statuses).toEqual([200, 200, 401]);
  });

  it('sends an x-request-id on every answer and 404s unknown paths', async () => {
    await start();
    const ok = await lists();
    const unknown = await getJson(emu, '/v1/people');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ key: 'not.found' });
    const ids = [ok, unknown].map((r) => r.headers.get('x-request-id'));
    expect(new Set(ids).size).toBe(2);
    expect(emu.stats.byEndpoint).toEqual({ 'named-lists': 1, 'not-found': 1 });
  });
});

describe('basicCredentials / ServiceUserAuth', () => {
  it('splits at the first colon; no colon or not Basic is no credentials', () => {
    const header = basicAuth('SERVICE-1', 'to:ken');
    expect(basicCredentials(header)).toEqual({ username: 'SERVICE-1', password: 'to:ken' });
    expect(basicCredentials(`Basic ${btoa('nocolon')}`)).toBeNull();
    expect(basicCredentials('Bearer x')).toBeNull();
    expect(basicCredentials(undefined)).toBeNull();
  });

  it('counts failures per IP within the window', () => {
    const auth = new ServiceUserAuth('id', 'token', { failures: 2, windowMs: 100, blockMs: 1000 });
    auth.recordFailure('a', 0);
    auth.recordFailure('a', 200);
    expect(auth.isBlocked('a', 201)).toBe(false);
    auth.recordFailure('b', 0);
    auth.recordFailure('a', 250);
    expect([auth.isBlocked('a', 251), auth.isBlocked('b', 251)]).toEqual([true, false]);
    expect(auth.isBlocked('a', 1251)).toBe(false);
  });
});
