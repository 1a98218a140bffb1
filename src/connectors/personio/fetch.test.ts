import { describe, expect, it } from 'vitest';
import type { FetchItem } from '../connector.ts';
import {
  createTestContext,
  employeesById,
  expectConnectorError,
  runTargetFetch,
  runTestFetch,
  targetFetchOptions,
} from '../testing/run.ts';
import { closeAfterEach } from '../testing/close-after-each.ts';
import { PERSONIO_REQUESTED_ATTRIBUTES } from './api.ts';
import { UNKNOWN_SECRET, startPersonioTarget } from './emulator-target.ts';

const start = closeAfterEach(startPersonioTarget);

const pageErrors = (items: FetchItem[]) => items.filter((i) => i.kind === 'page_error');

describe('Personio fetch against the emulator', () => {
  it('pages to the end with one token, every status mapped by the lifecycle rules', async () => {
    const t = await start({ company: { size: 250, rehireShare: 0.05, leaveShare: 0.08 } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.recordErrors).toEqual([]);
    expect(pageErrors(result.items)).toEqual([]);
    const { company, stats } = t.emulator;
    expect(stats.pages).toEqual([
      { offset: 0, limit: 100 },
      { offset: 100, limit: 100 },
      { offset: 200, limit: 100 },
    ]);
    expect(stats.byEndpoint).toEqual({ auth: 1, employees: 3 });
    const byId = employeesById(result);
    expect(byId.size).toBe(250);
    const lifecycles = new Set<string>();
    for (const person of company.all()) {
      lifecycles.add(person.lifecycle);
      const expected = company.isTerminated(person)
        ? 'terminated'
        : company.isFutureHire(person)
          ? 'pending'
          : 'active';
      expect(byId.get(person.id)?.employmentStatus, `person ${person.id}`).toBe(expected);
      expect(byId.get(person.id)?.startDate).toBe(person.startDate);
    }
    expect(lifecycles).toEqual(new Set(['active', 'leave', 'future', 'terminated', 'rehired']));
  });

  it('asks every page for exactly the allowlisted attributes', async () => {
    const t = await start({ company: { size: 120 } });
    expect((await runTargetFetch(t)).error).toBeUndefined();
    expect(t.emulator.stats.attributeRequests).toEqual([
      [...PERSONIO_REQUESTED_ATTRIBUTES],
      [...PERSONIO_REQUESTED_ATTRIBUTES],
    ]);
  });

  it('drops every sensitive attribute of a server that ignores the filter', async () => {
    const t = await start({ company: { size: 30 }, faults: { ignoreAttributeFilter: true } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.employees).toHaveLength(30);
    expect(JSON.stringify(result.items)).not.toContain('SENSITIVE-');
    expect(result.logs).not.toContain('SENSITIVE-');
  });

  it('warns when the credential cannot read status', async () => {
    const readable = PERSONIO_REQUESTED_ATTRIBUTES.filter((a) => a !== 'status');
    const t = await start({ company: { size: 20 }, faults: { readableAttributes: readable } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.employees).toHaveLength(20);
    expect(result.logs).toContain('without a status attribute');
  });

  it('waits out 429s with their Retry-After, then completes', async () => {
    const t = await start({ company: { size: 150 } });
    t.throttleNext(3, 4);
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.employees).toHaveLength(150);
    expect(result.usage.throttled).toBe(3);
    expect(result.sleeps.filter((ms) => ms === 4_000)).toHaveLength(3);
  });

  it('retries 5xx answers, and fails retryably when they do not stop', async () => {
    const t = await start({ company: { size: 150 }, faults: { serverErrorBurst: 2 } });
    const ok = await runTargetFetch(t);
    expect(ok.error).toBeUndefined();
    expect(ok.employees).toHaveLength(150);
    expect(ok.usage.retries).toBe(2);

    t.emulator.setFaults({ serverErrorBurst: 50 });
    const failed = await runTestFetch({ ...targetFetchOptions(t), maxAttempts: 2 });
    const error = expectConnectorError(failed);
    expect(error).toMatchObject({ code: 'unavailable', retryable: true });
    expect(error.message).toMatch(/Personio failed to answer the token request/);
  });

  it('reports a page whose body is cut off as a page error (read twice), no employees', async () => {
    const t = await start({ company: { size: 150 }, faults: { truncateAfterBytes: 700 } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.employees).toEqual([]);
    const errors = pageErrors(result.items);
    expect(errors).toMatchObject([{ page: 'offset 0', code: 'page_unreadable' }]);
    expect(JSON.stringify(errors)).toMatch(
      /closed before the response body ended.*after 2 attempts/,
    );
    expect(t.emulator.stats.pages).toHaveLength(2);
  });

  it('skips a page that is not JSON and goes on when the total is known', async () => {
    const t = await start({ company: { size: 250 }, faults: { invalidBodyAtOffset: 100 } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.employees).toHaveLength(150);
    expect(pageErrors(result.items)).toMatchObject([
      { page: 'offset 100', code: 'page_unreadable' },
    ]);
    expect(JSON.stringify(result.items)).not.toContain('<html>');
  });

  it('flags the snapshot incomplete when the directory changes between pages', async () => {
    const t = await start({ company: { size: 250 } });
    const { ctx } = createTestContext(targetFetchOptions(t));
    const items: FetchItem[] = [];
    for await (const item of t.connector.fetch(ctx)) {
      items.push(item);
      // Someone on the first page leaves the directory while Rollcall reads it.
      if (items.length === 100) t.emulator.company.remove(t.emulator.company.all()[3]?.id ?? '');
    }
    expect(items.filter((i) => i.kind === 'employee')).toHaveLength(249);
    expect(pageErrors(items)).toMatchObject([{ code: 'incomplete' }]);
  });

  it('gets a new token once when the old one expires mid-run', async () => {
    const t = await start({ company: { size: 250 } });
    const { ctx } = createTestContext(targetFetchOptions(t));
    const items: FetchItem[] = [];
    for await (const item of t.connector.fetch(ctx)) {
      items.push(item);
      if (items.length === 100) t.emulator.expireTokens();
    }
    expect(items.filter((i) => i.kind === 'employee')).toHaveLength(250);
    expect(t.emulator.stats.byEndpoint).toEqual({ auth: 2, employees: 4 });
  });

  it('follows one-time tokens handed over in the Authorization header', async () => {
    const t = await start({ company: { size: 250 }, faults: { rotateTokens: true } });
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.employees).toHaveLength(250);
    expect(t.emulator.stats.byEndpoint).toEqual({ auth: 1, employees: 3 });
  });

  it('fails clearly, without retrying, on wrong credentials; no secret in messages or logs', async () => {
    const t = await start({ company: { size: 10 } });
    const result = await runTargetFetch(t, { clientSecret: UNKNOWN_SECRET });
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false, status: 401 });
    expect(error.message).toContain('client ID and client secret');
    expect(result.usage.calls).toBe(1);
    for (const secret of [UNKNOWN_SECRET, t.emulator.clientSecret]) {
      expect(error.message).not.toContain(secret);
      expect(result.logs).not.toContain(secret);
    }
    expect(result.logs).not.toContain('papi-');
  });

  it('stops with auth_failed when the credential is revoked mid-run', async () => {
    const t = await start({ company: { size: 250 }, faults: { revokeAuthAfterCalls: 2 } });
    const result = await runTargetFetch(t);
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false });
    expect(result.employees).toHaveLength(100);
    expect(error.message).not.toContain(t.emulator.clientSecret);
  });
});
