import { SENSITIVE_MARKER } from '../../../emulators/shared/company.ts';
import { SENSITIVE_COLUMNS } from '../../../emulators/csv-sftp/render.ts';
import { startCsvSftpEmulator } from '../../../emulators/csv-sftp/server.ts';
import type { CsvSftpEmulatorOptions } from '../../../emulators/csv-sftp/server.ts';
import { normalizeEmail } from '../../core/employee.ts';
import type { ConformanceExpectations } from '../testing/conformance.ts';
import { runTestFetch, type TestFetchResult } from '../testing/run.ts';
import { csvSftp, csvSftpConfigSchema, type CsvSftpConfig } from './index.ts';
import { EMULATOR_TODAY } from '../testing/emulator-target.ts';

export { EMULATOR_TODAY };

/** A fingerprint no test server has (43 base64 characters). */
export const OTHER_FINGERPRINT = `SHA256:${'A'.repeat(43)}`;

export type CsvSftpEmulator = Awaited<ReturnType<typeof startCsvSftpEmulator>>;

/** The connector wired to a fresh emulator (test support; not shipped code). */
export interface CsvSftpTarget {
  emulator: CsvSftpEmulator;
  config: CsvSftpConfig;
  /** Runs a fetch with the config (or the config with these changes). */
  fetch(changes?: Partial<CsvSftpConfig>, signal?: AbortSignal): Promise<TestFetchResult>;
  /** What the rendered company file must yield with `idColumn: work_email`. */
  expected(): ConformanceExpectations & { recordErrors: number };
  sensitiveColumns: readonly string[];
  sensitiveMarker: string;
  close(): Promise<void>;
}

export async function startCsvSftpTarget(
  options: CsvSftpEmulatorOptions = {},
): Promise<CsvSftpTarget> {
  const emulator = await startCsvSftpEmulator({
    ...options,
    company: { today: EMULATOR_TODAY, ...options.company },
  });
  const config = csvSftpConfigSchema.parse({
    host: 'sftp.example.com',
    username: emulator.username,
    ...(emulator.password !== null ? { password: emulator.password } : {}),
    ...(options.password === false ? { privateKey: 'set by the test' } : {}),
    hostKeySha256: emulator.hostKeySha256,
    directory: emulator.directory,
    baseUrl: emulator.url,
  });
  const { company } = emulator;
  return {
    emulator,
    config,
    fetch: (changes = {}, signal) =>
      runTestFetch({
        connector: csvSftp,
        config: { ...config, ...changes },
        baseUrl: emulator.url,
        today: EMULATOR_TODAY,
        ...(signal ? { signal } : {}),
      }),
    expected() {
      // Mirrors the file: a missing email is a record error, a repeated one too (first wins).
      const ids = new Set<string>();
      const terminatedIds: string[] = [];
      let recordErrors = 0;
      for (const person of company.values()) {
        const email = normalizeEmail(person.email);
        if (email === null || ids.has(email)) {
          recordErrors += 1;
          continue;
        }
        ids.add(email);
        if (company.isTerminated(person)) terminatedIds.push(email);
      }
      const managers: Record<string, string> = {};
      const seen = new Set<string>();
      for (const person of company.values()) {
        const email = normalizeEmail(person.email);
        if (email === null || seen.has(email)) continue;
        seen.add(email);
        const managerEmail = normalizeEmail(company.manager(person)?.email);
        if (managerEmail !== null && managerEmail !== email && ids.has(managerEmail)) {
          managers[email] = managerEmail;
        }
      }
      return { externalIds: [...ids], terminatedIds, managers, recordErrors };
    },
    sensitiveColumns: SENSITIVE_COLUMNS,
    sensitiveMarker: SENSITIVE_MARKER,
    close: () => emulator.close(),
  };
}
