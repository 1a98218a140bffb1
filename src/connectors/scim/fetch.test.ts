import { describe, expect, it } from 'vitest';
import { HRIS_EXTENSION } from '../../../emulators/scim/users.ts';
import { sharedSample } from '../testing/shared-samples.ts';
import {
  employeesById,
  expectConnectorError,
  runTargetFetch,
  runTestFetch,
  targetFetchOptions,
} from '../testing/run.ts';
import { closeAfterEach } from '../testing/close-after-each.ts';
import { SCIM_REQUESTED_ATTRIBUTES } from './api.ts';
import { UNKNOWN_TOKEN, startScimTarget } from './emulator-target.ts';

const start = closeAfterEach(startScimTarget);

const DATES = {
  startDateAttribute: `${HRIS_EXTENSION}:startDate`,
  terminationDateAttribute: `${HRIS_EXTENSION}:terminationDate`,
};

describe('SCIM fetch against the emulator', () => {
  it('pages to the end when the server sends fewer than count per page', async () => {
    const t = await start({ company: { size: 200 }, maxResults: 37 });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.items.filter((i) => i.kind !== 'employee')).toEqual([]);
    expect(result.employees.map((e) => e.externalId)).toEqual(
      t.emulator.company.all().map((p) => p.id),
    );
    expect(t.emulator.stats.pages).toEqual(
      [1, 38, 75, 112, 149, 186].map((i) => ({ startIndex: String(i), count: '100' })),
    );
  });

  it('asks exactly the allowlisted attributes on every page', async () => {
    const t = await start({ company: { size: 250 } });
    expect((await runTargetFetch(t)).error).toBeUndefined();
    const lists = t.emulator.stats.attributeRequests;
    expect(lists).toHaveLength(3);
    for (const list of lists) expect(list).toEqual([...SCIM_REQUESTED_ATTRIBUTES]);
  });

  it('adds the configured date attributes, and drops addresses when told', async () => {
    const t = await start({ company: { size: 5 } });
    const result = await runTargetFetch(t, { ...DATES, workAddress: false });
    expect(result.error).toBeUndefined();
    const [list] = t.emulator.stats.attributeRequests;
    expect(list).toContain(DATES.startDateAttribute);
    expect(list?.filter((a) => a.startsWith('addresses'))).toEqual([]);
    expect(result.employees.every((e) => e.location === null && e.country === null)).toBe(true);
  });

  it('maps a generated company: status from active, fields from the allowlist', async () => {
    const t = await start({ company: { size: 300, rehireShare: 0.05 } });
    const result = await runTargetFetch(t);
    const { company } = t.emulator;
    const byId = employeesById(result);
    for (const person of company.all()) {
      const manager = company.manager(person);
      expect(byId.get(person.id), person.id).toEqual(
        expect.objectContaining({
          employmentStatus: company.isTerminated(person) ? 'terminated' : 'active',
          employeeNumber: person.employeeNumber,
          workEmail: person.email?.toLowerCase() ?? null,
          department: person.department,
          jobTitle: person.title,
          country: person.location === 'Remote' ? null : person.countryCode,
          managerExternalId: person.managerId,
          managerName: manager ? `${manager.firstName} ${manager.lastName}` : null,
          startDate: null,
          terminationDate: null,
        }),
      );
    }
    expect(JSON.stringify(result.items)).not.toContain('SENSITIVE-');
  });

  it('reads pending, rehires and dated leavers from configured date attributes', async () => {
    const t = await start({ company: { size: 400, rehireShare: 0.05 } });
    const result = await runTargetFetch(t, DATES);
    const { company } = t.emulator;
    const byId = employeesById(result);
    const seen = new Set<string>();
    for (const person of company.all()) {
      const expected = company.isTerminated(person)
        ? 'terminated'
        : company.isFutureHire(person)
          ? 'pending'
          : 'active';
      expect(byId.get(person.id)?.employmentStatus, person.id).toBe(expected);
      seen.add(person.lifecycle);
      if (person.lifecycle === 'rehired') {
        expect(byId.get(person.id)).toMatchObject({ terminationDate: null });
      }
    }
    expect(seen).toEqual(new Set(['active', 'leave', 'future', 'terminated', 'rehired']));
  });

  it('sees nobody terminated when the provider deletes leavers (they are simply absent)', async () => {
    const t = await start({ company: { size: 120 }, faults: { deprovision: 'hard' } });
    const result = await runTargetFetch(t);
    const { company } = t.emulator;
    const leavers = company.all().filter((p) => company.isTerminated(p));
    expect(leavers.length).toBeGreaterThan(0);
    expect(result.employees).toHaveLength(company.size - leavers.length);
    expect(result.employees.filter((e) => e.employmentStatus === 'terminated')).toEqual([]);
  });

  it('stops with a page_error when the server ignores startIndex (no endless loop)', async () => {
    const t = await start({ company: { size: 250 }, faults: { ignoreStartIndex: true } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.employees).toHaveLength(100);
    expect(result.items.at(-1)).toMatchObject({
      kind: 'page_error',
      page: 'startIndex=101',
      code: 'paging_ignored',
    });
    expect(t.emulator.stats.pages).toHaveLength(2);
  });

  it('waits out 429 answers with their Retry-After, then completes', async () => {
    const t = await start({ company: { size: 30 } });
    t.throttleNext(2, 3);
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.employees).toHaveLength(30);
    expect(result.usage).toMatchObject({ calls: 3, throttled: 2 });
    expect(result.sleeps.filter((ms) => ms === 3_000)).toHaveLength(2);
  });

  it('reports throttling that outlasts the retries as rate_limited, quoting the SCIM detail', async () => {
    const t = await start({ company: { size: 5 }, faults: { throttle: { every: 1 } } });
    const error = expectConnectorError(
      await runTestFetch({ ...targetFetchOptions(t), maxAttempts: 2 }),
    );
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, status: 429 });
    expect(error.message).toContain('Too many requests');
  });

  it('retries a 5xx burst, and reports a lasting one as unavailable', async () => {
    const t = await start({ company: { size: 5 } });
    t.emulator.setFaults({ serverErrorBurst: 2 });
    expect((await runTargetFetch(t)).employees).toHaveLength(5);
    t.emulator.setFaults({ serverErrorBurst: 50 });
    expect(
      expectConnectorError(await runTestFetch({ ...targetFetchOptions(t), maxAttempts: 2 })),
    ).toMatchObject({
      code: 'unavailable',
      retryable: true,
    });
  });

  it('asks a truncated page once more, then reports it as a page_error', async () => {
    const t = await start({ company: { size: 50 }, faults: { truncateAfterBytes: 2_000 } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.employees).toEqual([]);
    expect(result.items).toEqual([
      expect.objectContaining({ kind: 'page_error', page: 'startIndex=1', code: 'truncated' }),
    ]);
    expect(t.emulator.stats.pages).toHaveLength(2);
  });

  it('reports a body that is not JSON as a page_error without quoting it', async () => {
    const t = await start({ company: { size: 5 }, faults: { invalidJson: true } });
    const result = await runTargetFetch(t);
    expect(result.items).toEqual([
      expect.objectContaining({ kind: 'page_error', code: 'invalid_payload' }),
    ]);
    expect(JSON.stringify(result.items)).not.toContain('gateway');
  });

  it('fails at once with auth_failed on a wrong token, with no secret in message or logs', async () => {
    const t = await start({ company: { size: 5 } });
    const result = await runTargetFetch(t, { token: UNKNOWN_TOKEN });
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false, status: 401 });
    expect(error.message).toContain('Authentication failed');
    expect(t.emulator.stats.requests).toBe(1);
    for (const secret of [UNKNOWN_TOKEN, t.emulator.token]) {
      expect(error.message).not.toContain(secret);
      expect(result.logs).not.toContain(secret);
    }
  });

  it('fails with auth_failed when the token is revoked between two pages', async () => {
    const t = await start({ company: { size: 150 }, faults: { revokeAuthAfterCalls: 1 } });
    const result = await runTargetFetch(t);
    expect(expectConnectorError(result)).toMatchObject({ code: 'auth_failed', status: 401 });
    expect(result.employees).toHaveLength(100);
  });

  it('authenticates with Basic credentials, never leaking the password', async () => {
    const t = await start({ company: { size: 5 } });
    const { username, password } = t.emulator;
    const basic = { authType: 'basic' as const, username, password };
    expect((await runTargetFetch(t, basic)).employees).toHaveLength(5);
    const wrong = await runTargetFetch(t, { ...basic, password: `${password}-wrong` });
    expect(expectConnectorError(wrong)).toMatchObject({ code: 'auth_failed' });
    expect(wrong.logs).not.toContain(password);
  });

  it('reports a token without Users access as forbidden, and a wrong base path as not_found', async () => {
    const t = await start({ company: { size: 5 }, faults: { forbidden: true } });
    expect(expectConnectorError(await runTargetFetch(t))).toMatchObject({ code: 'forbidden' });
    t.emulator.setFaults({ forbidden: undefined });
    const missing = expectConnectorError(await runTargetFetch(t, { basePath: '/api/scim/v2' }));
    expect(missing).toMatchObject({ code: 'not_found', retryable: false, status: 404 });
    expect(missing.message).toContain('/api/scim/v2/Users');
  });
});

const PAGED = sharedSample('scim', 'rfc7644-3.4.3-list-response.json');
const KEEPER = sharedSample('scim', 'users_list.keeper-recorded.json');

describe.skipIf(PAGED === null || KEEPER === null)('SCIM shared samples, served verbatim', () => {
  it('maps the recorded Keeper answer in one page', async () => {
    const t = await start(KEEPER === null ? {} : { fixture: KEEPER });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.employees).toMatchObject([
      { externalId: '970404910858250', workEmail: 'john@doe.com', employmentStatus: 'active' },
    ]);
  });

  it('stops when the RFC page (2 of 100) comes back again for startIndex 3', async () => {
    const t = await start(PAGED === null ? {} : { fixture: PAGED });
    const result = await runTargetFetch(t);
    expect(result.employees).toHaveLength(2);
    expect(result.items.at(-1)).toMatchObject({ kind: 'page_error', code: 'paging_ignored' });
  });
});
