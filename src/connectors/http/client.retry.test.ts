import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from './client.ts';
import type { HttpClientOptions } from './client.ts';
import { captureLog, fakeTime, startTestServer } from './testing.ts';
import type { Step, TestServer } from './testing.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup(steps: readonly Step[], extra: Partial<HttpClientOptions> = {}) {
  const server = await startTestServer(steps);
  servers.push(server);
  const time = fakeTime(extra.now?.() ?? 0);
  const logs = captureLog();
  const http = createHttpClient({
    baseUrl: server.origin,
    rateLimit: { requestsPerSecond: 1000, burst: 1000 },
    log: logs.log,
    sleep: time.sleep,
    now: time.now,
    random: () => 0.5,
    ...extra,
  });
  return { server, http, sleeps: time.sleeps, logs };
}

const ok: Step = { status: 200, body: '{"ok":true}' };
const get = { method: 'GET', path: '/v1/people' } as const;

describe('HttpClient retries', () => {
  it('waits the Retry-After seconds, then succeeds', async () => {
    const { http, sleeps } = await setup([{ status: 429, headers: { 'retry-after': '3' } }, ok]);
    const response = await http.request(get);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(sleeps).toEqual([3000]);
    expect(http.usage()).toEqual({ calls: 2, retries: 1, throttled: 1, waitedMs: 3000 });
  });

  it('waits until a Retry-After HTTP-date', async () => {
    const now = Date.parse('2025-03-01T12:00:00Z');
    const retryAfter = { 'retry-after': 'Sat, 01 Mar 2025 12:00:07 GMT' };
    const { http, sleeps } = await setup([{ status: 503, headers: retryAfter }, ok], {
      now: () => now,
    });
    expect((await http.request(get)).status).toBe(200);
    expect(sleeps).toEqual([7000]);
  });

  it('falls back to X-RateLimit-Reset on a throttled answer without Retry-After', async () => {
    const now = Date.parse('2025-03-01T12:00:00Z');
    const reset = { 'x-ratelimit-reset': String(now / 1000 + 4) };
    const { http, sleeps } = await setup(
      [{ status: 429, headers: reset }, { status: 500, headers: reset }, ok],
      { now: () => now },
    );
    expect((await http.request(get)).status).toBe(200);
    // The reset time counts for 429 and 503 only; the 500 gets backoff (random 0.5 → 500 ms).
    expect(sleeps).toEqual([4000, 500]);
  });

  it('caps Retry-After at maxRetryAfterMs (default 60 s)', async () => {
    const long: Step = { status: 429, headers: { 'retry-after': '3600' } };
    const byDefault = await setup([long, ok]);
    await byDefault.http.request(get);
    expect(byDefault.sleeps).toEqual([60_000]);
    const custom = await setup([long, ok], { maxRetryAfterMs: 5000 });
    await custom.http.request(get);
    expect(custom.sleeps).toEqual([5000]);
  });

  it('rides out a 429/503 storm, mixing Retry-After and backoff', async () => {
    const { http, sleeps, server } = await setup([
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 503 },
      { status: 429 },
      { status: 503, headers: { 'retry-after': '2' } },
      ok,
    ]);
    expect((await http.request(get)).status).toBe(200);
    // Backoff with random 0.5 is base·2^n / 2: retry 2 → 500 ms, retry 3 → 1000 ms.
    expect(sleeps).toEqual([1000, 500, 1000, 2000]);
    expect(http.usage()).toEqual({ calls: 5, retries: 4, throttled: 4, waitedMs: 4500 });
    const ids = server.requests.map((r) => r.headers['x-request-id']);
    expect(new Set(ids).size).toBe(5);
  });

  it('retries a 5xx/408 burst with full-jitter backoff; 5xx are not throttling', async () => {
    const steps: Step[] = [{ status: 500 }, { status: 502 }, { status: 504 }, { status: 408 }, ok];
    const { http, sleeps } = await setup(steps, { backoff: { baseMs: 100, maxMs: 300 } });
    expect((await http.request({ ...get, method: 'POST', body: { q: 1 } })).status).toBe(200);
    expect(sleeps).toEqual([50, 100, 150, 150]);
    expect(http.usage()).toEqual({ calls: 5, retries: 4, throttled: 0, waitedMs: 450 });
  });

  it('returns the last response, body and headers intact, when attempts run out', async () => {
    const busy = (n: number): Step => ({
      status: 503,
      headers: { 'x-attempt': String(n) },
      body: `{"error":"busy-${n}"}`,
    });
    const { http } = await setup([busy(1), busy(2), busy(3)], { maxAttempts: 3 });
    const response = await http.request(get);
    expect(response.status).toBe(503);
    expect(response.headers.get('x-attempt')).toBe('3');
    expect(await response.json()).toEqual({ error: 'busy-3' });
    expect(http.usage()).toMatchObject({ calls: 3, retries: 2, throttled: 3 });
  });

  it('stops retrying for the whole run once the retry budget is spent', async () => {
    const { http, logs } = await setup([{ status: 503, body: '{"e":1}' }], {
      maxAttempts: 10,
      retryBudget: 3,
    });
    const first = await http.request(get);
    expect(first.status).toBe(503);
    expect(await first.text()).toBe('{"e":1}');
    expect(http.usage()).toMatchObject({ calls: 4, retries: 3 });
    expect((await http.request(get)).status).toBe(503);
    expect(http.usage()).toMatchObject({ calls: 5, retries: 3, throttled: 5 });
    expect(logs.lines.filter((l) => /budget/.test(l.msg ?? ''))).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 501])('returns %i at once, never retried', async (status) => {
    const { http, sleeps } = await setup([{ status, body: '{"error":"no"}' }, ok]);
    const response = await http.request(get);
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: 'no' });
    expect(sleeps).toEqual([]);
    expect(http.usage()).toEqual({ calls: 1, retries: 0, throttled: 0, waitedMs: 0 });
  });

  it('does not retry when the request says retry: false', async () => {
    const { http, server } = await setup([{ status: 503 }, ok]);
    expect((await http.request({ ...get, retry: false })).status).toBe(503);
    expect(server.requests).toHaveLength(1);
    expect(http.usage()).toEqual({ calls: 1, retries: 0, throttled: 1, waitedMs: 0 });
  });

  it('retries a dropped connection, then succeeds', async () => {
    const { http } = await setup(['reset', ok]);
    expect((await http.request(get)).status).toBe(200);
    expect(http.usage()).toMatchObject({ calls: 2, retries: 1, waitedMs: 250 });
  });

  it('throws ConnectorError(network) when dropped connections outlast the attempts', async () => {
    const { http } = await setup(['reset'], { maxAttempts: 2 });
    const error = await http
      .request({ ...get, query: { key: 'QUERY-s3cr3t' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'network', retryable: true });
    expect((error as Error).message).toMatch(/^GET \/v1\/people: network error \(\w+\)$/);
    expect(http.usage()).toMatchObject({ calls: 2, retries: 1 });
  });

  it("treats a request's throttleStatuses like 429: Retry-After honoured, counted", async () => {
    const { http, sleeps } = await setup([
      { status: 406, headers: { 'retry-after': '4' } },
      { status: 406 },
      ok,
    ]);
    const response = await http.request({ ...get, throttleStatuses: [406] });
    expect(response.status).toBe(200);
    // The second 406 has no Retry-After: backoff (random 0.5 → half of 1 s).
    expect(sleeps).toEqual([4000, 500]);
    expect(http.usage()).toEqual({ calls: 3, retries: 2, throttled: 2, waitedMs: 4500 });
  });

  it('leaves a status alone when the request does not name it', async () => {
    const { http, sleeps } = await setup([{ status: 406, headers: { 'retry-after': '4' } }, ok]);
    expect((await http.request(get)).status).toBe(406);
    expect(sleeps).toEqual([]);
    expect(http.usage()).toMatchObject({ calls: 1, retries: 0, throttled: 0 });
  });

  it("retries only a request's own retryStatuses when it names them", async () => {
    const fault: Step = { status: 500, body: '<Fault>invalid username or password</Fault>' };
    const { http, server, sleeps } = await setup([fault, ok]);
    const response = await http.request({ ...get, retryStatuses: [429, 503] });
    expect(response.status).toBe(500);
    // The body is the vendor's to read: nothing was consumed or sent again.
    expect(await response.text()).toBe('<Fault>invalid username or password</Fault>');
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(http.usage()).toEqual({ calls: 1, retries: 0, throttled: 0, waitedMs: 0 });
  });

  it('still honours Retry-After for the statuses a retryStatuses list keeps', async () => {
    const { http, sleeps } = await setup([
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 503, headers: { 'retry-after': '1' } },
      { status: 502 },
      ok,
    ]);
    const response = await http.request({ ...get, retryStatuses: [429, 502, 503] });
    expect(response.status).toBe(200);
    // 502 has no Retry-After: backoff (random 0.5, third retry → 1000 ms).
    expect(sleeps).toEqual([2000, 1000, 1000]);
    expect(http.usage()).toEqual({ calls: 4, retries: 3, throttled: 2, waitedMs: 4000 });
  });

  it('can retry a status outside the default set, and still counts an unretried 503', async () => {
    const conflict = await setup([{ status: 409 }, ok]);
    expect((await conflict.http.request({ ...get, retryStatuses: [409] })).status).toBe(200);
    expect(conflict.http.usage()).toMatchObject({ calls: 2, retries: 1, throttled: 0 });

    const busy = await setup([{ status: 503 }, ok]);
    expect((await busy.http.request({ ...get, retryStatuses: [] })).status).toBe(503);
    expect(busy.http.usage()).toEqual({ calls: 1, retries: 0, throttled: 1, waitedMs: 0 });
  });

  it('keeps retrying throttleStatuses and dropped connections under retryStatuses', async () => {
    const { http } = await setup([{ status: 406 }, 'reset', ok]);
    const response = await http.request({ ...get, retryStatuses: [], throttleStatuses: [406] });
    expect(response.status).toBe(200);
    expect(http.usage()).toMatchObject({ calls: 3, retries: 2, throttled: 1 });
  });

  it('returns the last throttled answer when attempts run out', async () => {
    const { http } = await setup([{ status: 406 }], { maxAttempts: 2 });
    expect((await http.request({ ...get, throttleStatuses: [406] })).status).toBe(406);
    expect(http.usage()).toMatchObject({ calls: 2, retries: 1, throttled: 2 });
  });
});

describe('HttpClient rate limiting', () => {
  it('spaces sequential requests at the declared rate after the burst', async () => {
    const { http, sleeps } = await setup([ok], { rateLimit: { requestsPerSecond: 2, burst: 2 } });
    for (let i = 0; i < 5; i++) await (await http.request(get)).discard();
    expect(sleeps).toEqual([500, 500, 500]);
    expect(http.usage()).toEqual({ calls: 5, retries: 0, throttled: 0, waitedMs: 1500 });
  });

  it('gives concurrent requests successive slots from one shared bucket', async () => {
    const waits: number[] = [];
    const { http } = await setup([ok], {
      rateLimit: { requestsPerSecond: 10, burst: 1 },
      now: () => 0,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    const responses = await Promise.all([1, 2, 3, 4].map(() => http.request(get)));
    await Promise.all(responses.map((r) => r.discard()));
    expect(waits.sort((a, b) => a - b)).toEqual([100, 200, 300]);
    expect(http.usage().waitedMs).toBe(600);
  });

  it('counts limiter and Retry-After waits together in waitedMs', async () => {
    const { http, sleeps } = await setup([{ status: 429, headers: { 'retry-after': '1' } }, ok], {
      rateLimit: { requestsPerSecond: 1, burst: 1 },
    });
    await http.request(get);
    // The retry waited 1 s, which also refilled the bucket: no limiter wait after it.
    await http.request(get);
    expect(sleeps).toEqual([1000, 1000]);
    expect(http.usage()).toEqual({ calls: 3, retries: 1, throttled: 1, waitedMs: 2000 });
  });
});
