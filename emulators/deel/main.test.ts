import { describe, expect, it } from 'vitest';
import { expectCommonArgumentHandling, startCli } from '../shared/cli-testing.ts';
import { runDeelEmulatorCli } from './main.ts';
import { SANDBOX_DEEL, startDeelSandbox } from './sandbox.ts';

describe('runDeelEmulatorCli', () => {
  it('prints the URL and key, serves, and stops on abort', async () => {
    const cli = await startCli(runDeelEmulatorCli, [
      ...['--port', '0', '--employees', '25', '--seed', '4'],
      ...['--api-token', 'k-1', '--no-page'],
    ]);
    const { url } = cli;
    expect(cli.banner).toContain('API token: k-1');
    expect(cli.banner).toContain('employees: 25 (seed 4');
    const res = await fetch(`${url}/rest/v2/people?limit=100`, {
      headers: { authorization: 'Bearer k-1' },
    });
    const body = (await res.json()) as { data: unknown[] };
    expect(body.data).toHaveLength(25);
    expect(body).not.toHaveProperty('page');
    expect(await cli.stop()).toBe(0);
  });

  it('exits 2 with usage on bad arguments, 0 with --help', async () => {
    expect(await expectCommonArgumentHandling(runDeelEmulatorCli, 'deel')).toContain('--api-token');
  });
});

describe('startDeelSandbox', () => {
  it('serves the sandbox company on loopback with the public key', async () => {
    const sandbox = await startDeelSandbox();
    try {
      expect(sandbox).toMatchObject({ connectorId: 'deel', config: SANDBOX_DEEL });
      expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${sandbox.baseUrl}/rest/v2/people?limit=100&offset=100`, {
        headers: { authorization: `Bearer ${SANDBOX_DEEL.apiToken}` },
      });
      const { data, page } = (await res.json()) as {
        data: { emails: { type: string; value: string | null }[] }[];
        page: { total_rows: number };
      };
      expect(page.total_rows).toBe(120);
      const work = data.flatMap((p) => p.emails.filter((e) => e.type === 'work'));
      expect(work.some((e) => e.value?.endsWith('@sandbox-deel.example'))).toBe(true);
    } finally {
      await sandbox.close();
    }
  });
});
