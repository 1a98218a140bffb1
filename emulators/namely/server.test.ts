import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../shared/server-testing.ts';
import { SENSITIVE_MARKER } from '../shared/company.ts';
import { startNamelyEmulator, type NamelyEmulator, type NamelyEmulatorOptions } from './server.ts';

const startEmulator = closedAfterEach(startNamelyEmulator);
let emu: NamelyEmulator;

const start = async (extra: NamelyEmulatorOptions = {}): Promise<NamelyEmulator> => {
  emu = await startEmulator({ company: { size: 75, today: '2026-06-15' }, ...extra });
  return emu;
};

const get = (path: string, auth: string | null = `Bearer ${emu.token}`) =>
  fetch(`${emu.url}${path}`, { headers: auth === null ? {} : { authorization: auth } });

interface Page {
  profiles: Record<string, unknown>[];
  meta: Record<string, unknown>;
  linked: { groups: { id: string; type: string }[] };
}

describe('Namely emulator', () => {
  it('accepts only its bearer token, and answers 401 with the recorded body', async () => {
    await start({ token: 'pat-1' });
    expect((await get('/api/v1/profiles', 'Bearer pat-1')).status).toBe(200);
    for (const auth of [null, 'Bearer pat-2', 'pat-1']) {
      const res = await get('/api/v1/profiles', auth);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: '' });
    }
  });

  it('pages with page/per_page (default 30, at most 50), then answers empty', async () => {
    await start();
    const page = async (query: string) =>
      (await (await get(`/api/v1/profiles${query}`)).json()) as Page;
    expect((await page('')).profiles).toHaveLength(30);
    const big = await page('?page=1&per_page=100');
    expect(big.profiles).toHaveLength(50);
    expect(big.meta).toEqual({ count: 50, total_count: 75, status: 200 });
    expect((await page('?page=2&per_page=50')).profiles).toHaveLength(25);
    expect((await page('?page=3&per_page=50')).profiles).toEqual([]);
    expect((await page('.json?per_page=5')).profiles).toHaveLength(5);
  });

  it('links departments and offices as typed groups; sensitive fields carry the marker', async () => {
    await start();
    const body = (await (await get('/api/v1/profiles?per_page=5')).json()) as Page;
    const [profile] = body.profiles;
    const linked = new Set(body.linked.groups.map((g) => g.id));
    for (const link of (profile?.['links'] as { groups: { id: string }[] }).groups) {
      expect(linked.has(link.id)).toBe(true);
    }
    expect(new Set(body.linked.groups.map((g) => g.type))).toEqual(
      new Set(['department', 'office']),
    );
    expect(profile?.['ssn']).toContain(SENSITIVE_MARKER);
    expect(JSON.stringify(profile?.['salary'])).toContain(SENSITIVE_MARKER);
  });

  it('answers 406 beyond 100 requests a minute, without Retry-After', async () => {
    await start({ profilesPerMinute: 2 });
    expect((await get('/api/v1/profiles')).status).toBe(200);
    expect((await get('/api/v1/profiles')).status).toBe(200);
    const res = await get('/api/v1/profiles');
    expect(res.status).toBe(406);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(await res.json()).toEqual({ message: 'Rate limit exceeded', errors: [] });
  });

  it('answers 404 in the recorded shape, and 403 when the token creator is inactive', async () => {
    await start();
    const missing = await get('/api/v1/profiles/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: 'Profile not found', errors: [] });
    const [first] = emu.company.all();
    const one = (await (await get(`/api/v1/profiles/${first?.id ?? ''}`)).json()) as Page;
    expect(one.profiles.map((p) => p['id'])).toEqual([first?.id]);
    emu.setFaults({ creatorInactive: true });
    expect((await get('/api/v1/profiles')).status).toBe(403);
  });
});
