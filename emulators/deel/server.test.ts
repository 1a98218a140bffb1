import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../shared/server-testing.ts';
import { SENSITIVE_MARKER } from './render.ts';
import { startDeelEmulator, type DeelEmulator, type DeelEmulatorOptions } from './server.ts';

const startEmulator = closedAfterEach(startDeelEmulator);
let emu: DeelEmulator;

const start = async (extra: DeelEmulatorOptions = {}): Promise<DeelEmulator> => {
  emu = await startEmulator({
    apiToken: 'tok-1',
    requestsPerSecond: Number.POSITIVE_INFINITY,
    company: { size: 230, today: '2026-06-15' },
    ...extra,
  });
  return emu;
};

const get = (path: string, auth: string | null = 'Bearer tok-1') =>
  fetch(`${emu.url}/rest/v2${path}`, { headers: auth === null ? {} : { authorization: auth } });

interface ErrorBody {
  request: { status: number; url: string; source: string };
  errors: { message: string; path: string }[];
}
interface PeoplePage {
  data: Record<string, unknown>[];
  page?: { offset: number; total_rows: number; items_per_page: number };
}

describe('Deel emulator', () => {
  it('answers only Bearer <token>, with the documented error body', async () => {
    await start();
    expect((await get('/people')).status).toBe(200);
    for (const auth of [null, 'Bearer tok-2', 'tok-1']) {
      const res = await get('/people', auth);
      expect(res.status).toBe(401);
      const body = (await res.json()) as ErrorBody;
      expect(body.request).toMatchObject({ status: 401, url: '/rest/v2/people' });
      expect(body.errors[0]?.message).toContain('token');
    }
  });

  it('pages with offset/limit, reports total_rows, and validates limit like AJV', async () => {
    await start();
    const page = async (query: string) =>
      (await (await get(`/people?${query}`)).json()) as PeoplePage;
    const first = await page('offset=0&limit=100');
    expect(first.data).toHaveLength(100);
    expect(first.page).toEqual({ offset: 0, total_rows: 230, items_per_page: 100 });
    expect((await page('offset=200&limit=100')).data).toHaveLength(30);
    expect((await page('')).data).toHaveLength(50);
    const tooBig = await get('/people?limit=101');
    expect(tooBig.status).toBe(400);
    expect(((await tooBig.json()) as ErrorBody).request.source).toBe('AJV');
    expect((await get('/people?offset=-1')).status).toBe(400);
    emu.setFaults({ omitPage: true });
    expect(await page('limit=10')).not.toHaveProperty('page');
  });

  it('enforces 5 requests per rolling second with a bare 429 (no rate-limit headers)', async () => {
    await emu?.close();
    emu = await startEmulator({ apiToken: 'tok-1', company: { size: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await get('/departments')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const res = await get('/departments');
    expect(res.headers.get('retry-after')).toBeNull();
    expect([...res.headers.keys()].filter((h) => h.includes('ratelimit'))).toEqual([]);
  });

  it('throttles with Retry-After on demand, fails with 5xx, revokes and forbids', async () => {
    await start({ faults: { throttle: { burst: 1, retryAfterSeconds: 4 } } });
    const throttled = await get('/people');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('4');
    emu.setFaults({ serverErrorBurst: 1 });
    expect((await get('/people')).status).toBe(500);
    emu.setFaults({ forbidden: true });
    expect((await get('/people')).status).toBe(403);
    emu.setFaults({ forbidden: undefined, revokeAuthAfterCalls: 0 });
    expect((await get('/people')).status).toBe(401);
  });

  it('renders people with inline manager and department, every status, sensitive fields marked', async () => {
    await start();
    const { data } = (await (await get('/people?limit=100&offset=0')).json()) as PeoplePage;
    const statuses = new Set<unknown>();
    for (let offset = 0; offset < 230; offset += 100) {
      const page = (await (await get(`/people?limit=100&offset=${offset}`)).json()) as PeoplePage;
      for (const p of page.data) statuses.add(p['hiring_status']);
    }
    expect(statuses).toEqual(new Set(['active', 'inactive', 'onboarding']));
    const withManager = data.find((p) => p['direct_manager'] !== null);
    expect(withManager?.['direct_manager']).toMatchObject({ id: expect.any(String) as string });
    const text = JSON.stringify(data[0]);
    for (const field of ['birth_date', 'nationalities', 'addresses', 'employments.payment']) {
      expect(text).toContain(`${SENSITIVE_MARKER}${field}`);
    }
    const departments = (await (await get('/departments')).json()) as PeoplePage;
    expect(departments.data[1]).toMatchObject({ id: 2, parent: '1' });
    expect((await get('/people/nobody')).status).toBe(404);
    expect((await get('/nowhere')).status).toBe(404);
  });
});
