import { describe, expect, it } from 'vitest';
import {
  employeesById,
  expectConnectorError,
  runTargetFetch,
  runTestFetch,
  targetFetchOptions,
} from '../testing/run.ts';
import { closeAfterEach } from '../testing/close-after-each.ts';
import { UNKNOWN_TOKEN, startNamelyTarget } from './emulator-target.ts';

const start = closeAfterEach(startNamelyTarget);

describe('Namely fetch against the emulator', () => {
  it('pages 50 at a time to the first short page, every status, groups resolved', async () => {
    const t = await start({ company: { size: 230, rehireShare: 0.05 } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.recordErrors).toEqual([]);
    const { company } = t.emulator;
    const byId = employeesById(result);
    expect(byId.size).toBe(230);
    for (const person of company.all()) {
      const expected = company.isTerminated(person)
        ? 'terminated'
        : company.isFutureHire(person)
          ? 'pending'
          : 'active';
      expect(byId.get(person.id), `person ${person.id}`).toMatchObject({
        employmentStatus: expected,
        department: person.department,
        location: person.location,
        jobTitle: person.title,
      });
    }
    expect(t.emulator.stats.lastRequests).toEqual(
      [1, 2, 3, 4, 5].map((page) => `/api/v1/profiles?page=${page}&per_page=50`),
    );
    expect(result.logs).not.toContain('SENSITIVE-');
    expect(result.logs).not.toContain(t.emulator.token);
  });

  it('reads one more (empty) page when the directory is a multiple of 50', async () => {
    const t = await start({ company: { size: 100 } });
    const result = await runTargetFetch(t);
    expect(result.employees).toHaveLength(100);
    expect(t.emulator.stats.byEndpoint).toEqual({ profiles: 3 });
  });

  it('treats 406 as rate limiting: retried, counted as throttled, Retry-After honoured', async () => {
    const t = await start({ company: { size: 30 } });
    t.throttleNext(2, 3);
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.employees).toHaveLength(30);
    expect(result.usage).toMatchObject({ calls: 3, throttled: 2, retries: 2 });
    expect(result.sleeps.filter((ms) => ms === 3_000)).toHaveLength(2);
  });

  it('backs off on the real 406 (no Retry-After) and reports a lasting one as rate_limited', async () => {
    const t = await start({ company: { size: 30 }, profilesPerMinute: 1 });
    expect((await runTargetFetch(t)).error).toBeUndefined();
    const result = await runTestFetch({ ...targetFetchOptions(t), maxAttempts: 3 });
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, status: 406 });
    expect(error.message).toContain('Rate limit exceeded');
    expect(result.usage).toMatchObject({ calls: 3, throttled: 3 });
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
    const t = await start({ company: { size: 160 }, faults: { htmlPage: 2 } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.items.filter((item) => item.kind === 'page_error')).toEqual([
      expect.objectContaining({ page: '/api/v1/profiles?page=2', code: 'invalid_payload' }),
    ]);
    expect(result.employees).toHaveLength(110);
  });

  it('stops at a truncated first page with a page_error (no count to go on with)', async () => {
    const t = await start({ company: { size: 30 }, faults: { truncateAfterBytes: 500 } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.items).toEqual([
      expect.objectContaining({ kind: 'page_error', code: 'truncated' }),
    ]);
  });

  it('stops at the first 401 with a clear message and no secret in it', async () => {
    const t = await start({ company: { size: 5 } });
    const result = await runTargetFetch(t, { token: UNKNOWN_TOKEN });
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false, status: 401 });
    expect(error.message).toContain('personal access token');
    expect(error.message).not.toContain(UNKNOWN_TOKEN);
    expect(result.logs).not.toContain(UNKNOWN_TOKEN);
    expect(t.emulator.stats.requests).toBe(1);
  });

  it('reports a token whose creator left as forbidden, and a revoked one as auth_failed', async () => {
    const t = await start({ company: { size: 120 }, faults: { creatorInactive: true } });
    const forbidden = expectConnectorError(await runTargetFetch(t));
    expect(forbidden).toMatchObject({ code: 'forbidden', retryable: false, status: 403 });
    expect(forbidden.message).toContain('inactive');
    t.emulator.setFaults({ creatorInactive: undefined, revokeAuthAfterCalls: 2 });
    expect(expectConnectorError(await runTargetFetch(t))).toMatchObject({ code: 'auth_failed' });
  });
});
