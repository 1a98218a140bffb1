import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../shared/server-testing.ts';
import { SENSITIVE_MARKER } from '../shared/company.ts';
import { decodeCursor, encodeCursor } from './paging.ts';
import { startFactorialEmulator, type FactorialEmulator } from './server.ts';

const TODAY = '2026-06-15';
const EMPLOYEES = '/api/2026-07-01/resources/employees/employees';

const startEmulator = closedAfterEach(startFactorialEmulator);
let emu: FactorialEmulator | undefined;

async function start(options: Parameters<typeof startFactorialEmulator>[0] = {}) {
  emu = await startEmulator({ ...options, company: { today: TODAY, ...options.company } });
  return emu;
}

function get(e: FactorialEmulator, path: string, headers: Record<string, string> = {}) {
  return fetch(`${e.url}${path}`, { headers: { 'x-api-key': e.apiKey, ...headers } });
}

interface Page {
  data: Record<string, unknown>[];
  meta: { has_next_page: boolean; end_cursor: string | null; total: number; limit: number };
}

describe('Factorial emulator', () => {
  it('accepts the API key or the bearer token, and answers 401 {error} otherwise', async () => {
    const e = await start({ company: { size: 3 } });
    expect((await get(e, EMPLOYEES)).status).toBe(200);
    const bearer = await fetch(`${e.url}${EMPLOYEES}`, {
      headers: { authorization: `Bearer ${e.accessToken}` },
    });
    expect(bearer.status).toBe(200);
    for (const headers of [{ 'x-api-key': 'wrong' }, { authorization: `Bearer ${e.apiKey}` }]) {
      const res = await fetch(`${e.url}${EMPLOYEES}`, { headers });
      expect(res.status).toBe(401);
      const body = (await res.json()) as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(['error']);
      expect(typeof body['error']).toBe('string');
    }
  });

  it('pages by id with base64 cursors to the end, each person once', async () => {
    const e = await start({ company: { size: 250 } });
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor === null ? '' : `?after_id=${encodeURIComponent(cursor)}`;
      const page = (await (await get(e, `${EMPLOYEES}${query}`)).json()) as Page;
      ids.push(...page.data.map((p) => String(p['id'])));
      expect(page.meta).toMatchObject({ total: 250, limit: 100 });
      cursor = page.meta.has_next_page ? page.meta.end_cursor : null;
      pages++;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(ids).toEqual(e.company.all().map((p) => p.id));
    expect(decodeCursor(encodeCursor('27'))).toBe(27);
    expect(encodeCursor('27')).toBe('Mjc=');
  });

  it('caps limit at 100, filters only_active, and rejects bad parameters with 400', async () => {
    const e = await start({ company: { size: 150 } });
    const big = (await (await get(e, `${EMPLOYEES}?limit=500`)).json()) as Page;
    expect(big.data).toHaveLength(100);
    const active = (await (await get(e, `${EMPLOYEES}?only_active=true`)).json()) as Page;
    expect(active.meta.total).toBe(
      e.company.all().filter((p) => p.lifecycle !== 'terminated').length,
    );
    expect(active.meta.total).toBeLessThan(150);
    for (const bad of ['?limit=abc', '?after_id=%%%', '?only_active=yes']) {
      expect((await get(e, `${EMPLOYEES}${bad}`)).status).toBe(400);
    }
    expect((await get(e, '/api/2026-07-01/resources/employees/nope')).status).toBe(404);
  });

  it('answers sensitive keys with marked values, and terminated people as inactive', async () => {
    const e = await start({ company: { size: 60, terminatedShare: 0.3 } });
    const page = (await (await get(e, EMPLOYEES)).json()) as Page;
    const person = page.data[0] ?? {};
    expect(String(person['social_security_number'])).toContain(SENSITIVE_MARKER);
    expect(String(person['email'])).toContain(SENSITIVE_MARKER);
    const left = page.data.filter((p) => p['active'] === false);
    expect(left.length).toBeGreaterThan(0);
    const contracts = (await (
      await get(e, '/api/2026-07-01/resources/contracts/contract_versions')
    ).json()) as Page;
    expect(String(contracts.data[0]?.['salary_amount'])).toContain(SENSITIVE_MARKER);
  });

  it('throttles with 429 and Retry-After, by knob and by the per-minute window', async () => {
    const e = await start({ company: { size: 3 }, requestsPerMinute: 2 });
    e.setFaults({ throttle: { burst: 1, retryAfterSeconds: 7 } });
    const throttled = await get(e, EMPLOYEES);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(await throttled.json()).toEqual({ error: 'Too many requests' });
    expect((await get(e, EMPLOYEES)).status).toBe(200);
    expect((await get(e, EMPLOYEES)).status).toBe(200);
    const windowed = await get(e, EMPLOYEES);
    expect(windowed.status).toBe(429);
    expect(Number(windowed.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('serves 5xx bursts, revoked credentials and forbidden lists', async () => {
    const e = await start({ company: { size: 3 }, faults: { serverErrorBurst: 1 } });
    expect((await get(e, EMPLOYEES)).status).toBe(500);
    e.setFaults({ forbidden: ['employees/employees'] });
    expect((await get(e, EMPLOYEES)).status).toBe(403);
    e.setFaults({ revokeAuthAfterCalls: 0 });
    expect((await get(e, EMPLOYEES)).status).toBe(401);
  });
});
