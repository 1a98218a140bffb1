import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../shared/server-testing.ts';
import { startPersonioEmulator } from './server.ts';
import { errorBody, getEmployees, token } from './test-helpers.ts';

const startEmulator = closedAfterEach(startPersonioEmulator);

const start = (options: Parameters<typeof startPersonioEmulator>[0] = {}) =>
  startEmulator({ company: { size: 120, today: '2026-06-15' }, ...options });

describe('Personio emulator faults and limits', () => {
  it('throttles with 429, Retry-After and a v1 error body', async () => {
    const e = await start();
    const bearer = await token(e);
    e.setFaults({ throttle: { burst: 1, retryAfterSeconds: 7 } });
    const res = await getEmployees(e, '', bearer);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await errorBody(res)).toMatchObject({ code: 429 });
    expect((await getEmployees(e, '', bearer)).status).toBe(200);
  });

  it('answers 300 employee-list requests a minute, then 429', async () => {
    const e = await start({ employeesPerMinute: 2 });
    const bearer = await token(e);
    expect((await getEmployees(e, '', bearer)).status).toBe(200);
    expect((await getEmployees(e, '', bearer)).status).toBe(200);
    const limited = await getEmployees(e, '', bearer);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('fails 5xx bursts in turn, then recovers', async () => {
    const e = await start();
    const bearer = await token(e);
    e.setFaults({ serverErrorBurst: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await getEmployees(e, '', bearer)).status);
    expect(statuses).toEqual([500, 502, 503, 200]);
  });

  it('cuts bodies off and serves a non-JSON page where asked', async () => {
    const e = await start({ faults: { truncateAfterBytes: 300 } });
    const bearer = await token(e);
    const cut = await getEmployees(e, '?limit=100', bearer);
    await expect(cut.text()).rejects.toThrow();
    e.setFaults({ truncateAfterBytes: undefined, invalidBodyAtOffset: 100 });
    const html = await getEmployees(e, '?limit=100&offset=100', bearer);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html');
    expect((await getEmployees(e, '?limit=100&offset=0', bearer)).status).toBe(200);
  });

  it('answers unknown paths with a v1 404', async () => {
    const e = await start();
    const res = await fetch(`${e.url}/v1/company/people`);
    expect(res.status).toBe(404);
    expect(await errorBody(res)).toMatchObject({ code: 404 });
    expect(e.stats.byEndpoint).toEqual({ 'not-found': 1 });
  });

  it('refuses a fixture that is not a v1 employee list', async () => {
    await expect(startEmulator({ fixture: new URL(import.meta.url).pathname })).rejects.toThrow(
      /not JSON/,
    );
  });
});
