import { afterEach, describe, expect, it } from 'vitest';
import { startGustoEmulator, type GustoEmulator, type GustoEmulatorOptions } from './server.ts';
import { employeesPath, get, gustoErrorOf, list } from './test-helpers.ts';

let emu: GustoEmulator;
afterEach(async () => {
  await emu.close();
});

const start = async (extra: GustoEmulatorOptions = {}): Promise<GustoEmulator> => {
  emu = await startGustoEmulator({ company: { size: 60, today: '2026-06-15' }, ...extra });
  return emu;
};

describe('Gusto emulator auth and errors', () => {
  it('accepts only its bearer token, answering 401 invalid_token otherwise', async () => {
    await start({ accessToken: 'tok-123' });
    expect(emu.accessToken).toBe('tok-123');
    expect((await get(emu, employeesPath(emu))).status).toBe(200);
    for (const authorization of ['Bearer other', 'Basic dG9rLTEyMzo=', 'tok-123']) {
      const res = await get(emu, employeesPath(emu), { authorization });
      expect(res.status).toBe(401);
      expect(await gustoErrorOf(res)).toMatchObject({ category: 'invalid_token' });
    }
    const none = await fetch(`${emu.url}${employeesPath(emu)}`);
    expect(none.status).toBe(401);
  });

  it('expires or revokes the token on request', async () => {
    await start({ faults: { revokeAuthAfterCalls: 1 } });
    expect((await get(emu, '/v1/token_info')).status).toBe(200);
    expect((await get(emu, '/v1/token_info')).status).toBe(401);
    emu.setFaults({ revokeAuthAfterCalls: undefined, tokenExpired: true });
    const expired = await get(emu, '/v1/token_info');
    expect((await gustoErrorOf(expired)).message).toContain('expired');
  });

  it('answers token_info with the company and the granted scopes', async () => {
    await start({ faults: { missingScopes: ['companies:read'] } });
    expect(await (await get(emu, '/v1/token_info')).json()).toEqual({
      scope: 'employees:read departments:read',
      resource: { type: 'Company', uuid: emu.companyUuid },
      resource_owner: { type: 'CompanyAdmin', uuid: emu.company.adminUuid },
    });
    const res = await get(emu, `/v1/companies/${emu.companyUuid}/locations`);
    expect(res.status).toBe(403);
    expect(await gustoErrorOf(res)).toMatchObject({ category: 'missing_permissions' });
  });

  it('checks the API version format (406) and records what was sent', async () => {
    await start();
    const bad = await get(emu, employeesPath(emu), { 'x-gusto-api-version': '2023' });
    expect(bad.status).toBe(406);
    expect(await gustoErrorOf(bad)).toEqual({
      error_key: 'request',
      category: 'invalid_api_version',
      message: 'Invalid API Version `2023`. Expected format: YYYY-MM-DD',
    });
    await get(emu, employeesPath(emu), { 'x-gusto-api-version': '2025-06-15' });
    await get(emu, employeesPath(emu));
    expect(emu.stats.apiVersions).toEqual(['2023', '2025-06-15', null]);
  });

  it('404s unknown companies and paths, 422s bad paging, with the envelope', async () => {
    await start();
    const other = await get(emu, '/v1/companies/00000000-0000-4000-8000-000000000000/employees');
    expect(other.status).toBe(404);
    expect(await gustoErrorOf(other)).toMatchObject({ category: 'not_found' });
    expect((await get(emu, '/v1/employees')).status).toBe(404);
    const paging = await get(emu, employeesPath(emu, '?page=0'));
    expect(paging.status).toBe(422);
    expect(await gustoErrorOf(paging)).toMatchObject({ category: 'invalid_attribute_value' });
    expect(emu.stats.byEndpoint).toEqual({ 'not-found': 1, employees: 2 });
  });

  it('answers 500 with internal_error and 502/503 empty during a burst', async () => {
    await start({ faults: { serverErrorBurst: 3 } });
    const first = await get(emu, employeesPath(emu));
    expect(first.status).toBe(500);
    expect(await gustoErrorOf(first)).toMatchObject({ category: 'internal_error' });
    const next = [await get(emu, employeesPath(emu)), await get(emu, employeesPath(emu))];
    expect(next.map((r) => r.status)).toEqual([502, 503]);
    expect(await next[0]?.text()).toBe('');
    expect((await get(emu, employeesPath(emu))).status).toBe(200);
  });
});

describe('Gusto emulator paging and rate limits', () => {
  it('pages with page/per and X-Page/X-Per-Page/X-Total-Count/X-Total-Pages', async () => {
    await start();
    const res = await get(emu, employeesPath(emu, '?page=3&per=25'));
    expect(res.headers.get('x-page')).toBe('3');
    expect(res.headers.get('x-per-page')).toBe('25');
    expect(res.headers.get('x-total-count')).toBe('60');
    expect(res.headers.get('x-total-pages')).toBe('3');
    const page = (await res.json()) as { uuid: string }[];
    expect(page.map((e) => e.uuid)).toEqual(
      emu.company
        .all()
        .slice(50)
        .map((p) => p.id),
    );
    const defaults = await get(emu, employeesPath(emu, '?page=1'));
    expect(defaults.headers.get('x-per-page')).toBe('25');
    expect(await defaults.json()).toHaveLength(25);
  });

  it('caps per at 100 and answers everything without paging params', async () => {
    await start({ company: { size: 150, today: '2026-06-15' } });
    const capped = await get(emu, employeesPath(emu, '?page=1&per=500'));
    expect(capped.headers.get('x-per-page')).toBe('100');
    expect(await capped.json()).toHaveLength(100);
    const all = await get(emu, employeesPath(emu));
    expect(all.headers.get('x-total-pages')).toBeNull();
    expect(await all.json()).toHaveLength(150);
  });

  it('limits requests per rolling minute with 429, Retry-After and X-RateLimit-*', async () => {
    await start({ requestsPerMinute: 2 });
    const ok = await get(emu, '/v1/token_info');
    expect(ok.headers.get('x-ratelimit-limit')).toBe('2');
    expect(ok.headers.get('x-ratelimit-remaining')).toBe('1');
    await get(emu, '/v1/token_info');
    const limited = await get(emu, '/v1/token_info');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Date.parse(limited.headers.get('x-ratelimit-reset') ?? '')).toBeGreaterThan(Date.now());
    expect(await gustoErrorOf(limited)).toMatchObject({ category: 'rate_limit_exceeded' });
  });

  it('throttles the next N requests with the Retry-After asked for', async () => {
    await start({ faults: { throttle: { burst: 1, retryAfterSeconds: 7 } } });
    const throttled = await get(emu, employeesPath(emu));
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect((await get(emu, employeesPath(emu))).status).toBe(200);
  });

  it('cuts only the chosen pages, and answers HTML for the chosen ones', async () => {
    await start({ faults: { truncateAfterBytes: 500, truncatePages: [2], invalidJsonPages: [3] } });
    expect(await list(emu, employeesPath(emu, '?page=1&per=20'))).toHaveLength(20);
    await expect(
      get(emu, employeesPath(emu, '?page=2&per=20')).then((r) => r.text()),
    ).rejects.toThrow();
    const html = await get(emu, employeesPath(emu, '?page=3&per=20'));
    expect(html.headers.get('content-type')).toBe('text/html');
  });
});
