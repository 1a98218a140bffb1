import { afterEach, describe, expect, it } from 'vitest';
import { normalizedEmployeeSchema } from '../../core/employee.ts';
import { NEVER_ACCESSED } from '../connector.ts';
import { expectConnectorError } from '../testing/run.ts';
import { startCsvSftpTarget, type CsvSftpTarget } from './emulator-target.ts';
import { csvSftp } from './index.ts';

/**
 * The shared conformance suite (testing/conformance.ts), point by point, for a connector that does
 * not speak HTTP. The shared suite cannot run here as is: its rate-limit point needs HTTP 429
 * answers, `usage.throttled` and the HTTP client's recorded sleeps, none of which exist over SFTP
 * (one connection, one file, no vendor rate limit). Every other point is checked below with the
 * same assertions; the rate-limit point becomes "one connection per sync, a refused login is not
 * retried".
 */
describe('connector conformance: csv-sftp (SFTP edition)', () => {
  let target: CsvSftpTarget | undefined;
  afterEach(async () => {
    await target?.close();
    target = undefined;
  });
  const start = async (size = 150): Promise<CsvSftpTarget> => {
    target = await startCsvSftpTarget({ company: { size } });
    return target;
  };

  it('declares itself completely', async () => {
    const t = await start(1);
    expect(csvSftp.id).toMatch(/^[a-z0-9-]+$/);
    expect(csvSftp.docs).toBe(`docs/connectors/${csvSftp.id}.md`);
    expect(csvSftp.allowedHosts).toEqual(['*']);
    expect(csvSftp.rateLimit.requestsPerSecond).toBeGreaterThan(0);
    expect(csvSftp.rateLimit.burst).toBeGreaterThanOrEqual(1);
    expect(csvSftp.rateLimit.description).not.toBe('');
    expect([...csvSftp.neverAccessed].sort()).toEqual([...NEVER_ACCESSED].sort());
    expect(csvSftp.providedFields).toContain('externalId');
    expect(csvSftp.providedFields).toContain('employmentStatus');
    expect(csvSftp.configSchema.safeParse(t.config).success).toBe(true);
  });

  it('connects with a valid config and yields valid employees', async () => {
    const t = await start();
    const result = await t.fetch();
    expect(result.error).toBeUndefined();
    expect(result.employees.length).toBeGreaterThan(0);
    for (const employee of result.employees) normalizedEmployeeSchema.parse(employee);
  });

  it('fails with a clear, non-retryable error on invalid credentials', async () => {
    const t = await start();
    const wrong = 'wrong-password-0000000000';
    const result = await t.fetch({ password: wrong });
    const error = expectConnectorError(result);
    expect(error.code).toBe('auth_failed');
    expect(error.retryable).toBe(false);
    expect(error.message.length).toBeGreaterThan(20);
    expect(result.employees).toEqual([]);
    for (const secret of [t.config.password ?? '', wrong]) {
      expect(error.message).not.toContain(secret);
      expect(result.logs).not.toContain(secret);
    }
  });

  it('reaches the end of a large file, each person exactly once', async () => {
    const t = await start(1_500);
    const result = await t.fetch();
    expect(result.error).toBeUndefined();
    const ids = result.employees.map((e) => e.externalId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...t.expected().externalIds].sort());
    // The rest are the rows the generated company makes bad on purpose (no or repeated email).
    expect(result.recordErrors.length).toBe(t.expected().recordErrors);
    expect(t.emulator.stats.bytesServed).toBeGreaterThan(100_000);
  });

  it('stands in for rate limiting: one connection per sync, a refused login is not retried', async () => {
    const t = await start();
    expect((await t.fetch()).error).toBeUndefined();
    expect(t.emulator.stats.connections).toBe(1);
    t.emulator.setFaults({ refuseLogins: 1 });
    expectConnectorError(await t.fetch());
    expect(t.emulator.stats.connections).toBe(2);
    expect(t.emulator.stats.authFailures).toBe(1);
  });

  it('completes a file without rows without yielding anyone (never a wipe by itself)', async () => {
    const t = await start();
    t.emulator.company.clear();
    await t.emulator.writeCompany();
    const result = await t.fetch();
    expect(result.error).toBeUndefined();
    expect(result.items).toEqual([]);
  });

  it('recognises terminated people', async () => {
    const t = await start();
    const result = await t.fetch();
    const expected = t.expected().terminatedIds;
    expect(expected.length).toBeGreaterThan(0);
    const terminated = result.employees
      .filter((e) => e.employmentStatus === 'terminated')
      .map((e) => e.externalId);
    expect([...terminated].sort()).toEqual([...expected].sort());
    // Future hires carry no status in the file: pending from their start date.
    const future = t.emulator.company.all().filter((p) => p.lifecycle === 'future' && p.email);
    const pending = new Set(
      result.employees.filter((e) => e.employmentStatus === 'pending').map((e) => e.externalId),
    );
    expect(future.length).toBeGreaterThan(0);
    for (const person of future) expect(pending.has(person.email?.toLowerCase() ?? '')).toBe(true);
  });

  it('resolves managers to people of the same snapshot', async () => {
    const t = await start();
    const result = await t.fetch();
    const ids = new Set(result.employees.map((e) => e.externalId));
    const managers: Record<string, string> = {};
    for (const e of result.employees) {
      if (e.managerExternalId === null) continue;
      expect(ids.has(e.managerExternalId)).toBe(true);
      managers[e.externalId] = e.managerExternalId;
    }
    expect(Object.keys(t.expected().managers).length).toBeGreaterThan(0);
    expect(managers).toEqual(t.expected().managers);
  });

  it('never reads a denied column, and no sensitive value reaches the output or logs', async () => {
    const t = await start();
    const result = await t.fetch();
    expect(result.error).toBeUndefined();
    // The file does carry them: the connector skips them while parsing.
    expect(result.logs).toMatch(
      /"ignoredColumns":\["salary","ssn","home_address","date_of_birth"\]/,
    );
    for (const column of t.sensitiveColumns) expect(csvSftp.deniedFields).toContain(column);
    expect(csvSftp.requestedFields.filter((f) => csvSftp.deniedFields.includes(f))).toEqual([]);
    expect(JSON.stringify(result.items)).not.toContain(t.sensitiveMarker);
    expect(result.logs).not.toContain(t.sensitiveMarker);
    expect(result.logs).not.toContain(t.config.password ?? '');
  });
});
