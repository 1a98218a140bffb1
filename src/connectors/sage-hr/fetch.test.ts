import { describe, expect, it } from 'vitest';
import { PER_PAGE } from '../../../emulators/sage-hr/server.ts';
import {
  employeesById,
  expectConnectorError,
  runTargetFetch,
  runTestFetch,
  targetFetchOptions,
} from '../testing/run.ts';
import { closeAfterEach } from '../testing/close-after-each.ts';
import { UNKNOWN_API_KEY, startSageHrTarget } from './emulator-target.ts';

const start = closeAfterEach(startSageHrTarget);

describe('Sage HR fetch against the emulator', () => {
  it('pages every list to its end and yields each person once, with the right status', async () => {
    const t = await start({ company: { size: 260, terminatedShare: 0.2 } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.recordErrors).toEqual([]);
    const { company } = t.emulator;
    expect(result.employees).toHaveLength(company.size);
    const byId = employeesById(result);
    for (const person of company.all()) {
      const expected = company.isTerminated(person)
        ? 'terminated'
        : company.isFutureHire(person)
          ? 'pending'
          : 'active';
      expect(byId.get(person.id)?.employmentStatus, `person ${person.id}`).toBe(expected);
    }
    const leavers = company.all().filter((p) => company.isTerminated(p)).length;
    const pages = (n: number) => Math.max(1, Math.ceil(n / PER_PAGE));
    expect(t.emulator.stats.byEndpoint).toEqual({
      positions: 1,
      teams: 1,
      'terminated-employees': pages(leavers),
      employees: pages(company.size - leavers),
    });
    const last = pages(company.size - leavers);
    expect(last).toBeGreaterThan(3);
    expect(t.emulator.stats.lastRequests).toContain(`/api/employees?page=${last}`);
    expect(t.emulator.stats.lastRequests).not.toContain(`/api/employees?page=${last + 1}`);
    expect(result.logs).not.toContain(t.emulator.apiKey);
    expect(result.logs).not.toContain('SENSITIVE-');
  });

  it('merges a person in both lists: the termination date wins, active until that day', async () => {
    const t = await start({ company: { size: 40 } });
    const { company } = t.emulator;
    const [later, leaver, returner] = company
      .all()
      .filter((p) => p.lifecycle === 'active' && p.managerId !== null);
    if (!later || !leaver || !returner) throw new Error('the company lacks people');
    company.terminate(later.id, '2026-07-31');
    company.terminate(leaver.id, '2026-06-10');
    company.rehire(company.terminate(returner.id, '2025-01-31').id, '2026-03-01');
    const result = await runTargetFetch(t);
    const byId = employeesById(result);
    expect(byId.get(later.id)).toMatchObject({
      employmentStatus: 'active',
      terminationDate: '2026-07-31',
      managerExternalId: later.managerId,
    });
    expect(byId.get(leaver.id)).toMatchObject({
      employmentStatus: 'terminated',
      terminationDate: '2026-06-10',
    });
    expect(byId.get(returner.id)).toMatchObject({
      employmentStatus: 'active',
      terminationDate: null,
    });
    expect(result.employees.filter((e) => e.externalId === later.id)).toHaveLength(1);
    expect(result.logs).toContain('"inBothLists":1');
  });

  it('names positions and teams from their lists when records carry ids only', async () => {
    const t = await start({ company: { size: 60 }, faults: { namesAsIdsOnly: true } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    const byId = employeesById(result);
    for (const person of t.emulator.company.all()) {
      expect(byId.get(person.id)).toMatchObject({
        jobTitle: person.title,
        department: t.emulator.company.isTerminated(person) ? null : person.department,
      });
    }
  });

  it('waits out a 429 with its Retry-After, then completes', async () => {
    const t = await start({ company: { size: 30 } });
    t.throttleNext(2, 3);
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.employees).toHaveLength(30);
    expect(result.usage).toMatchObject({ throttled: 2, retries: 2 });
    expect(result.sleeps.filter((ms) => ms === 3_000)).toHaveLength(2);
  });

  it('retries a 5xx burst, and reports a lasting one as unavailable', async () => {
    const t = await start({ company: { size: 10 } });
    t.emulator.setFaults({ serverErrorBurst: 2 });
    expect((await runTargetFetch(t)).employees).toHaveLength(10);
    t.emulator.setFaults({ serverErrorBurst: 50 });
    const error = expectConnectorError(
      await runTestFetch({ ...targetFetchOptions(t), maxAttempts: 2 }),
    );
    expect(error).toMatchObject({ code: 'unavailable', retryable: true });
  });

  it('turns a page that is not JSON into a page_error and reads the pages after it', async () => {
    const t = await start({ company: { size: 200, terminatedShare: 0 } });
    t.emulator.setFaults({ htmlPage: { list: 'employees', page: 2 } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    const pageErrors = result.items.filter((item) => item.kind === 'page_error');
    expect(pageErrors).toEqual([
      expect.objectContaining({ page: '/api/employees?page=2', code: 'invalid_payload' }),
    ]);
    expect(result.employees).toHaveLength(200 - PER_PAGE);
  });

  it('turns truncated bodies into page errors without failing the run', async () => {
    const t = await start({ company: { size: 30 }, faults: { truncateAfterBytes: 300 } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    const codes = result.items.map((item) => (item.kind === 'page_error' ? item.code : item.kind));
    expect(codes).toEqual(['truncated', 'truncated', 'truncated', 'truncated']);
  });

  it('stops at the first 401 with a clear message and no secret in it', async () => {
    const t = await start({ company: { size: 5 } });
    const result = await runTargetFetch(t, { apiKey: UNKNOWN_API_KEY });
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false, status: 401 });
    expect(error.message).toContain('unauthorized: Invalid or missing API token');
    expect(error.message).not.toContain(UNKNOWN_API_KEY);
    expect(result.logs).not.toContain(UNKNOWN_API_KEY);
    expect(t.emulator.stats.requests).toBe(1);
  });

  it('fails with auth_failed when the key is revoked mid-run', async () => {
    const t = await start({ company: { size: 120 }, faults: { revokeAuthAfterCalls: 4 } });
    const result = await runTargetFetch(t);
    expect(expectConnectorError(result)).toMatchObject({ code: 'auth_failed', retryable: false });
    expect(t.emulator.stats.requests).toBe(5);
  });
});
