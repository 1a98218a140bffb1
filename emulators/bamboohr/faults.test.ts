import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../shared/server-testing.ts';
import {
  startBambooHrEmulator,
  type BambooHrEmulator,
  type BambooHrEmulatorOptions,
} from './server.ts';
import { getJson, postCustomReport, postDataset } from './test-helpers.ts';

const startEmulator = closedAfterEach(startBambooHrEmulator);
let emu: BambooHrEmulator;

const start = async (extra: BambooHrEmulatorOptions = {}): Promise<BambooHrEmulator> => {
  emu = await startEmulator({ company: { size: 200, today: '2026-06-15' }, ...extra });
  return emu;
};
const lists = async (): Promise<Response> => getJson(emu, '/v1/meta/lists');
const statuses = async (n: number): Promise<number[]> => {
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const res = await lists();
    await res.arrayBuffer();
    out.push(res.status);
  }
  return out;
};

describe('fault injection', () => {
  it('adds latency', async () => {
    // A delay far above any loaded machine's answer time, so the bound without it is not flaky.
    await start({ faults: { latencyMs: 1_000 } });
    const t0 = performance.now();
    await lists();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(990);
    emu.setFaults({ latencyMs: undefined });
    const t1 = performance.now();
    await lists();
    expect(performance.now() - t1).toBeLessThan(900);
  });

  it('throttles every Nth request with 429 + Retry-After seconds and an empty body', async () => {
    await start({ faults: { throttle: { every: 3, retryAfterSeconds: 7 } } });
    expect(await statuses(6)).toEqual([200, 200, 429, 200, 200, 429]);
    const res = await lists();
    expect(res.status).toBe(200);
    emu.setFaults({ throttle: { every: 1, retryAfterSeconds: 7 } });
    const throttled = await lists();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(await throttled.text()).toBe('');
  });

  it('throttles a burst, with an HTTP-date Retry-After and the legacy 503', async () => {
    await start({ rateLimitStatus: 503 });
    emu.setFaults({ throttle: { burst: 2, retryAfterSeconds: 30, retryAfterHttpDate: true } });
    const first = await lists();
    expect(first.status).toBe(503);
    const date = Date.parse(first.headers.get('retry-after') ?? '');
    expect(date - Date.now()).toBeGreaterThan(25_000);
    expect(date - Date.now()).toBeLessThan(35_000);
    expect(await statuses(3)).toEqual([503, 200, 200]);
  });

  it('fails the next N requests with 500, 502, 503 and empty bodies', async () => {
    await start({ faults: { serverErrorBurst: 4 } });
    const got: [number, string][] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await postCustomReport(emu, ['firstName']);
      got.push([res.status, res.status === 200 ? 'ok' : await res.text()]);
    }
    expect(got).toEqual([
      [500, ''],
      [502, ''],
      [503, ''],
      [500, ''],
      [200, 'ok'],
    ]);
  });

  it('cuts employee bodies mid-JSON and closes the socket', async () => {
    await start({ faults: { truncateAfterBytes: 5000 } });
    const res = await postCustomReport(emu, ['firstName', 'lastName', 'workEmail']);
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let received = 0;
    const outcome = await (async () => {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) return 'ended';
        received += chunk.value.byteLength;
      }
    })().catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(Error);
    expect(received).toBe(5000);
    const dataset = await postDataset(emu, { fields: ['eeid', 'email'], pageSize: 200 });
    await expect(dataset.json()).rejects.toThrow();
    emu.setFaults({ truncateAfterBytes: undefined });
    const whole = await postCustomReport(emu, ['firstName']);
    expect(((await whole.json()) as { employees: unknown[] }).employees).toHaveLength(200);
  });

  it('revokes the key after N calls (401 from then on)', async () => {
    await start({ faults: { revokeAuthAfterCalls: 2 } });
    expect(await statuses(3)).toEqual([200, 200, 401]);
    const res = await lists();
    expect(res.status).toBe(401);
    expect(res.headers.get('x-bamboohr-error-message')).toBe('Invalid API key');
  });

  it('hides terminated people when the API user has no access to them', async () => {
    await start({ faults: { accessToTerminated: false } });
    const report = (await (await postCustomReport(emu, ['employmentHistoryStatus'])).json()) as {
      employees: { employmentHistoryStatus: string | null }[];
    };
    const terminated = emu.company.all().filter((e) => emu.company.isTerminated(e)).length;
    expect(terminated).toBeGreaterThan(0);
    expect(report.employees).toHaveLength(emu.company.size - terminated);
    expect(report.employees.some((e) => e.employmentHistoryStatus === 'Terminated')).toBe(false);
    const page = await postDataset(emu, { fields: ['eeid'], pageSize: 1000 });
    expect(((await page.json()) as { meta: { totalItems: number } }).meta.totalItems).toBe(
      emu.company.size - terminated,
    );
    emu.setFaults({ accessToTerminated: true });
    const again = await postDataset(emu, { fields: ['eeid'], pageSize: 1000 });
    expect(((await again.json()) as { meta: { totalItems: number } }).meta.totalItems).toBe(
      emu.company.size,
    );
  });
});
