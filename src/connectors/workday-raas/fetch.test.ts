import { describe, expect, it } from 'vitest';
import { workerTypeOf } from '../../../emulators/workday/people.ts';
import {
  employeesById,
  expectConnectorError,
  runTargetFetch,
  runTestFetch,
  targetFetchOptions,
} from '../testing/run.ts';
import { closeAfterEach } from '../testing/close-after-each.ts';
import { UNKNOWN_PASSWORD, startWorkdayRaasTarget } from './emulator-target.ts';

const start = closeAfterEach(startWorkdayRaasTarget);

describe('Workday RaaS fetch against the emulator', () => {
  it('reads the whole report in one request, every status included', async () => {
    const t = await start({ company: { size: 400, rehireShare: 0.05 } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.recordErrors).toEqual([]);
    expect(result.usage.calls).toBe(1);
    const { company } = t.emulator;
    const byId = employeesById(result);
    expect(byId.size).toBe(company.size);
    for (const person of company.all()) {
      const manager = company.manager(person);
      expect(byId.get(person.id), person.id).toMatchObject({
        employmentStatus: company.isTerminated(person)
          ? 'terminated'
          : company.isFutureHire(person)
            ? 'pending'
            : 'active',
        employeeNumber: person.employeeNumber,
        workEmail: person.email?.toLowerCase() ?? null,
        jobTitle: person.title,
        employeeType: workerTypeOf(person.employmentKind)?.descriptor ?? null,
        managerExternalId: manager?.id ?? null,
        managerEmail: manager?.email?.toLowerCase() ?? null,
      });
    }
  });

  it('sends format=json and the configured prompts, with Basic auth', async () => {
    const t = await start({ company: { size: 3 } });
    const prompts = { Include_Terminated_Workers: '1' };
    expect((await runTargetFetch(t, { prompts })).error).toBeUndefined();
    expect(t.emulator.stats.raasQueries).toEqual([{ ...prompts, format: 'json' }]);
  });

  it('reads renamed columns through the alias map', async () => {
    const t = await start({ company: { size: 20 } });
    const result = await runTargetFetch(t, {
      columns: { department: 'supervisoryOrganizationName' },
    });
    const departments = new Set(result.employees.map((e) => e.department));
    for (const d of departments) expect(d === null || !d.includes('(')).toBe(true);
  });

  it('warns when no lifecycle column matches, and keeps such rows active', async () => {
    const t = await start({ company: { size: 20, terminatedShare: 0.3 } });
    const result = await runTargetFetch(t, {
      columns: { active: 'isActive', terminated: 'isTerminated', terminationDate: 'endDate' },
    });
    expect(result.employees.every((e) => e.employmentStatus !== 'terminated')).toBe(true);
    expect(result.logs).toContain('noLifecycle');
  });

  it('waits out 429 answers with their Retry-After', async () => {
    const t = await start({ company: { size: 10 } });
    t.throttleNext(2, 4);
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.usage).toMatchObject({ calls: 3, throttled: 2 });
    expect(result.sleeps.filter((ms) => ms === 4_000)).toHaveLength(2);
  });

  it('retries 5xx, then reports unavailable', async () => {
    const t = await start({ company: { size: 5 } });
    t.emulator.setFaults({ serverErrorBurst: 2 });
    expect((await runTargetFetch(t)).employees).toHaveLength(5);
    t.emulator.setFaults({ serverErrorBurst: 10 });
    const error = expectConnectorError(
      await runTestFetch({ ...targetFetchOptions(t), maxAttempts: 2 }),
    );
    expect(error).toMatchObject({ code: 'unavailable', retryable: true });
  });

  it('stops at the first 401 without the password in the message or logs', async () => {
    const t = await start({ company: { size: 5 } });
    const result = await runTargetFetch(t, { password: UNKNOWN_PASSWORD });
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false, status: 401 });
    expect(result.usage.calls).toBe(1);
    expect(`${error.message}${result.logs}`).not.toContain(UNKNOWN_PASSWORD);
  });

  it('reports an unshared report as forbidden and a wrong report name as not_found', async () => {
    const t = await start({ company: { size: 5 }, faults: { authorized: false } });
    expect(expectConnectorError(await runTargetFetch(t)).code).toBe('forbidden');
    t.emulator.setFaults({ authorized: undefined });
    expect(expectConnectorError(await runTargetFetch(t, { reportName: 'Other' })).code).toBe(
      'not_found',
    );
  });

  it('reports a cut body as truncated (retryable)', async () => {
    const t = await start({ company: { size: 50 }, faults: { truncateAfterBytes: 3_000 } });
    const error = expectConnectorError(await runTargetFetch(t));
    expect(error).toMatchObject({ code: 'truncated', retryable: true });
  });

  it('a report built on active workers only silently drops leavers', async () => {
    const t = await start({
      company: { size: 60, terminatedShare: 0.2 },
      faults: { raasActiveOnly: true },
    });
    const result = await runTargetFetch(t);
    expect(result.employees.some((e) => e.employmentStatus === 'terminated')).toBe(false);
    expect(result.employees.length).toBeLessThan(60);
  });
});
