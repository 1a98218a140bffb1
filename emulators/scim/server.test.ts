import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../shared/server-testing.ts';
import { startScimEmulator, type ScimEmulator, type ScimEmulatorOptions } from './server.ts';
import { ENTERPRISE_USER, HRIS_EXTENSION, SENSITIVE_MARKER } from './users.ts';

const startEmulator = closedAfterEach(startScimEmulator);
let emu: ScimEmulator | undefined;

async function start(options: ScimEmulatorOptions = {}): Promise<ScimEmulator> {
  emu = await startEmulator({ company: { size: 30, today: '2026-06-15' }, ...options });
  return emu;
}

function get(e: ScimEmulator, path: string, auth = `Bearer ${e.token}`): Promise<Response> {
  return fetch(`${e.url}${e.basePath}${path}`, { headers: { authorization: auth } });
}

async function list(e: ScimEmulator, query: string) {
  const res = await get(e, `/Users?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as {
    totalResults: number;
    itemsPerPage: number;
    startIndex: number;
    Resources?: Record<string, unknown>[];
  };
}

async function expectScimError(res: Response, status: number, scimType?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/scim+json');
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: String(status),
    detail: expect.any(String) as unknown,
  });
  expect(body['scimType']).toBe(scimType);
  return body;
}

describe('SCIM emulator', () => {
  it('accepts the bearer token or the Basic credentials, and answers 401 otherwise', async () => {
    const e = await start();
    expect((await get(e, '/Users')).status).toBe(200);
    const basic = `Basic ${Buffer.from(`${e.username}:${e.password}`).toString('base64')}`;
    expect((await get(e, '/Users', basic)).status).toBe(200);
    const refused = await get(e, '/Users', 'Bearer nope');
    expect(refused.headers.get('www-authenticate')).toContain('Bearer');
    await expectScimError(refused, 401);
    e.setFaults({ revokeAuthAfterCalls: 3 });
    await expectScimError(await get(e, '/Users'), 401);
  });

  it('pages with a 1-based startIndex, caps count, and follows RFC 7644 §3.4.2.4 edge rules', async () => {
    const e = await start({ maxResults: 10 });
    const all = e.company.all().map((p) => p.id);
    const first = await list(e, 'startIndex=1&count=25');
    expect(first).toMatchObject({ totalResults: 30, itemsPerPage: 10, startIndex: 1 });
    expect(first.Resources?.map((u) => u['id'])).toEqual(all.slice(0, 10));
    const last = await list(e, 'startIndex=25&count=10');
    expect(last.Resources?.map((u) => u['id'])).toEqual(all.slice(24));
    expect((await list(e, 'startIndex=0&count=1')).startIndex).toBe(1);
    expect((await list(e, 'count=-5')).itemsPerPage).toBe(0);
    expect((await list(e, 'startIndex=31')).Resources).toEqual([]);
    e.company.clear();
    expect(await list(e, '')).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      itemsPerPage: 0,
      startIndex: 1,
    });
    await expectScimError(await get(e, '/Users?startIndex=one'), 400, 'invalidValue');
  });

  it('answers only the requested attributes, and every sensitive extra otherwise', async () => {
    const e = await start();
    const attributes = ['userName', 'emails.type', `${ENTERPRISE_USER}:manager.value`].join(',');
    const narrowed = await list(e, `attributes=${encodeURIComponent(attributes)}`);
    const withManager = narrowed.Resources?.find((u) => u[ENTERPRISE_USER] !== undefined);
    expect(Object.keys(withManager ?? {}).sort()).toEqual(
      ['emails', 'id', 'schemas', 'userName', ENTERPRISE_USER].sort(),
    );
    expect(withManager?.[ENTERPRISE_USER]).toEqual({
      manager: { value: expect.any(String) as unknown },
    });
    expect(JSON.stringify(narrowed)).not.toContain(SENSITIVE_MARKER);
    const full = JSON.stringify(await list(e, ''));
    for (const extra of ['phoneNumbers', 'x509Certificates', 'salary', 'costCenter']) {
      expect(full).toContain(`${SENSITIVE_MARKER}${extra}`);
    }
    expect(full).not.toContain('password');
    expect(e.stats.attributeRequests).toEqual([attributes.split(','), null]);
  });

  it('keeps leavers as active:false, or deletes them when deprovisioning is hard', async () => {
    const e = await start({ company: { size: 60, today: '2026-06-15', terminatedShare: 0.3 } });
    const leaver = e.company.all().find((p) => e.company.isTerminated(p));
    if (!leaver) throw new Error('no leaver');
    const soft = (await (await get(e, `/Users/${leaver.id}`)).json()) as Record<string, unknown>;
    expect(soft['active']).toBe(false);
    expect(soft[HRIS_EXTENSION]).toMatchObject({ startDate: leaver.startDate });
    e.setFaults({ deprovision: 'hard' });
    await expectScimError(await get(e, `/Users/${leaver.id}`), 404);
    expect((await list(e, '')).totalResults).toBeLessThan(60);
  });

  it('signals throttling with 429, a SCIM error body and Retry-After', async () => {
    const e = await start({ faults: { throttle: { burst: 1, retryAfterSeconds: 7 } } });
    const res = await get(e, '/Users');
    expect(res.headers.get('retry-after')).toBe('7');
    await expectScimError(res, 429);
    expect((await get(e, '/Users')).status).toBe(200);
  });

  it('answers SCIM errors for unknown paths, filters it cannot do and writes', async () => {
    const e = await start();
    await expectScimError(await get(e, '/Groups'), 404);
    await expectScimError(await get(e, '/Users?filter=title%20co%20%22x%22'), 400, 'invalidFilter');
    const post = await fetch(`${e.url}${e.basePath}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${e.token}` },
    });
    await expectScimError(post, 501);
  });

  it('filters by userName (case-insensitive) and serves the provider config', async () => {
    const e = await start();
    const person = e.company.all().find((p) => p.email !== null);
    const filter = encodeURIComponent(`userName eq "${person?.email?.toUpperCase()}"`);
    const found = await list(e, `filter=${filter}`);
    expect(found.Resources?.map((u) => u['id'])).toEqual([person?.id]);
    const config = (await (await get(e, '/ServiceProviderConfig')).json()) as Record<
      string,
      unknown
    >;
    expect(config['filter']).toEqual({ supported: true, maxResults: 100 });
  });
});
