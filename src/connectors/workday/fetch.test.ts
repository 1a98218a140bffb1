import { describe, expect, it } from 'vitest';
import { workerTypeOf } from '../../../emulators/workday/people.ts';
import { startTestServer } from '../http/testing.ts';
import {
  createTestContext,
  employeesById,
  expectConnectorError,
  runTargetFetch,
  runTestFetch,
  targetFetchOptions,
} from '../testing/run.ts';
import { closeAfterEach } from '../testing/close-after-each.ts';
import { WORKDAY_FORBIDDEN_RESPONSE_GROUP_FLAGS, WORKDAY_RESPONSE_GROUP } from './api.ts';
import {
  EMULATOR_TODAY,
  TEST_HOST,
  UNKNOWN_PASSWORD,
  startWorkdayTarget,
} from './emulator-target.ts';
import { workday, type WorkdayConfig } from './index.ts';

const start = closeAfterEach(startWorkdayTarget);
const serve = closeAfterEach(startTestServer);

describe('Workday Get_Workers fetch against the emulator', () => {
  it('pages to Total_Pages with one pinned snapshot, every status included', async () => {
    const t = await start({ company: { size: 230, rehireShare: 0.05 } });
    const result = await runTargetFetch(t, { pageSize: 40 });
    expect(result.error).toBeUndefined();
    expect(result.recordErrors).toEqual([]);
    const calls = t.emulator.stats.getWorkersCalls;
    expect(calls.map((c) => c.page)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(new Set(calls.map((c) => `${c.asOfEffectiveDate} ${c.asOfEntryDateTime}`)).size).toBe(1);
    expect(calls[0]?.asOfEffectiveDate).toBe(EMULATOR_TODAY);
    const { company } = t.emulator;
    const byId = employeesById(result);
    expect(byId.size).toBe(company.size);
    for (const person of company.all()) {
      const expected = company.isTerminated(person)
        ? 'terminated'
        : company.isFutureHire(person)
          ? 'pending'
          : 'active';
      expect(byId.get(person.id), person.id).toMatchObject({
        employmentStatus: expected,
        firstName: person.firstName,
        workEmail: person.email?.toLowerCase() ?? null,
        department: person.department,
        jobTitle: person.title,
        location: person.location,
        country: person.location === null ? null : (person.countryCode ?? null),
        employeeType: workerTypeOf(person.employmentKind)?.descriptor ?? null,
        startDate: person.startDate,
      });
    }
  });

  it('asks for inactive workers and sets no Response_Group flag it does not need', async () => {
    const t = await start({ company: { size: 5 } });
    expect((await runTargetFetch(t)).error).toBeUndefined();
    const [call] = t.emulator.stats.getWorkersCalls;
    expect(call?.excludeInactiveWorkers).toBe(false);
    expect(call?.version).toBe('v44.0');
    expect(call?.count).toBe('100');
    expect(call?.responseGroup).toEqual(Object.fromEntries(WORKDAY_RESPONSE_GROUP));
    for (const flag of WORKDAY_FORBIDDEN_RESPONSE_GROUP_FLAGS) {
      expect(call?.responseGroup).not.toHaveProperty(flag);
    }
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

  it('leaves a 500 to the next run, retries 502/503, and reports a lasting one', async () => {
    const t = await start({ company: { size: 5 } });
    // The emulator's bursts go 500, 502, 503, …: a 500 is Workday's fault status, never resent.
    t.emulator.setFaults({ serverErrorBurst: 1 });
    const once = await runTargetFetch(t);
    expect(expectConnectorError(once)).toMatchObject({ code: 'unavailable', retryable: true });
    expect(once.usage.calls).toBe(1);
    t.emulator.setFaults({ serverErrorBurst: 2 });
    const retried = await runTargetFetch(t);
    expect(retried.employees).toHaveLength(5);
    expect(retried.usage).toMatchObject({ calls: 3, retries: 2 });
    t.emulator.setFaults({ serverErrorBurst: 10 });
    const error = expectConnectorError(
      await runTestFetch({ ...targetFetchOptions(t), maxAttempts: 2 }),
    );
    expect(error).toMatchObject({ code: 'unavailable', retryable: true });
  });

  it('reports a bad password as auth_failed without the password anywhere', async () => {
    const t = await start({ company: { size: 5 } });
    const result = await runTargetFetch(t, { password: UNKNOWN_PASSWORD });
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false, status: 500 });
    expect(error.message).toContain('invalid username or password');
    expect(error.message).not.toContain(UNKNOWN_PASSWORD);
    expect(result.logs).not.toContain(UNKNOWN_PASSWORD);
    expect(result.logs).not.toContain(t.emulator.password);
    // Workday sends auth faults as HTTP 500: sent once, never again (a retry can lock the ISU).
    expect(result.usage).toMatchObject({ calls: 1, retries: 0 });
  });

  it('accepts the user name with or without @tenant', async () => {
    const t = await start({ company: { size: 5 } });
    const result = await runTargetFetch(t, {
      username: `${t.emulator.username}@${t.emulator.tenant}`,
    });
    expect(result.employees).toHaveLength(5);
  });

  it('stops with auth_failed when the password is revoked between pages', async () => {
    const t = await start({ company: { size: 30 }, faults: { revokeAuthAfterCalls: 1 } });
    const result = await runTargetFetch(t, { pageSize: 10 });
    expect(expectConnectorError(result)).toMatchObject({ code: 'auth_failed' });
    expect(result.employees).toHaveLength(10);
  });

  it('reports a security group without access as forbidden', async () => {
    const t = await start({ company: { size: 5 }, faults: { authorized: false } });
    const error = expectConnectorError(await runTargetFetch(t));
    expect(error).toMatchObject({ code: 'forbidden', retryable: false });
    expect(error.message).toContain('not authorized');
  });

  it('reports a wrong tenant as not_found', async () => {
    const t = await start({ company: { size: 5 } });
    const error = expectConnectorError(await runTargetFetch(t, { tenant: 'other' }));
    expect(error).toMatchObject({ code: 'not_found', retryable: false, status: 404 });
  });

  it('fails on a truncated first page, and reports a later one as a page_error', async () => {
    const t = await start({ company: { size: 30 }, faults: { truncateAfterBytes: 2_000 } });
    const first = expectConnectorError(await runTargetFetch(t, { pageSize: 10 }));
    expect(first).toMatchObject({ code: 'truncated', retryable: true });

    t.emulator.setFaults({ truncateAfterBytes: undefined });
    const { ctx } = createTestContext(targetFetchOptions(t, { pageSize: 10 }));
    const kinds: string[] = [];
    for await (const item of workday.fetch(ctx)) {
      kinds.push(item.kind);
      // Page 1 is in: page 2 (asked for lazily, next) arrives cut short.
      if (kinds.length === 10) t.emulator.setFaults({ truncateAfterBytes: 3_000 });
      if (kinds.length === 11) t.emulator.setFaults({ truncateAfterBytes: undefined });
    }
    const pageErrors = kinds.filter((k) => k === 'page_error');
    expect(pageErrors).toHaveLength(1);
    expect(kinds.filter((k) => k === 'employee').length).toBeGreaterThanOrEqual(20);
    expect(kinds.filter((k) => k === 'employee').length).toBeLessThan(30);
  });
});

describe('Workday Get_Workers fetch against odd servers', () => {
  const config: WorkdayConfig = {
    host: TEST_HOST,
    tenant: 'acme',
    username: 'ISU',
    password: 'pw-secret',
  };
  const fetchFrom = (origin: string) =>
    runTestFetch({ connector: workday, config, baseUrl: origin, today: EMULATOR_TODAY });

  it('calls a 200 answer that is not XML invalid_payload', async () => {
    const server = await serve([{ status: 200, body: '<html><body>Maintenance</body>' }]);
    const error = expectConnectorError(await fetchFrom(server.origin));
    expect(error.code).toBe('invalid_payload');
    expect(error.message).not.toContain('Maintenance');
  });

  it('calls a well-formed answer without Get_Workers_Response invalid_payload', async () => {
    const server = await serve([{ status: 200, body: '<Envelope><Body/></Envelope>' }]);
    expect(expectConnectorError(await fetchFrom(server.origin)).code).toBe('invalid_payload');
  });

  const soapFault = (code: string, message: string) =>
    '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>' +
    `<SOAP-ENV:Fault><faultcode>${code}</faultcode><faultstring>${message}</faultstring>` +
    '</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>';

  it('sends a wrong password once: the 500 authentication fault is auth_failed, never retried', async () => {
    const fault = soapFault('SOAP-ENV:Client.authenticationError', 'invalid username or password');
    const server = await serve([{ status: 500, body: fault }]);
    const result = await fetchFrom(server.origin);
    expect(expectConnectorError(result)).toMatchObject({
      code: 'auth_failed',
      retryable: false,
      status: 500,
    });
    expect(server.requests).toHaveLength(1);
    expect(result.sleeps).toEqual([]);
  });

  it('leaves a 500 Server fault to the next run as unavailable, without resending', async () => {
    const fault = soapFault('SOAP-ENV:Server', 'Processing error occurred');
    const server = await serve([{ status: 500, body: fault }]);
    const error = expectConnectorError(await fetchFrom(server.origin));
    expect(error).toMatchObject({ code: 'unavailable', retryable: true, status: 500 });
    expect(error.message).toContain('Processing error occurred');
    expect(server.requests).toHaveLength(1);
  });

  it('still waits out a 503 with Retry-After before reading the fault of the next answer', async () => {
    const fault = soapFault('SOAP-ENV:Client.authenticationError', 'invalid username or password');
    const server = await serve([
      { status: 503, headers: { 'retry-after': '2' } },
      { status: 500, body: fault },
    ]);
    const result = await fetchFrom(server.origin);
    expect(expectConnectorError(result).code).toBe('auth_failed');
    expect(server.requests).toHaveLength(2);
    expect(result.sleeps).toContain(2_000);
    expect(result.usage).toMatchObject({ calls: 2, retries: 1, throttled: 1 });
  });

  it('reads a validation fault and never retries it with another status', async () => {
    const fault =
      '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>' +
      '<SOAP-ENV:Fault><faultcode>SOAP-ENV:Client.validationError</faultcode><faultstring>Invalid ' +
      'version pw-secret</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>';
    const server = await serve([{ status: 400, body: fault }]);
    const result = await fetchFrom(server.origin);
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'bad_request', retryable: false });
    expect(error.message).toContain('Invalid version ***');
    expect(error.message).not.toContain('pw-secret');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers['content-type']).toContain('text/xml');
    expect(server.requests[0]?.url).toBe('/ccx/service/acme/Human_Resources/v44.0');
    expect(server.requests[0]?.body).toContain('<wsse:Username>ISU@acme</wsse:Username>');
  });
});
