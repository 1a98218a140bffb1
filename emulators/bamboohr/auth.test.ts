import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../shared/server-testing.ts';
import { startBambooHrEmulator, type BambooHrEmulator } from './server.ts';
import { basicAuth, getJson, postCustomReport, postDataset } from './test-helpers.ts';

const startEmulator = closedAfterEach(startBambooHrEmulator);
let emu: BambooHrEmulator;

const start = async (extra: Parameters<typeof startBambooHrEmulator>[0] = {}) => {
  emu = await startEmulator({ company: { size: 40, today: '2026-06-15' }, ...extra });
  return emu;
};

describe('BambooHR emulator auth', () => {
  it('defaults to a 40-hex API key and the acme domain', async () => {
    await start();
    expect(emu.apiKey).toMatch(/^[a-f0-9]{40}$/);
    expect(emu.companyDomain).toBe('acme');
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('accepts the key as Basic username with any password, on both path styles', async () => {
    await start({ apiKey: 'k'.repeat(40) });
    const gateway = await fetch(`${emu.url}/api/gateway.php/acme/v1/meta/lists`, {
      headers: { authorization: basicAuth(emu.apiKey, 'anything'), accept: 'application/json' },
    });
    expect(gateway.status).toBe(200);
    const direct = await fetch(`${emu.url}/api/v1/meta/lists`, {
      headers: {
        authorization: basicAuth(emu.apiKey),
        accept: 'application/json',
        host: 'acme.bamboohr.com',
      },
    });
    expect(direct.status).toBe(200);
    expect(await direct.json()).toEqual(await gateway.json());
  });

  it('answers 401 with an empty body and the reason in X-BambooHR-Error-Message', async () => {
    await start();
    const missing = await fetch(`${emu.gatewayUrl}/v1/meta/lists`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('x-bamboohr-error-message')).toBe('Your API key is missing');
    expect(await missing.text()).toBe('');
    const bearer = await fetch(`${emu.gatewayUrl}/v1/meta/lists`, {
      headers: { authorization: `Bearer ${emu.apiKey}` },
    });
    expect(bearer.status).toBe(401);
    const wrong = await getJson(emu, '/v1/meta/lists', 'f'.repeat(40));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('x-bamboohr-error-message')).toBeTruthy();
  });

  it('disables access with 403 after repeated unknown keys, even for the right key', async () => {
    await start();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await getJson(emu, '/v1/meta/lists', `wrong-${i}`)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 403]);
    expect((await getJson(emu, '/v1/meta/lists')).status).toBe(403);
  });

  it('lifts the lockout after its window', async () => {
    await start({ authLockout: { failures: 2, windowMs: 150 } });
    await getJson(emu, '/v1/meta/lists', 'nope');
    expect((await getJson(emu, '/v1/meta/lists', 'nope')).status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await getJson(emu, '/v1/meta/lists')).status).toBe(200);
  });

  it('uses RFC 7807 problem details for dataset v2 auth errors', async () => {
    await start();
    const res = await postDataset(emu, { fields: ['eeid'] }, { authorization: 'Basic Og==' });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('sends an x-request-id on every answer and 404s unknown paths and companies', async () => {
    await start();
    const ok = await postCustomReport(emu, ['firstName']);
    const other = await postCustomReport(emu, ['firstName'], {
      base: `${emu.url}/api/gateway.php/othercorp`,
    });
    const unknown = await getJson(emu, '/v1/nothing-here');
    const wrongMethod = await getJson(emu, '/v1/reports/custom');
    expect([ok.status, other.status, unknown.status, wrongMethod.status]).toEqual([
      200, 404, 404, 405,
    ]);
    const ids = [ok, other, unknown, wrongMethod].map((r) => r.headers.get('x-request-id'));
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(emu.stats.requests).toBe(4);
    expect(emu.stats.byEndpoint).toEqual({ 'custom-report': 2, 'not-found': 2 });
  });
});
