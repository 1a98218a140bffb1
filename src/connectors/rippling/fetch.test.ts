import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startTestServer, type Step, type TestServer } from '../http/testing.ts';
import { sharedSample } from '../testing/shared-samples.ts';
import {
  employeesById,
  expectConnectorError,
  runTargetFetch,
  runTestFetch,
  targetFetchOptions,
} from '../testing/run.ts';
import { closeAfterEach } from '../testing/close-after-each.ts';
import { EMULATOR_TODAY, UNKNOWN_API_KEY, startRipplingTarget } from './emulator-target.ts';
import { rippling } from './index.ts';

const start = closeAfterEach(startRipplingTarget);
const serve = closeAfterEach(startTestServer);

describe('Rippling fetch against the emulator', () => {
  it('reads lookups, then every employee page by page to the short last page', async () => {
    const t = await start({ company: { size: 450, rehireShare: 0.05 } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.recordErrors).toEqual([]);
    const { company, stats } = t.emulator;
    expect(result.employees).toHaveLength(450);
    expect(stats.pages).toEqual([
      { endpoint: 'departments', limit: 100, offset: 0 },
      { endpoint: 'work-locations', limit: 100, offset: 0 },
      ...[0, 100, 200, 300, 400].map((offset) => ({
        endpoint: 'employees-include-terminated',
        limit: 100,
        offset,
      })),
    ]);
    const byId = employeesById(result);
    for (const person of company.all()) {
      const expected = company.isTerminated(person)
        ? 'terminated'
        : company.isFutureHire(person)
          ? 'pending'
          : 'active';
      expect(byId.get(person.id)?.employmentStatus, person.id).toBe(expected);
    }
    const someone = company.all().find((p) => p.location === 'Berlin' && p.department !== null);
    const mapped = byId.get(someone?.id ?? '');
    expect(mapped).toMatchObject({
      location: 'Berlin',
      country: 'DE',
      department: someone?.department,
    });
    expect(mapped?.locationId).toMatch(/^[0-9a-f]{24}$/);
    expect(mapped?.departmentId).toMatch(/^[0-9a-f]{24}$/);
  });

  it('joins by name and address when the key lacks the id scopes, and maps hidden fields to null', async () => {
    const t = await start({
      company: { size: 120 },
      faults: { hiddenFields: ['departmentId', 'workLocationId', 'workEmail', 'endDate'] },
    });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    const withDepartment = result.employees.filter((e) => e.department !== null);
    expect(withDepartment.length).toBeGreaterThan(100);
    expect(withDepartment.every((e) => e.departmentId !== null)).toBe(true);
    expect(result.employees.filter((e) => e.location !== null).length).toBeGreaterThan(80);
    expect(result.employees.every((e) => e.workEmail === null && e.terminationDate === null)).toBe(
      true,
    );
    // Without end dates, TERMINATED still says who left.
    const { company } = t.emulator;
    const terminated = result.employees.filter((e) => e.employmentStatus === 'terminated');
    expect(terminated.map((e) => e.externalId).sort()).toEqual(
      company
        .all()
        .filter((p) => company.isTerminated(p))
        .map((p) => p.id)
        .sort(),
    );
  });

  it('follows terminations and rehires made between two syncs', async () => {
    const t = await start({ company: { size: 60, terminatedShare: 0.2 } });
    const { company } = t.emulator;
    const leaver = company.all().find((p) => company.isTerminated(p) && p.terminationDate);
    const [stayer, later] = company.all().filter((p) => p.lifecycle === 'active' && p.index > 0);
    if (!leaver || !stayer || !later) throw new Error('the company lacks people');
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
      workEmail: null,
    });
    expect(byId.get(later.id)).toMatchObject({
      employmentStatus: 'active',
      terminationDate: '2026-07-31',
    });
  });

  it('waits out 429s with their Retry-After, then completes', async () => {
    const t = await start({ company: { size: 30 } });
    t.throttleNext(2, 3);
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.employees).toHaveLength(30);
    expect(result.usage).toMatchObject({ throttled: 2 });
    expect(result.sleeps.filter((ms) => ms === 3_000)).toHaveLength(2);
  });

  it('retries a 5xx burst, and reports a lasting one as unavailable', async () => {
    const t = await start({ company: { size: 5 } });
    t.emulator.setFaults({ serverErrorBurst: 2 });
    expect((await runTargetFetch(t)).employees).toHaveLength(5);
    t.emulator.setFaults({ serverErrorBurst: 50 });
    const error = expectConnectorError(
      await runTestFetch({ ...targetFetchOptions(t), maxAttempts: 2 }),
    );
    expect(error).toMatchObject({ code: 'unavailable', retryable: true });
  });

  it('stops at the first 401 with a clear message and no secret anywhere', async () => {
    const t = await start({ company: { size: 5 } });
    const result = await runTargetFetch(t, { apiKey: UNKNOWN_API_KEY });
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false, status: 401 });
    expect(error.message).toContain('Invalid token.');
    expect(error.message).not.toContain(UNKNOWN_API_KEY);
    expect(result.logs).not.toContain(UNKNOWN_API_KEY);
    expect(t.emulator.stats.requests).toBe(1);
  });

  it('stops when the key is revoked mid-run, and on a 403 for missing scopes', async () => {
    const t = await start({ company: { size: 350 }, faults: { revokeAuthAfterCalls: 3 } });
    const revoked = await runTargetFetch(t);
    expect(expectConnectorError(revoked)).toMatchObject({ code: 'auth_failed', retryable: false });
    expect(revoked.employees).toHaveLength(100);
    expect(revoked.logs).not.toContain(t.emulator.apiKey);
    t.emulator.setFaults({ revokeAuthAfterCalls: undefined, forbidden: true });
    const forbidden = expectConnectorError(await runTargetFetch(t));
    expect(forbidden).toMatchObject({ code: 'forbidden', retryable: false, status: 403 });
    expect(forbidden.message).toContain('scopes');
  });

  it('reports pages cut mid-body as truncated after three in a row', async () => {
    const t = await start({ company: { size: 350 }, faults: { truncateAfterBytes: 20_000 } });
    const result = await runTargetFetch(t);
    expect(expectConnectorError(result)).toMatchObject({ code: 'truncated', retryable: true });
    expect(result.items.filter((i) => i.kind === 'page_error')).toHaveLength(2);
    expect(result.employees).toEqual([]);
  });
});

/** A scripted Rippling: empty lookups, then the given employee pages. */
async function scripted(pages: readonly Step[]): Promise<TestServer> {
  const empty: Step = { status: 200, body: '[]' };
  return serve([empty, empty, ...pages]);
}

function scriptedRun(origin: string) {
  return runTestFetch({
    connector: rippling,
    config: { apiKey: 'scripted-key', baseUrl: origin },
    baseUrl: origin,
    today: EMULATOR_TODAY,
  });
}

const people = (from: number, count: number) =>
  JSON.stringify(
    Array.from({ length: count }, (_, i) => ({
      id: `64b0${String(from + i).padStart(20, '0')}`,
      roleState: 'ACTIVE',
    })),
  );

describe('Rippling fetch against scripted answers', () => {
  it('reports an unreadable page as a page error and goes on to the next one', async () => {
    const cut = (_req: unknown, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // Headers and a first chunk arrive, then the connection drops.
      res.write('[{"id":"64b0', () => res.socket?.destroy());
    };
    const s = await scripted([
      { status: 200, body: people(0, 100) },
      { status: 200, body: '<html>oops</html>' },
      { status: 200, body: people(200, 100) },
      { status: 200, body: '{"results":[]}' },
      cut,
      { status: 200, body: people(500, 7) },
    ]);
    const result = await scriptedRun(s.origin);
    expect(result.error).toBeUndefined();
    expect(result.employees).toHaveLength(207);
    expect(result.items.filter((i) => i.kind === 'page_error')).toEqual([
      expect.objectContaining({ page: 'offset 100', code: 'invalid_payload' }),
      expect.objectContaining({ page: 'offset 300', code: 'invalid_payload' }),
      expect.objectContaining({ page: 'offset 400', code: 'truncated' }),
    ]);
    expect(s.requests.map((r) => r.url).at(-1)).toBe(
      '/platform/api/employees/include_terminated?limit=100&offset=500',
    );
    expect(s.requests[0]?.headers.authorization).toBe('Bearer scripted-key');
  });

  it('fails instead of looping when the server ignores offset', async () => {
    const s = await scripted([{ status: 200, body: people(0, 100) }]);
    const error = expectConnectorError(await scriptedRun(s.origin));
    expect(error).toMatchObject({ code: 'invalid_payload' });
    expect(error.message).toContain('offset');
    expect(s.requests).toHaveLength(4);
  });

  it('reads departments and work locations over several pages', async () => {
    const departments = (from: number, n: number) =>
      JSON.stringify(Array.from({ length: n }, (_, i) => ({ id: `d${from + i}`, name: `D${i}` })));
    const server = await serve([
      { status: 200, body: departments(0, 100) },
      { status: 200, body: departments(100, 1) },
      { status: 200, body: '[]' },
      { status: 200, body: '[]' },
    ]);
    const result = await scriptedRun(server.origin);
    expect(result.error).toBeUndefined();
    expect(server.requests.map((r) => r.url)).toEqual([
      '/platform/api/departments?limit=100&offset=0',
      '/platform/api/departments?limit=100&offset=100',
      '/platform/api/work_locations?limit=100&offset=0',
      '/platform/api/employees/include_terminated?limit=100&offset=0',
    ]);
  });
});

const SAMPLE = sharedSample('rippling', 'v1_employees_include_terminated.sample.json');

describe.skipIf(SAMPLE === null)('Rippling fetch of the shared sample, served verbatim', () => {
  it('maps all six documented employees', async () => {
    const t = await start(SAMPLE === null ? {} : { fixture: SAMPLE });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.recordErrors).toEqual([]);
    expect(result.employees).toHaveLength(6);
    expect(JSON.stringify(result.items)).not.toMatch(/212454225|annualSalary|1990-09-22/);
  });
});
