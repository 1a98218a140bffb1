import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../connector.ts';
import { sharedSample } from '../testing/shared-samples.ts';
import {
  createTestContext,
  employeesById,
  expectConnectorError,
  runTargetFetch,
  runTestFetch,
  targetFetchOptions,
} from '../testing/run.ts';
import { closeAfterEach } from '../testing/close-after-each.ts';
import { BAMBOOHR_REQUESTED_FIELDS } from './api.ts';
import { UNKNOWN_API_KEY, startBambooHrTarget } from './emulator-target.ts';
import { BAMBOOHR_REPORT_TITLE } from './index.ts';

const start = closeAfterEach(startBambooHrTarget);

describe('BambooHR fetch against the emulator', () => {
  it('streams the whole company, every status, in one request', async () => {
    const t = await start({ company: { size: 800, rehireShare: 0.05 } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.recordErrors).toEqual([]);
    const { company } = t.emulator;
    expect(result.employees).toHaveLength(company.size);
    const byId = employeesById(result);
    for (const person of company.all()) {
      const employee = byId.get(person.id);
      const expected = company.isTerminated(person)
        ? 'terminated'
        : company.isFutureHire(person)
          ? 'pending'
          : 'active';
      expect(employee?.employmentStatus, `person ${person.id}`).toBe(expected);
    }
    expect(result.employees.some((e) => e.employmentStatus === 'pending')).toBe(true);
    expect(result.usage.calls).toBe(1);
    expect(t.emulator.stats.byEndpoint).toEqual({ 'custom-report': 1 });
  });

  it('asks for exactly the requested fields, with the report title', async () => {
    const t = await start({ company: { size: 5 } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(t.emulator.stats.lastRequestBodies).toEqual([
      { title: BAMBOOHR_REPORT_TITLE, fields: [...BAMBOOHR_REQUESTED_FIELDS] },
    ]);
  });

  it('follows a rehire and a scheduled termination made between two syncs', async () => {
    const t = await start({ company: { size: 40, terminatedShare: 0.2 } });
    const { company } = t.emulator;
    const leaver = company.all().find((e) => e.status === 'Inactive' && e.terminationDate);
    const stayer = company.all().find((e) => e.status === 'Active' && e.supervisorEId);
    if (!leaver || !stayer) throw new Error('the generated company lacks a leaver or a stayer');
    company.rehire(leaver.id, '2026-06-01');
    company.terminate(stayer.id, '2026-07-31');
    const byId = employeesById(await runTargetFetch(t));
    expect(byId.get(leaver.id)).toMatchObject({
      employmentStatus: 'active',
      terminationDate: null,
    });
    expect(byId.get(stayer.id)).toMatchObject({
      employmentStatus: 'active',
      terminationDate: '2026-07-31',
    });
  });

  it('fails with auth_failed and the vendor reason on an unknown key', async () => {
    const t = await start({ company: { size: 5 } });
    const error = expectConnectorError(await runTargetFetch(t, { apiKey: UNKNOWN_API_KEY }));
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false, status: 401 });
    expect(error.message).toContain('Invalid API key');
  });

  it('fails with forbidden when BambooHR locks the company after unknown keys', async () => {
    const t = await start({ company: { size: 5 }, authLockout: { failures: 1 } });
    const error = expectConnectorError(await runTargetFetch(t, { apiKey: UNKNOWN_API_KEY }));
    expect(error).toMatchObject({ code: 'forbidden', retryable: false, status: 403 });
    expect(error.message).toContain('temporarily disabled');
  });

  it('fails with not_found on a wrong company domain, naming it', async () => {
    const t = await start({ company: { size: 5 } });
    const error = expectConnectorError(await runTargetFetch(t, { companyDomain: 'acme-typo' }));
    expect(error).toMatchObject({ code: 'not_found', retryable: false, status: 404 });
    expect(error.message).toContain('"acme-typo"');
  });

  it.each([429, 503] as const)('waits out %i throttling, then succeeds', async (status) => {
    const t = await start({ company: { size: 30 }, rateLimitStatus: status });
    t.throttleNext(2, 3);
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.employees).toHaveLength(30);
    expect(result.usage).toMatchObject({ calls: 3, throttled: 2 });
    expect(result.sleeps.filter((ms) => ms === 3_000)).toHaveLength(2);
  });

  it.each([
    [429, 'rate_limited'],
    [503, 'unavailable'],
  ] as const)('reports %i throttling that outlasts the retries as %s', async (status, code) => {
    const t = await start({ company: { size: 5 }, rateLimitStatus: status });
    t.throttleNext(50, 1);
    const error = expectConnectorError(
      await runTestFetch({ ...targetFetchOptions(t), maxAttempts: 2 }),
    );
    expect(error).toMatchObject({ code, retryable: true, status });
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

  it('reports a body cut mid-JSON as truncated, after streaming the rows that arrived', async () => {
    const t = await start({ company: { size: 600 }, faults: { truncateAfterBytes: 100_000 } });
    const result = await runTargetFetch(t);
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'truncated', retryable: true });
    // Rows came out before the body ended: the report is parsed as it streams, not buffered.
    expect(result.employees.length).toBeGreaterThan(50);
    expect(result.employees.length).toBeLessThan(600);
  });

  it('stops cleanly when the consumer stops early, and when the run is cancelled', async () => {
    const t = await start({ company: { size: 3000 } });
    const { ctx } = createTestContext(targetFetchOptions(t));
    let seen = 0;
    for await (const item of t.connector.fetch(ctx)) {
      if (item.kind === 'employee' && ++seen === 10) break;
    }
    expect(seen).toBe(10);

    const controller = new AbortController();
    const cancelled = createTestContext({ ...targetFetchOptions(t), signal: controller.signal });
    let caught: unknown;
    try {
      for await (const item of t.connector.fetch(cancelled.ctx)) {
        if (item.kind === 'employee') controller.abort();
      }
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConnectorError);
    expect(caught).toMatchObject({ code: 'cancelled', retryable: false });
  });

  it('sees no terminated people when the API user cannot see past employees (docs warn)', async () => {
    const t = await start({ company: { size: 60 }, faults: { accessToTerminated: false } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.employees.filter((e) => e.employmentStatus === 'terminated')).toEqual([]);
  });
});

const SAMPLE = sharedSample('bamboohr', 'custom-report.employees.json');

describe.skipIf(SAMPLE === null)('BambooHR fetch of the shared sample, served verbatim', () => {
  it('maps all 114 recorded rows', async () => {
    const t = await start(SAMPLE === null ? {} : { fixture: SAMPLE });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.recordErrors).toEqual([]);
    expect(result.employees).toHaveLength(114);
    // The recording carries bestEmail and country columns: neither may come through.
    expect(result.employees.every((e) => e.country === null)).toBe(true);
  });
});
