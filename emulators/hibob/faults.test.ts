import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../shared/server-testing.ts';
import { RateWindow } from './rate-limit.ts';
import { startHiBobEmulator, type HiBobEmulator, type HiBobEmulatorOptions } from './server.ts';
import { postSearch, search } from './test-helpers.ts';

const startEmulator = closedAfterEach(startHiBobEmulator);
let emu: HiBobEmulator;

const start = async (extra: HiBobEmulatorOptions = {}): Promise<HiBobEmulator> => {
  emu = await startEmulator({ company: { size: 200, today: '2026-06-15' }, ...extra });
  return emu;
};
const ids = { fields: ['root.id'], showInactive: true };
const statuses = async (n: number): Promise<number[]> => {
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const res = await postSearch(emu, ids);
    await res.arrayBuffer();
    out.push(res.status);
  }
  return out;
};

describe('fault injection', () => {
  it('adds latency', async () => {
    await start({ faults: { latencyMs: 120 } });
    const t0 = performance.now();
    await (await postSearch(emu, ids)).arrayBuffer();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(110);
  });

  it('throttles with 429, X-RateLimit-* headers, Retry-After and a {key, error} body', async () => {
    await start({ faults: { throttle: { burst: 1, retryAfterSeconds: 7 } } });
    const res = await postSearch(emu, ids);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('x-ratelimit-limit')).toBe('50');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(res.headers.get('x-ratelimit-reset')) * 1000;
    expect(reset - Date.now()).toBeGreaterThan(6_000);
    expect(reset - Date.now()).toBeLessThanOrEqual(8_000);
    expect(await res.json()).toMatchObject({ key: 'too.many.requests' });
    expect(await statuses(1)).toEqual([200]);
  });

  it('leaves Retry-After out when asked (HiBob documents only X-RateLimit-*)', async () => {
    await start({ faults: { retryAfterHeader: false, throttle: { every: 2 } } });
    await (await postSearch(emu, ids)).arrayBuffer();
    const res = await postSearch(emu, ids);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(res.headers.get('x-ratelimit-reset')).toMatch(/^\d{10}$/);
  });

  it('enforces the people-search window (here 3 per minute)', async () => {
    await start({ peopleSearchPerMinute: 3 });
    expect(await statuses(4)).toEqual([200, 200, 200, 429]);
    const res = await postSearch(emu, ids);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('fails the next N requests with 500, 502, 503', async () => {
    await start({ faults: { serverErrorBurst: 3 } });
    expect(await statuses(4)).toEqual([500, 502, 503, 200]);
  });

  it('cuts the body mid-JSON and closes the socket', async () => {
    await start({ faults: { truncateAfterBytes: 3000 } });
    const res = await postSearch(emu, ids);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    emu.setFaults({ truncateAfterBytes: undefined });
    expect(await search(emu, ids)).toHaveLength(200);
  });

  it('hides every inactive person from a service user without that access, at run time', async () => {
    await start();
    const { company } = emu;
    const inactive = company.all().filter((e) => company.isInactive(e));
    expect(inactive.some((e) => company.isOnLeave(e))).toBe(true);
    expect(inactive.some((e) => company.isTerminated(e))).toBe(true);
    emu.setFaults({ accessToInactive: false });
    const visible = await search(emu, ids);
    expect(visible).toHaveLength(200 - inactive.length);
    const hidden = new Set(inactive.map((e) => e.id));
    expect(visible.filter((e) => hidden.has(e.id ?? ''))).toEqual([]);
    emu.setFaults({ accessToInactive: undefined });
    expect(await search(emu, ids)).toHaveLength(200);
  });

  it('shows only the lifecycle statuses the access rights allow', async () => {
    await start({ faults: { visibleLifecycleStatuses: ['employed', 'leave'] } });
    const { company } = emu;
    const allowed = company.all().filter((e) => ['employed', 'leave'].includes(e.lifecycleStatus));
    expect(allowed.length).toBeLessThan(200);
    expect((await search(emu, ids)).map((e) => e.id)).toEqual(allowed.map((e) => e.id));
  });
});

describe('RateWindow', () => {
  it('counts within a minute, then starts a new window', () => {
    const w = new RateWindow(2);
    expect([w.take(0), w.take(10), w.take(20)].map((v) => v.allowed)).toEqual([true, true, false]);
    expect(w.take(30).headers).toEqual({
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '60',
    });
    expect(w.take(30).retryAfterSeconds).toBe(60);
    expect(w.take(60_000).allowed).toBe(true);
    expect(new RateWindow(Number.POSITIVE_INFINITY).take(0)).toEqual({
      allowed: true,
      headers: {},
      retryAfterSeconds: 1,
    });
    expect(() => new RateWindow(0)).toThrow();
  });
});
