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
import { FACTORIAL_API_VERSION } from './api.ts';
import { EMULATOR_TODAY, UNKNOWN_API_KEY, startFactorialTarget } from './emulator-target.ts';
import { factorial } from './index.ts';

const start = closeAfterEach(startFactorialTarget);

/** Teams, locations and contract versions: one page each for a small company. */
const REFERENCE_CALLS = 3;

describe('Factorial fetch against the emulator', () => {
  it('pages to the end and joins teams, locations and the current contract', async () => {
    const t = await start({ company: { size: 120, rehireShare: 0.05 }, maxPageSize: 20 });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.recordErrors).toEqual([]);
    const { company } = t.emulator;
    expect(result.employees).toHaveLength(120);
    const byId = employeesById(result);
    for (const person of company.all()) {
      const status = company.isTerminated(person)
        ? 'terminated'
        : company.isFutureHire(person)
          ? 'pending'
          : 'active';
      expect(byId.get(person.id), `person ${person.id}`).toMatchObject({
        employmentStatus: status,
        jobTitle: person.title,
        department: person.department,
        location: person.location,
        country: person.countryCode,
        startDate: person.startDate,
        terminationDate: person.lifecycle === 'rehired' ? null : person.terminationDate,
        workEmail: person.email?.toLowerCase() ?? null,
        managerExternalId: person.managerId,
      });
    }
    expect(company.all().some((p) => p.lifecycle === 'rehired')).toBe(true);
    // 120 employees at 20 a page; contract versions (≈1.3 per person) page too.
    expect(t.emulator.stats.byEndpoint['employees/employees']).toBe(6);
    expect(t.emulator.stats.byEndpoint['contracts/contract_versions']).toBeGreaterThan(6);
  });

  it('asks for everyone (terminated included) on the versioned path, 100 at a time', async () => {
    const t = await start({ company: { size: 5 } });
    expect((await runTargetFetch(t)).error).toBeUndefined();
    expect(t.emulator.stats.apiVersions).toEqual([FACTORIAL_API_VERSION]);
    expect(t.emulator.stats.lastQueries.at(-1)).toBe(
      'limit=100&only_active=false&only_managers=false',
    );
  });

  it('authenticates with an OAuth access token as well', async () => {
    const t = await start({ company: { size: 5 } });
    const result = await runTestFetch({
      ...targetFetchOptions(t),
      config: { accessToken: t.emulator.accessToken, baseUrl: t.baseUrl },
    });
    expect(result.error).toBeUndefined();
    expect(result.employees).toHaveLength(5);
  });

  it('follows terminations, scheduled terminations and rehires between syncs', async () => {
    const t = await start({ company: { size: 40, terminatedShare: 0.2 } });
    const { company } = t.emulator;
    const leaver = company.all().find((e) => company.isTerminated(e) && e.terminationDate);
    const [stayer, later] = company.all().filter((e) => e.lifecycle === 'active' && e.managerId);
    if (!leaver || !stayer || !later) throw new Error('the company lacks people');
    company.rehire(leaver.id, '2026-06-01');
    company.terminate(stayer.id, '2026-06-10');
    company.terminate(later.id, '2026-07-31');
    const byId = employeesById(await runTargetFetch(t));
    expect(byId.get(leaver.id)).toMatchObject({
      employmentStatus: 'active',
      startDate: '2026-06-01',
      terminationDate: null,
    });
    expect(byId.get(stayer.id)).toMatchObject({
      employmentStatus: 'terminated',
      terminationDate: '2026-06-10',
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
    expect(result.usage).toMatchObject({ calls: REFERENCE_CALLS + 1 + 2, throttled: 2 });
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
    expect(error).toMatchObject({ code: 'unavailable', retryable: true, status: 500 });
    expect(error.message).toContain('the Factorial teams');
  });

  it('fails at the first 401, without retrying or leaking the key', async () => {
    const t = await start({ company: { size: 5 } });
    const result = await runTestFetch({
      ...targetFetchOptions(t),
      config: { apiKey: UNKNOWN_API_KEY, baseUrl: t.baseUrl },
    });
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false, status: 401 });
    expect(error.message).toMatch(/API key/);
    expect(t.emulator.stats.requests).toBe(1);
    for (const secret of [UNKNOWN_API_KEY, t.emulator.apiKey]) {
      expect(error.message).not.toContain(secret);
      expect(result.logs).not.toContain(secret);
    }
  });

  it('stops with auth_failed when the key is revoked mid-run', async () => {
    const t = await start({ company: { size: 120 } });
    const contractPages = Math.ceil(t.emulator.directory.lists().contractVersions.length / 100);
    // Teams, locations, the contract pages and the first employees page go through.
    t.emulator.setFaults({ revokeAuthAfterCalls: 2 + contractPages + 1 });
    const result = await runTargetFetch(t);
    expect(expectConnectorError(result)).toMatchObject({ code: 'auth_failed', retryable: false });
    expect(result.employees).toHaveLength(100);
    expect(result.usage.calls).toBe(2 + contractPages + 2);
  });

  it('names the list an OAuth user may not see', async () => {
    const t = await start({
      company: { size: 5 },
      faults: { forbidden: ['contracts/contract_versions'] },
    });
    const error = expectConnectorError(await runTargetFetch(t));
    expect(error).toMatchObject({ code: 'forbidden', retryable: false, status: 403 });
    expect(error.message).toContain('contract versions');
  });

  for (const kind of ['truncated', 'html', 'no-meta'] as const) {
    it(`reports a broken employees page (${kind}) as a page error after the good pages`, async () => {
      const t = await start({
        company: { size: 60 },
        maxPageSize: 20,
        faults: { brokenPages: { resource: 'employees/employees', fromPage: 2, kind } },
      });
      const result = await runTargetFetch(t);
      expect(result.error).toBeUndefined();
      expect(result.employees).toHaveLength(40);
      const pageErrors = result.items.filter((i) => i.kind === 'page_error');
      expect(pageErrors).toEqual([
        expect.objectContaining({
          page: 'the Factorial employees, page 3',
          code: kind === 'truncated' ? 'truncated' : 'invalid_payload',
        }),
      ]);
      // A cut body is read once more before giving up; a wrong shape is not.
      expect(t.emulator.stats.byEndpoint['employees/employees']).toBe(kind === 'truncated' ? 4 : 3);
      expect(JSON.stringify(pageErrors)).not.toContain('SENSITIVE-');
    });
  }

  it('fails when a reference list is broken rather than blank everyone’s title', async () => {
    const t = await start({
      company: { size: 5 },
      faults: { brokenPages: { resource: 'teams/teams', fromPage: 0, kind: 'html' } },
    });
    const result = await runTargetFetch(t);
    expect(expectConnectorError(result)).toMatchObject({ code: 'invalid_payload' });
    expect(result.items).toEqual([]);
  });
});

describe('Factorial fetch against a misbehaving server', () => {
  it('stops when the cursor does not move forward', async () => {
    const empty = JSON.stringify({ data: [], meta: { has_next_page: false, end_cursor: null } });
    const stuck = JSON.stringify({
      data: [{ id: '1', active: true }],
      meta: { has_next_page: true, end_cursor: 'MQ==' },
    });
    const json = { 'content-type': 'application/json' };
    const server = await startTestServer([
      { status: 200, headers: json, body: empty },
      { status: 200, headers: json, body: empty },
      { status: 200, headers: json, body: empty },
      { status: 200, headers: json, body: stuck },
    ]);
    try {
      const result = await runTestFetch({
        connector: factorial,
        config: { apiKey: 'k', baseUrl: server.origin },
        baseUrl: server.origin,
        today: EMULATOR_TODAY,
      });
      expect(result.error).toBeUndefined();
      expect(result.employees.map((e) => e.externalId)).toEqual(['1', '1']);
      expect(result.items.at(-1)).toMatchObject({ kind: 'page_error', code: 'invalid_payload' });
      expect(server.requests).toHaveLength(5);
    } finally {
      await server.close();
    }
  });
});

const SAMPLE = sharedSample('factorial', 'employees_list.oas-field-examples.json');

describe.skipIf(SAMPLE === null)('Factorial fetch of the shared sample, served verbatim', () => {
  it('maps the documented example employee and follows its cursor to an empty page', async () => {
    const t = await start(SAMPLE === null ? {} : { fixture: SAMPLE });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.employees.map((e) => e.externalId)).toEqual(['2']);
    expect(t.emulator.stats.lastQueries.at(-1)).toContain('after_id=Mjc%3D');
    expect(JSON.stringify(result.items)).not.toMatch(/150126298420|ES6220809324751871912999/);
  });
});
