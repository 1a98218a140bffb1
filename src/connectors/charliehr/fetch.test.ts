import { describe, expect, it } from 'vitest';
import {
  employeesById,
  expectConnectorError,
  runTargetFetch,
  runTestFetch,
  targetFetchOptions,
} from '../testing/run.ts';
import { closeAfterEach } from '../testing/close-after-each.ts';
import { UNKNOWN_SECRET, startCharlieHrTarget } from './emulator-target.ts';

const start = closeAfterEach(startCharlieHrTarget);

describe('CharlieHR fetch against the emulator', () => {
  for (const nextUrlStyle of ['query', 'absolute'] as const) {
    it(`follows next_url (${nextUrlStyle}) to the end and joins teams and offices`, async () => {
      const t = await start({ company: { size: 120, rehireShare: 0.05 }, nextUrlStyle });
      const result = await runTargetFetch(t);
      expect(result.error).toBeUndefined();
      expect(result.recordErrors).toEqual([]);
      const { company, directory } = t.emulator;
      const byId = employeesById(result);
      expect(byId.size).toBe(120);
      for (const person of company.all()) {
        const status = company.isTerminated(person)
          ? 'terminated'
          : company.isFutureHire(person)
            ? 'pending'
            : 'active';
        expect(byId.get(person.id), person.id).toMatchObject({
          employmentStatus: status,
          department: person.department,
          jobTitle: person.title,
          location: person.location,
          country: person.countryCode,
          managerExternalId: person.managerId,
          startDate: person.startDate,
          terminationDate: person.lifecycle === 'rehired' ? null : directory.endDateOf(person),
        });
      }
      // 120 people at the assumed 25 a page.
      expect(t.emulator.stats.byEndpoint['team_members']).toBe(5);
      expect(t.emulator.stats.lastUrls.at(-1)).toBe('/api/v1/team_members?page=5&per_page=25');
    });
  }

  it('sends the Token header of both clients, and fails at the first 401 without leaking it', async () => {
    const t = await start({ company: { size: 5 } });
    const result = await runTargetFetch(t, { clientSecret: UNKNOWN_SECRET });
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false, status: 401 });
    expect(error.message).toContain('Invalid API credentials');
    expect(t.emulator.stats.requests).toBe(1);
    for (const secret of [UNKNOWN_SECRET, t.emulator.clientSecret]) {
      expect(error.message).not.toContain(secret);
      expect(result.logs).not.toContain(secret);
    }
  });

  it('waits out 429s with their Retry-After, and retries a 5xx burst', async () => {
    const t = await start({ company: { size: 30 } });
    t.throttleNext(2, 4);
    const result = await runTargetFetch(t);
    expect(result.error).toBeUndefined();
    expect(result.employees).toHaveLength(30);
    expect(result.usage.throttled).toBe(2);
    expect(result.sleeps.filter((ms) => ms === 4_000)).toHaveLength(2);
    t.emulator.setFaults({ serverErrorBurst: 2 });
    expect((await runTargetFetch(t)).employees).toHaveLength(30);
    t.emulator.setFaults({ serverErrorBurst: 50 });
    const error = expectConnectorError(
      await runTestFetch({ ...targetFetchOptions(t), maxAttempts: 2 }),
    );
    expect(error).toMatchObject({ code: 'unavailable', retryable: true });
  });

  it('stops with auth_failed when the credentials are revoked mid-run', async () => {
    const t = await start({ company: { size: 60 }, faults: { revokeAuthAfterCalls: 3 } });
    const result = await runTargetFetch(t);
    expect(expectConnectorError(result)).toMatchObject({ code: 'auth_failed' });
    expect(result.employees).toHaveLength(25);
  });

  for (const kind of ['truncated', 'html', 'no-success'] as const) {
    it(`reports a broken team-members page (${kind}) as a page error`, async () => {
      const t = await start({
        company: { size: 60 },
        faults: { brokenPages: { list: 'team_members', fromPage: 1, kind } },
      });
      const result = await runTargetFetch(t);
      expect(result.error).toBeUndefined();
      expect(result.employees).toHaveLength(25);
      expect(result.items.at(-1)).toMatchObject({
        kind: 'page_error',
        page: 'the CharlieHR team members, page 2',
        code: kind === 'truncated' ? 'truncated' : 'invalid_payload',
      });
    });
  }

  it('fails when the teams cannot be read rather than blank every department', async () => {
    const t = await start({
      company: { size: 5 },
      faults: { brokenPages: { list: 'teams', fromPage: 0, kind: 'html' } },
    });
    const result = await runTargetFetch(t);
    expect(expectConnectorError(result)).toMatchObject({ code: 'invalid_payload' });
    expect(result.items).toEqual([]);
  });
});
