import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SENSITIVE_MARKER } from '../../../emulators/shared/company.ts';
import { employeesById, expectConnectorError, runTargetFetch } from '../testing/run.ts';
import type { TestFetchResult } from '../testing/run.ts';
import { closeAfterEach } from '../testing/close-after-each.ts';
import { GUSTO_API_VERSION } from './api.ts';
import { EMULATOR_TODAY, UNKNOWN_TOKEN, startGustoTarget } from './emulator-target.ts';

const start = closeAfterEach(startGustoTarget);
type Target = Awaited<ReturnType<typeof start>>;

function expectNoSecret(t: Target, result: TestFetchResult, message = ''): void {
  for (const secret of [t.emulator.accessToken, UNKNOWN_TOKEN]) {
    expect(message).not.toContain(secret);
    expect(result.logs).not.toContain(secret);
  }
}

describe('Gusto fetch against the emulator', () => {
  it('reads departments, locations, then every employee page to the end', async () => {
    const t = await start({ company: { size: 250, rehireShare: 0.05 } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.recordErrors).toEqual([]);
    const { company } = t.emulator;
    expect(result.employees).toHaveLength(250);
    const byId = employeesById(result);
    for (const person of company.all()) {
      const expected = company.isTerminated(person)
        ? 'terminated'
        : company.isFutureHire(person)
          ? 'pending'
          : 'active';
      expect(byId.get(person.id)?.employmentStatus, person.id).toBe(expected);
      expect(byId.get(person.id)).toMatchObject({
        department: person.department,
        departmentId: company.departmentUuid(person.department),
        jobTitle: person.title,
        managerExternalId: person.managerId,
        workEmail: person.email?.toLowerCase() ?? null,
      });
    }
    const located = result.employees.filter((e) => e.locationId !== null);
    expect(new Set(located.map((e) => e.location))).toContain('New York, NY');
    expect(located.find((e) => e.location === 'New York, NY')?.country).toBe('United States');
    expect(t.emulator.stats.byEndpoint).toEqual({ departments: 1, locations: 1, employees: 3 });
    expect(t.emulator.stats.employeeQueries).toEqual([
      '?page=1&per=100',
      '?page=2&per=100',
      '?page=3&per=100',
    ]);
    expect(new Set(t.emulator.stats.apiVersions)).toEqual(new Set([GUSTO_API_VERSION]));
  });

  it('stops at X-Total-Pages when the last page is full', async () => {
    const t = await start({ company: { size: 200 } });
    const result = await runTargetFetch(t);
    expect(result.employees).toHaveLength(200);
    expect(t.emulator.stats.byEndpoint['employees']).toBe(2);
  });

  it('drops the sensitive fields Gusto sends and never asks for more (no include=)', async () => {
    const t = await start({ company: { size: 30 } });
    const raw = await fetch(`${t.baseUrl}/v1/companies/${t.config.companyUuid}/employees`, {
      headers: { authorization: `Bearer ${t.config.accessToken}` },
    });
    expect(await raw.text()).toContain(SENSITIVE_MARKER);
    const result = await runTargetFetch(t);
    expect(result.employees).toHaveLength(30);
    expect(JSON.stringify(result.items)).not.toContain(SENSITIVE_MARKER);
    expect(result.logs).not.toContain(SENSITIVE_MARKER);
    expect(t.emulator.stats.employeeQueries.join('&')).not.toMatch(/include|terminated=/);
  });

  it('follows terminations and rehires made between two syncs', async () => {
    const t = await start({ company: { size: 40, terminatedShare: 0.2 } });
    const { company } = t.emulator;
    const leaver = company.all().find((e) => company.isTerminated(e) && e.terminationDate);
    const [today, later] = company
      .all()
      .filter((e) => e.lifecycle === 'active' && e.managerId !== null);
    if (!leaver || !today || !later) throw new Error('the company lacks people');
    company.rehire(leaver.id, '2026-06-01');
    company.terminate(today.id);
    company.terminate(later.id, '2026-07-31');
    const byId = employeesById(await runTargetFetch(t));
    expect(byId.get(leaver.id)).toMatchObject({
      employmentStatus: 'active',
      terminationDate: null,
    });
    // Gusto flips `terminated` only tomorrow: the date makes it terminated today already.
    expect(byId.get(today.id)).toMatchObject({
      employmentStatus: 'terminated',
      terminationDate: EMULATOR_TODAY,
    });
    expect(byId.get(later.id)).toMatchObject({
      employmentStatus: 'active',
      terminationDate: '2026-07-31',
    });
  });

  it('waits out 429s for their Retry-After, then completes', async () => {
    const t = await start({ company: { size: 30 } });
    t.throttleNext(2, 3);
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.employees).toHaveLength(30);
    expect(result.usage).toMatchObject({ calls: 5, throttled: 2 });
    expect(result.sleeps.filter((ms) => ms === 3_000)).toHaveLength(2);
  });

  it('reports the per-minute window that outlasts the retries as rate_limited', async () => {
    const t = await start({ company: { size: 30 }, requestsPerMinute: 2 });
    const result = await runTargetFetch(t);
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, status: 429 });
    expect(error.message).toContain('200 requests per minute');
    expect(result.sleeps.filter((ms) => ms >= 50_000).length).toBeGreaterThan(0);
  });

  it('retries a 5xx burst, and reports a lasting one as unavailable', async () => {
    const t = await start({ company: { size: 30 }, faults: { serverErrorBurst: 2 } });
    expect((await runTargetFetch(t)).employees).toHaveLength(30);
    t.emulator.setFaults({ serverErrorBurst: 100 });
    const result = await runTargetFetch(t);
    expect(expectConnectorError(result)).toMatchObject({ code: 'unavailable', retryable: true });
  });

  it('reads a cut page once more, then reports it as a page error and goes on', async () => {
    const t = await start({
      company: { size: 250 },
      faults: { truncateAfterBytes: 3_000, truncatePages: [2] },
    });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.items.filter((i) => i.kind === 'page_error')).toEqual([
      {
        kind: 'page_error',
        page: 'employees page 2',
        code: 'truncated',
        message: expect.stringContaining('closed before the response body ended') as unknown,
      },
    ]);
    expect(result.employees).toHaveLength(150);
    expect(t.emulator.stats.employeeQueries.filter((q) => q.startsWith('?page=2&'))).toHaveLength(
      2,
    );
    expect(result.logs).toContain('gusto page body failed, reading it again');
  });

  it('reports a page that is not JSON, and stops after three in a row', async () => {
    const t = await start({ company: { size: 250 }, faults: { invalidJsonPages: [1] } });
    const once = await runTargetFetch(t);
    expect(once.error).toBeUndefined();
    expect(once.items[0]).toEqual({
      kind: 'page_error',
      page: 'employees page 1',
      code: 'invalid_payload',
      message: 'the Gusto employees list (page 1) is not JSON',
    });
    expect(once.employees).toHaveLength(150);
    t.emulator.setFaults({ invalidJsonPages: [1, 2, 3] });
    const result = await runTargetFetch(t);
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'invalid_payload', retryable: false });
    expect(error.message).toMatch(/^3 employee pages in a row could not be read/);
    expect(result.items.map((i) => i.kind)).toEqual(['page_error', 'page_error', 'page_error']);
  });

  it('reports a bad token as auth_failed, never retried, without the token anywhere', async () => {
    const t = await start({ company: { size: 30 } });
    const result = await runTargetFetch(t, { accessToken: UNKNOWN_TOKEN });
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false, status: 401 });
    expect(error.message).toContain('invalid_token');
    expect(error.message).toContain('Reconnect Gusto');
    expect(result.usage.calls).toBe(1);
    expectNoSecret(t, result, error.message);
  });

  it('reports a token that expires or is revoked mid-run as auth_failed', async () => {
    const t = await start({ company: { size: 250 }, faults: { revokeAuthAfterCalls: 3 } });
    const result = await runTargetFetch(t);
    expect(expectConnectorError(result)).toMatchObject({ code: 'auth_failed' });
    expect(result.employees).toHaveLength(100);
    t.emulator.setFaults({ revokeAuthAfterCalls: undefined, tokenExpired: true });
    const expired = await runTargetFetch(t);
    expect(expectConnectorError(expired).message).toContain('expire after 2 hours');
    expectNoSecret(t, expired, expectConnectorError(expired).message);
  });

  it('names the missing scope on 403', async () => {
    const t = await start({
      company: { size: 5 },
      faults: { missingScopes: ['departments:read'] },
    });
    const error = expectConnectorError(await runTargetFetch(t));
    expect(error).toMatchObject({ code: 'forbidden', retryable: false, status: 403 });
    expect(error.message).toContain('departments:read');
    expect(error.message).toContain('missing_permissions');
  });

  it('points at the company UUID when Gusto does not know it', async () => {
    const t = await start({ company: { size: 5 } });
    const result = await runTargetFetch(t, { companyUuid: '00000000-0000-4000-8000-000000000000' });
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'not_found', retryable: false });
    expect(error.message).toContain('company UUID');
  });

  it('yields a person repeated across pages once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gusto-fixture-'));
    const path = join(dir, 'employees.json');
    const person = { uuid: 'e-1', first_name: 'Dup', work_email: 'dup@acme.example' };
    writeFileSync(path, JSON.stringify([person, { uuid: 'e-2' }, person]));
    const t = await start({ fixture: path });
    const result = await runTargetFetch(t);
    expect(result.employees.map((e) => e.externalId)).toEqual(['e-1', 'e-2']);
    expect(result.logs).toContain('"duplicates":1');
  });
});
