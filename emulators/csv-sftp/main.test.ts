import { describe, expect, it } from 'vitest';
import { csvSftp, csvSftpConfigSchema } from '../../src/connectors/csv-sftp/index.ts';
import { runTestFetch } from '../../src/connectors/testing/run.ts';
import { expectCommonArgumentHandling, startCli } from '../shared/cli-testing.ts';
import { runCsvSftpEmulatorCli } from './main.ts';

describe('runCsvSftpEmulatorCli', () => {
  it('prints the URL, credentials and host key, serves, and stops on abort', async () => {
    const cli = await startCli(runCsvSftpEmulatorCli, [
      ...['--port', '0', '--employees', '25', '--seed', '4'],
      ...['--password', 'pw-1', '--today', '2026-06-15'],
    ]);
    expect(cli.url).toMatch(/^sftp:\/\//);
    const hostKeySha256 = /host key:\s+(SHA256:\S+)/.exec(cli.banner)?.[1];
    expect(cli.banner).toContain('password:   pw-1');
    const config = csvSftpConfigSchema.parse({
      host: 'sftp.example.com',
      username: 'rollcall',
      password: 'pw-1',
      hostKeySha256,
      directory: '/outbound',
    });
    const result = await runTestFetch({
      connector: csvSftp,
      config,
      baseUrl: cli.url,
      today: '2026-06-15',
    });
    expect(result.error).toBeUndefined();
    expect(result.employees.length).toBeGreaterThan(20);
    expect(await cli.stop()).toBe(0);
  });

  it('exits 2 with usage on bad arguments, 0 with --help', async () => {
    expect(await expectCommonArgumentHandling(runCsvSftpEmulatorCli, 'csv-sftp')).toContain(
      '--truncate-at',
    );
  });
});
