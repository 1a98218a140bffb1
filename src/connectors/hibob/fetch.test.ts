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
import { HIBOB_REQUESTED_FIELDS, HIBOB_SENSITIVE_CATEGORIES } from './api.ts';
import { UNKNOWN_TOKEN, requestedFieldIds, startHiBobTarget } from './emulator-target.ts';

const start = closeAfterEach(startHiBobTarget);

describe('HiBob fetch against the emulator', () => {
  it('streams the whole company, every status, in one request', async () => {
    const t = await start({ company: { size: 800, rehireShare: 0.05 } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.recordErrors).toEqual([]);
    const { company } = t.emulator;
    expect(result.employees).toHaveLength(company.size);
    const byId = employeesById(result);
    const seen = new Set<string>();
    for (const person of company.all()) {
      const expected = company.isTerminated(person)
        ? 'terminated'
        : company.isFutureHire(person)
          ? 'pending'
          : 'active';
      expect(byId.get(person.id)?.employmentStatus, `person ${person.id}`).toBe(expected);
      if (company.isOnLeave(person)) seen.add('leave');
    }
    // People on leave are Inactive in HiBob and must stay active here.
    expect(seen.has('leave')).toBe(true);
    expect(new Set(result.employees.map((e) => e.employmentStatus))).toEqual(
      new Set(['active', 'pending', 'terminated']),
    );
    expect(result.usage.calls).toBe(1);
    expect(t.emulator.stats.byEndpoint).toEqual({ 'people-search': 1 });
  });

  it('sends exactly the requested fields, showInactive and humanReadable APPEND', async () => {
    const t = await start({ company: { size: 5 } });
    expect((await runTargetFetch(t)).error).toBeUndefined();
    expect(t.emulator.stats.lastRequestBodies).toEqual([
      { fields: [...HIBOB_REQUESTED_FIELDS], showInactive: true, humanReadable: 'APPEND' },
    ]);
  });

  it('asks nothing from the sensitive categories but employment type and site country', async () => {
    const t = await start({ company: { size: 5 } });
    expect((await runTargetFetch(t)).error).toBeUndefined();
    const received = requestedFieldIds(t.emulator.stats.lastRequestBodies);
    expect(received.length).toBeGreaterThan(0);
    const categories: readonly string[] = HIBOB_SENSITIVE_CATEGORIES;
    const fromSensitive = received.filter((f) => categories.includes(f.split('.')[0] ?? ''));
    expect(fromSensitive).toEqual(['payroll.employment.type', 'address.siteCountry']);
    expect(received.filter((f) => t.connector.deniedFields.includes(f))).toEqual([]);
  });

  it('reads list fields answered as ids through the humanReadable names', async () => {
    const t = await start({ company: { size: 60 }, faults: { listValuesAsIds: true } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    const byId = employeesById(result);
    for (const person of t.emulator.company.all()) {
      expect(byId.get(person.id)).toMatchObject({
        department: person.department || null,
        jobTitle: person.title || null,
        employeeType: person.employmentType || null,
      });
    }
    expect(result.employees.some((e) => e.department !== null && /^\d+$/.test(e.department))).toBe(
      false,
    );
  });

  it('follows terminations, leave and rehires made between two syncs', async () => {
    const t = await start({ company: { size: 40, terminatedShare: 0.2 } });
    const { company } = t.emulator;
    const leaver = company.all().find((e) => company.isTerminated(e) && e.terminationDate);
    const [stayer, later, onLeave] = company
      .all()
      .filter((e) => e.lifecycleStatus === 'employed' && e.managerId !== null);
    if (!leaver || !stayer || !later || !onLeave) throw new Error('the company lacks people');
    company.rehire(leaver.id, '2026-06-01');
    company.terminate(stayer.id, '2026-06-10');
    company.terminate(later.id, '2026-07-31');
    company.startLeave(onLeave.id);
    const byId = employeesById(await runTargetFetch(t));
    expect(byId.get(leaver.id)).toMatchObject({
      employmentStatus: 'active',
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
    expect(byId.get(onLeave.id)).toMatchObject({ employmentStatus: 'active' });
  });

  it('waits out a 429 with its Retry-After, then succeeds', async () => {
    const t = await start({ company: { size: 30 } });
    t.throttleNext(2, 3);
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.employees).toHaveLength(30);
    expect(result.usage).toMatchObject({ calls: 3, throttled: 2 });
    expect(result.sleeps.filter((ms) => ms === 3_000)).toHaveLength(2);
  });

  it('waits until X-RateLimit-Reset when a 429 has no Retry-After', async () => {
    const t = await start({ company: { size: 30 }, faults: { retryAfterHeader: false } });
    t.throttleNext(2, 3);
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.usage).toMatchObject({ calls: 3, throttled: 2 });
    // Backoff alone would wait under 0.5 s and 1 s; the reset is 3–4 s away.
    const waits = result.sleeps.filter((ms) => ms > 0);
    expect(waits).toHaveLength(2);
    for (const ms of waits) expect(ms).toBeGreaterThan(2_500);
    for (const ms of waits) expect(ms).toBeLessThanOrEqual(4_000);
  });

  it('reports the 50-per-minute window that outlasts the retries as rate_limited', async () => {
    const t = await start({ company: { size: 5 }, peopleSearchPerMinute: 1 });
    expect((await runTargetFetch(t)).error).toBeUndefined();
    const result = await runTestFetch({ ...targetFetchOptions(t), maxAttempts: 2 });
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, status: 429 });
    expect(error.message).toContain('too.many.requests');
    expect(result.sleeps.some((ms) => ms > 50_000)).toBe(true);
  });

  it('stops at the first 401 (never retried: repeated failures get the IP blocked)', async () => {
    const t = await start({ company: { size: 5 } });
    const result = await runTargetFetch(t, { token: UNKNOWN_TOKEN });
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false, status: 401 });
    expect(error.message).toContain('unauthorized');
    expect(result.usage.calls).toBe(1);
    expect(t.emulator.stats.requests).toBe(1);
  });

  it('stops at the first 403 of a service user without a permission group', async () => {
    const t = await start({ company: { size: 5 }, faults: { permissionGroup: false } });
    const result = await runTargetFetch(t);
    expect(expectConnectorError(result)).toMatchObject({ code: 'forbidden', retryable: false });
    expect(t.emulator.stats.requests).toBe(1);
  });

  it('reports a revoked token as auth_failed, and the WAF block as forbidden', async () => {
    const t = await start({
      company: { size: 5 },
      faults: { revokeAuthAfterCalls: 1 },
      waf: { failures: 2 },
    });
    expect((await runTargetFetch(t)).error).toBeUndefined();
    expect(expectConnectorError(await runTargetFetch(t))).toMatchObject({ code: 'auth_failed' });
    expect(expectConnectorError(await runTargetFetch(t))).toMatchObject({ code: 'auth_failed' });
    t.emulator.setFaults({ revokeAuthAfterCalls: undefined });
    const blocked = expectConnectorError(await runTargetFetch(t));
    expect(blocked).toMatchObject({ code: 'forbidden', retryable: false, status: 403 });
    expect(blocked.message).toContain('ip.blocked');
    expect(t.emulator.stats.requests).toBe(4);
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

  it('reports a body cut mid-JSON as truncated, after streaming what arrived', async () => {
    const t = await start({ company: { size: 600 }, faults: { truncateAfterBytes: 100_000 } });
    const result = await runTargetFetch(t);
    expect(expectConnectorError(result)).toMatchObject({ code: 'truncated', retryable: true });
    // Elements came out before the body ended: the answer is parsed as it streams.
    expect(result.employees.length).toBeGreaterThan(20);
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

  it('silently misses inactive people when the service user cannot see them (docs warn)', async () => {
    const t = await start({ company: { size: 200 } });
    const { company } = t.emulator;
    const full = await runTargetFetch(t);
    t.emulator.setFaults({ accessToInactive: false });
    const partial = await runTargetFetch(t);
    expect(partial.error).toBeUndefined();
    const inactive = company.all().filter((e) => company.isInactive(e));
    expect(inactive.some((e) => company.isOnLeave(e))).toBe(true);
    expect(partial.employees).toHaveLength(full.employees.length - inactive.length);
    expect(partial.employees.filter((e) => e.employmentStatus === 'terminated')).toEqual([]);
    const ids = new Set(partial.employees.map((e) => e.externalId));
    expect(inactive.filter((e) => ids.has(e.id))).toEqual([]);
  });

  it('maps hidden fields to null and warns when Inactive people cannot be explained', async () => {
    const t = await start({
      company: { size: 100 },
      faults: { hiddenFields: ['payroll', 'internal.lifecycleStatus', 'internal.terminationDate'] },
    });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.employees.every((e) => e.employeeType === null)).toBe(true);
    // Without lifecycle and dates, nobody can be shown to have left: all stay active or pending.
    expect(result.employees.filter((e) => e.employmentStatus === 'terminated')).toEqual([]);
    expect(result.logs).toMatch(/"unexplainedInactive":\d+/);
  });
});

const SAMPLE = sharedSample('hibob', 'people-search.response.json');

describe.skipIf(SAMPLE === null)('HiBob fetch of the shared sample, served verbatim', () => {
  it('maps both recorded employees', async () => {
    const t = await start(SAMPLE === null ? {} : { fixture: SAMPLE });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.recordErrors).toEqual([]);
    expect(result.employees.map((e) => e.externalId)).toEqual([
      '2378379585948483884',
      '2834190035467633537',
    ]);
  });
});
