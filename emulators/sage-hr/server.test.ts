import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../shared/server-testing.ts';
import { SENSITIVE_MARKER } from '../shared/company.ts';
import { PER_PAGE, startSageHrEmulator, type SageHrEmulator } from './server.ts';
import type { SageHrEmulatorOptions } from './server.ts';

const startEmulator = closedAfterEach(startSageHrEmulator);
let emu: SageHrEmulator;

const start = async (extra: SageHrEmulatorOptions = {}): Promise<SageHrEmulator> => {
  emu = await startEmulator({ company: { size: 120, today: '2026-06-15' }, ...extra });
  return emu;
};

const get = (path: string, token: string | null = emu.apiKey, method = 'GET') =>
  fetch(`${emu.url}${path}`, {
    method,
    headers: { accept: 'application/json', ...(token === null ? {} : { 'x-auth-token': token }) },
  });

interface Page {
  data: Record<string, unknown>[];
  meta: Record<string, number | null>;
}

describe('Sage HR emulator', () => {
  it('accepts only the X-Auth-Token it issued, and answers 401 in the error shape', async () => {
    await start({ apiKey: 'key-1' });
    expect((await get('/api/employees')).status).toBe(200);
    for (const res of [await get('/api/employees', null), await get('/api/employees', 'key-2')]) {
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        error_code: 'unauthorized',
        errors: ['Invalid or missing API token'],
      });
    }
    const bearer = await fetch(`${emu.url}/api/employees`, {
      headers: { authorization: 'Bearer key-1' },
    });
    expect(bearer.status).toBe(401);
  });

  it('pages 50 at a time with the documented meta', async () => {
    await start();
    const active = emu.company.all().filter((p) => !emu.company.isTerminated(p)).length;
    const first = (await (await get('/api/employees')).json()) as Page;
    const totalPages = Math.ceil(active / PER_PAGE);
    expect(first.data).toHaveLength(PER_PAGE);
    expect(first.meta).toEqual({
      current_page: 1,
      next_page: 2,
      previous_page: null,
      total_pages: totalPages,
      per_page: 50,
      total_entries: active,
    });
    const last = (await (await get(`/api/employees?page=${totalPages}`)).json()) as Page;
    expect(last.meta).toMatchObject({ current_page: totalPages, next_page: null });
    expect(last.data).toHaveLength(active - PER_PAGE * (totalPages - 1));
    const beyond = (await (await get(`/api/employees?page=${totalPages + 1}`)).json()) as Page;
    expect(beyond.data).toEqual([]);
  });

  it('lists leavers only in terminated-employees, in the reduced shape', async () => {
    await start();
    const page = (await (await get('/api/terminated-employees')).json()) as Page;
    const leavers = emu.company.all().filter((p) => emu.company.isTerminated(p));
    expect(page.data.map((r) => String(r['id']))).toEqual(leavers.map((p) => p.id));
    expect(Object.keys(page.data[0] ?? {}).sort()).toEqual(
      [
        'date_of_birth',
        'email',
        'employee_number',
        'employment_start_date',
        'first_name',
        'id',
        'last_name',
        'picture_url',
        'position',
        'termination_date',
      ].sort(),
    );
    const detail = await get(`/api/employees/${leavers[0]?.id ?? ''}`);
    expect(detail.status).toBe(404);
    expect(await detail.json()).toEqual({ error_code: 'not_found', errors: [] });
  });

  it('answers sensitive fields with marked values, and names ids only when asked', async () => {
    await start({ faults: { namesAsIdsOnly: true } });
    const [record] = ((await (await get('/api/employees')).json()) as Page).data;
    expect(record?.['date_of_birth']).toContain(SENSITIVE_MARKER);
    expect(record?.['country']).toContain(SENSITIVE_MARKER);
    expect(record).toMatchObject({ position: null, team: null });
    expect(typeof record?.['position_id']).toBe('number');
    const positions = (await (await get('/api/positions')).json()) as Page;
    expect(positions.data.map((p) => p['id'])).toContain(record?.['position_id']);
  });

  it('throttles with 429, Retry-After and the error shape', async () => {
    await start();
    emu.setFaults({ throttle: { burst: 1, retryAfterSeconds: 7 } });
    const res = await get('/api/teams');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toMatchObject({ error_code: 'too_many_requests' });
    expect((await get('/api/teams')).status).toBe(200);
  });

  it('answers 404 and 405 in the error shape, and revokes the key after N calls', async () => {
    await start({ faults: { revokeAuthAfterCalls: 2 } });
    const missing = await get('/api/locations');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error_code: 'not_found', errors: [] });
    expect((await get('/api/employees', emu.apiKey, 'POST')).status).toBe(405);
    expect((await get('/api/employees')).status).toBe(401);
    expect(emu.stats.byEndpoint).toEqual({ 'not-found': 1, employees: 2 });
  });
});
