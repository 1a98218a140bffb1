import { describe, expect, it } from 'vitest';
import { startTestServer } from '../http/testing.ts';
import { sharedSample } from '../testing/shared-samples.ts';
import {
  employeesById,
  expectConnectorError,
  runTargetFetch,
  runTestFetch,
  targetFetchOptions,
} from '../testing/run.ts';
import { closeAfterEach } from '../testing/close-after-each.ts';
import { EMULATOR_TODAY, UNKNOWN_TOKEN, startDeelTarget } from './emulator-target.ts';
import { deel } from './index.ts';

const start = closeAfterEach(startDeelTarget);
const serve = closeAfterEach(startTestServer);

describe('Deel fetch against the emulator', () => {
  it('pages through everyone with offset/limit and stops at total_rows', async () => {
    const t = await start({ company: { size: 400, rehireShare: 0.05 } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.recordErrors).toEqual([]);
    expect(t.emulator.stats.pages).toEqual(
      [0, 100, 200, 300].map((offset) => ({ offset, limit: 100 })),
    );
    const { company } = t.emulator;
    const byId = employeesById(result);
    for (const person of company.all()) {
      const expected = company.isTerminated(person)
        ? 'terminated'
        : company.isFutureHire(person)
          ? 'pending'
          : 'active';
      expect(byId.get(person.id)?.employmentStatus, person.id).toBe(expected);
      const manager = company.manager(person);
      if (manager) {
        expect(byId.get(person.id)).toMatchObject({
          managerExternalId: manager.id,
          managerName: `${manager.firstName} ${manager.lastName}`,
        });
      }
    }
  });

  it('stops at a short page when Deel leaves out the page envelope', async () => {
    const t = await start({ company: { size: 250 }, faults: { omitPage: true } });
    const result = await runTargetFetch(t);
    expect(result.employees).toHaveLength(250);
    expect(t.emulator.stats.pages.map((p) => p.offset)).toEqual([0, 100, 200]);
  });

  it('follows terminations (contract-only dates for contractors) and rehires', async () => {
    const t = await start({ company: { size: 80, terminatedShare: 0.2 } });
    const { company } = t.emulator;
    const leaver = company.all().find((p) => company.isTerminated(p) && p.terminationDate);
    const [stayer, later] = company.all().filter((p) => p.lifecycle === 'active' && p.index > 0);
    if (!leaver || !stayer || !later) throw new Error('the company lacks people');
    company.update(stayer.id, { employmentKind: 'contractor' });
    company.rehire(leaver.id, '2026-06-01');
    company.terminate(stayer.id, '2026-06-10');
    company.terminate(later.id, '2026-07-31');
    const byId = employeesById(await runTargetFetch(t));
    expect(byId.get(leaver.id)).toMatchObject({
      employmentStatus: 'active',
      terminationDate: null,
    });
    expect(byId.get(stayer.id)).toMatchObject({
      employmentStatus: 'terminated',
      terminationDate: '2026-06-10',
      employeeType: 'contractor',
    });
    expect(byId.get(later.id)).toMatchObject({
      employmentStatus: 'active',
      terminationDate: '2026-07-31',
    });
  });

  it('waits out 429s with Retry-After, retries 5xx, reports a lasting 5xx', async () => {
    const t = await start({ company: { size: 30 } });
    t.throttleNext(2, 3);
    const throttled = await runTargetFetch(t);
    expect(throttled.employees).toHaveLength(30);
    expect(throttled.sleeps.filter((ms) => ms === 3_000)).toHaveLength(2);
    t.emulator.setFaults({ serverErrorBurst: 2 });
    expect((await runTargetFetch(t)).employees).toHaveLength(30);
    t.emulator.setFaults({ serverErrorBurst: 50 });
    const error = expectConnectorError(
      await runTestFetch({ ...targetFetchOptions(t), maxAttempts: 2 }),
    );
    expect(error).toMatchObject({ code: 'unavailable', retryable: true });
  });

  it("reports Deel's own 5-per-second window, without headers, as rate_limited", async () => {
    const t = await start({ company: { size: 900 }, requestsPerSecond: 2 });
    const error = expectConnectorError(
      await runTestFetch({ ...targetFetchOptions(t), maxAttempts: 2 }),
    );
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, status: 429 });
    expect(error.message).toContain('Too many requests');
    expect(error.message).toContain('5 requests per second');
  });

  it('stops at the first 401 and on 403, clearly and without the token', async () => {
    const t = await start({ company: { size: 5 } });
    const result = await runTargetFetch(t, { apiToken: UNKNOWN_TOKEN });
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false, status: 401 });
    expect(error.message).toContain('invalid or expired token');
    expect(`${error.message}${result.logs}`).not.toContain(UNKNOWN_TOKEN);
    expect(t.emulator.stats.requests).toBe(1);
    t.emulator.setFaults({ forbidden: true });
    const forbidden = expectConnectorError(await runTargetFetch(t));
    expect(forbidden).toMatchObject({ code: 'forbidden', retryable: false });
    expect(forbidden.message).toContain('people:read');
  });

  it('stops when the token is revoked mid-run', async () => {
    const t = await start({ company: { size: 350 }, faults: { revokeAuthAfterCalls: 2 } });
    const result = await runTargetFetch(t);
    expect(expectConnectorError(result)).toMatchObject({ code: 'auth_failed' });
    expect(result.employees).toHaveLength(200);
    expect(result.logs).not.toContain(t.emulator.apiToken);
  });

  it('reports cut pages as page errors, and three in a row as truncated', async () => {
    const t = await start({ company: { size: 350 }, faults: { truncateAfterBytes: 10_000 } });
    const result = await runTargetFetch(t);
    expect(expectConnectorError(result)).toMatchObject({ code: 'truncated', retryable: true });
    expect(result.items.filter((i) => i.kind === 'page_error')).toHaveLength(2);
  });
});

describe('Deel fetch against scripted answers', () => {
  it('goes on after a page that is not {data: [...]}, and stops at total_rows', async () => {
    const people = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `p-${from + i}`, hiring_status: 'active' }));
    const page = (from: number, n: number) => ({
      status: 200,
      body: JSON.stringify({ data: people(from, n), page: { total_rows: 250 } }),
    });
    const server = await serve([
      page(0, 100),
      { status: 200, body: '{"oops":true}' },
      page(200, 100),
    ]);
    const result = await runTestFetch({
      connector: deel,
      config: { apiToken: 'scripted', baseUrl: server.origin },
      baseUrl: server.origin,
      today: EMULATOR_TODAY,
    });
    expect(result.error).toBeUndefined();
    expect(result.employees).toHaveLength(200);
    expect(result.items.filter((i) => i.kind === 'page_error')).toEqual([
      expect.objectContaining({ page: 'offset 100', code: 'invalid_payload' }),
    ]);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/rest/v2/people?offset=0&limit=100',
      '/rest/v2/people?offset=100&limit=100',
      '/rest/v2/people?offset=200&limit=100',
    ]);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer scripted');
  });
});

const SAMPLE = sharedSample('deel', 'people_list.doc-example.json');

describe.skipIf(SAMPLE === null)('Deel fetch of the shared sample, served verbatim', () => {
  it('maps both documented (inactive) contractors', async () => {
    const t = await start(SAMPLE === null ? {} : { fixture: SAMPLE });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.employees.map((e) => e.employmentStatus)).toEqual(['terminated', 'terminated']);
  });
});
