import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../shared/server-testing.ts';
import { sharedSample } from '../../src/connectors/testing/shared-samples.ts';
import { SENSITIVE_FIELD_IDS, SENSITIVE_MARKER } from './render.ts';
import {
  startRipplingEmulator,
  type RipplingEmulator,
  type RipplingEmulatorOptions,
} from './server.ts';

const startEmulator = closedAfterEach(startRipplingEmulator);
let emu: RipplingEmulator;

const start = async (extra: RipplingEmulatorOptions = {}): Promise<RipplingEmulator> => {
  emu = await startEmulator({
    apiKey: 'key-1',
    company: { size: 250, today: '2026-06-15' },
    ...extra,
  });
  return emu;
};

const get = (path: string, auth: string | null = 'Bearer key-1', method = 'GET') =>
  fetch(`${emu.url}/platform/api${path}`, {
    method,
    headers: auth === null ? {} : { authorization: auth },
  });

const list = async (path: string): Promise<Record<string, unknown>[]> => {
  const res = await get(path);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>[];
};

describe('Rippling emulator auth and errors', () => {
  it('generates a key by default and answers only Bearer <key>', async () => {
    emu = await startEmulator({ company: { size: 3 } });
    expect(emu.apiKey).toMatch(/^[A-Za-z0-9_-]{40}$/);
    await emu.close();
    await start();
    expect((await get('/departments')).status).toBe(200);
    for (const auth of ['Bearer key-2', 'key-1', 'Basic a2V5LTE6', 'bearer key-1']) {
      const res = await get('/departments', auth);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ detail: 'Invalid token.' });
    }
    expect(await (await get('/departments', null)).json()).toEqual({
      detail: 'Authentication credentials were not provided.',
    });
  });

  it('revokes the key after N calls, and answers 403 for a key without scopes', async () => {
    await start({ faults: { revokeAuthAfterCalls: 1 } });
    expect((await get('/departments')).status).toBe(200);
    expect((await get('/departments')).status).toBe(401);
    emu.setFaults({ revokeAuthAfterCalls: undefined, forbidden: true });
    const res = await get('/departments');
    expect(res.status).toBe(403);
    const body = (await res.json()) as { detail: string };
    expect(body.detail).toContain('permission');
  });

  it('throttles with 429 + Retry-After, and fails with bodiless 5xx', async () => {
    await start({ faults: { throttle: { burst: 1, retryAfterSeconds: 7 } } });
    const throttled = await get('/departments');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(await throttled.json()).toEqual({ detail: 'Request was throttled.' });
    emu.setFaults({ serverErrorBurst: 2 });
    expect([(await get('/departments')).status, (await get('/departments')).status]).toEqual([
      500, 502,
    ]);
    expect((await get('/departments')).status).toBe(200);
  });

  it('answers 404, 405 and 400 with {detail}', async () => {
    await start();
    expect((await get('/people')).status).toBe(404);
    expect((await get('/employees/unknown')).status).toBe(404);
    expect((await get('/departments', 'Bearer key-1', 'POST')).status).toBe(405);
    for (const query of ['limit=-1', 'limit=abc', 'offset=1.5', 'limit=0']) {
      const res = await get(`/employees?${query}`);
      expect(res.status, query).toBe(400);
      expect(await res.json()).toHaveProperty('detail');
    }
    expect(emu.stats.byEndpoint['not-found']).toBe(1);
  });
});

describe('Rippling emulator lists', () => {
  it('pages with limit/offset, caps limit at 100, and answers everything without limit', async () => {
    await start();
    const ids = async (query: string) =>
      (await list(`/employees/include_terminated?${query}`)).map((e) => e['id']);
    const all = await ids('');
    expect(all).toHaveLength(250);
    expect(await ids('limit=100&offset=200')).toEqual(all.slice(200));
    expect(await ids('limit=10&offset=5')).toEqual(all.slice(5, 15));
    expect(await ids('limit=500')).toHaveLength(100);
    expect(await ids('limit=100&offset=900')).toEqual([]);
    emu.setFaults({ unpagedTimeoutAbove: 100 });
    expect((await get('/employees/include_terminated')).status).toBe(504);
  });

  it('lists only ACTIVE people on /employees, everyone on include_terminated', async () => {
    await start();
    const active = await list('/employees?limit=100&offset=0');
    expect(active.every((e) => e['roleState'] === 'ACTIVE')).toBe(true);
    const everyone = await list('/employees/include_terminated');
    const states = new Set(everyone.map((e) => e['roleState']));
    expect(states).toEqual(new Set(['ACTIVE', 'TERMINATED', 'ACCEPTED']));
    const leaver = everyone.find((e) => e['roleState'] === 'TERMINATED');
    expect(leaver?.['workEmail']).toBeNull();
  });

  it('joins employees to /departments and /work_locations by id', async () => {
    await start();
    const departments = new Map((await list('/departments')).map((d) => [d['id'], d['name']]));
    const locations = new Map((await list('/work_locations')).map((l) => [l['id'], l['nickname']]));
    for (const e of await list('/employees/include_terminated')) {
      if (e['departmentId'] !== null)
        expect(departments.get(e['departmentId'])).toBe(e['department']);
      if (e['workLocationId'] !== null) expect(locations.has(e['workLocationId'])).toBe(true);
    }
  });

  it('sends every sensitive field with a marked value, and hides unscoped fields', async () => {
    await start({ company: { size: 3 }, faults: { hiddenFields: ['workEmail', 'manager'] } });
    const [first] = await list('/employees/include_terminated');
    for (const field of SENSITIVE_FIELD_IDS) {
      expect(JSON.stringify(first?.[field]), field).toContain(SENSITIVE_MARKER);
    }
    expect(first).not.toHaveProperty('workEmail');
    expect(first).not.toHaveProperty('manager');
  });
});

const SAMPLE = sharedSample('rippling', 'v1_departments.sample.json');

describe.skipIf(SAMPLE === null)('Rippling emulator fixture', () => {
  it('serves the shared departments sample verbatim on the first page, [] after it', async () => {
    await start(SAMPLE === null ? {} : { fixture: SAMPLE });
    const res = await get('/departments?limit=100&offset=0');
    const { readFile } = await import('node:fs/promises');
    expect(await res.text()).toBe(await readFile(SAMPLE ?? '', 'utf8'));
    expect(await list('/departments?limit=100&offset=100')).toEqual([]);
    expect((await list('/work_locations')).length).toBeGreaterThan(0);
  });
});
