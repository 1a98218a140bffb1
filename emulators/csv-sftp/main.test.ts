import { describe, expect, it } from 'vitest';
import { csvSftp, csvSftpConfigSchema } from '../../src/connectors/csv-sftp/index.ts';
import { runTestFetch } from '../../src/connectors/testing/run.ts';
import { runCsvSftpEmulatorCli } from './main.ts';

function capture(): { write(text: string): boolean; text: () => string } {
  let out = '';
  return {
    write(text: string) {
      out += text;
      return true;
    },
    text: () => out,
  };
}

describe('runCsvSftpEmulatorCli', () => {
  it('prints the URL, credentials and host key, serves, and stops on abort', async () => {
    const stdout = capture();
    const controller = new AbortController();
    const running = runCsvSftpEmulatorCli(
      [
        '--port',
        '0',
        '--employees',
        '25',
        '--seed',
        '4',
        '--password',
        'pw-1',
        '--today',
        '2026-06-15',
      ],
      { stdout, signal: controller.signal },
    );
    for (let i = 0; i < 100 && !stdout.text().includes('Ctrl+C'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const text = stdout.text();
    const url = /listening on (sftp:\/\/\S+)/.exec(text)?.[1];
    const hostKeySha256 = /host key:\s+(SHA256:\S+)/.exec(text)?.[1];
    expect(url).toBeDefined();
    expect(text).toContain('password:   pw-1');
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
      baseUrl: url ?? '',
      today: '2026-06-15',
    });
    expect(result.error).toBeUndefined();
    expect(result.employees.length).toBeGreaterThan(20);
    controller.abort();
    expect(await running).toBe(0);
  });

  it('exits 2 with usage on bad arguments, 0 with --help', async () => {
    const stderr = capture();
    expect(await runCsvSftpEmulatorCli(['--employees', 'lots'], { stderr })).toBe(2);
    expect(stderr.text()).toContain('Usage: rollcall emulator csv-sftp');
    expect(await runCsvSftpEmulatorCli(['--bogus'], { stderr: capture() })).toBe(2);
    expect(await runCsvSftpEmulatorCli(['--employees', '300000'], { stderr: capture() })).toBe(2);
    const stdout = capture();
    expect(await runCsvSftpEmulatorCli(['--help'], { stdout })).toBe(0);
    expect(stdout.text()).toContain('--truncate-at');
  });
});
