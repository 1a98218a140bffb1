import { describe, expect, it } from 'vitest';
import { expectCommonArgumentHandling, startCli } from '../shared/cli-testing.ts';
import { runBambooHrEmulatorCli } from './main.ts';
import { basicAuth } from './test-helpers.ts';

describe('runBambooHrEmulatorCli', () => {
  it('prints the URL, domain and key, serves, and stops on abort', async () => {
    const key = 'c'.repeat(40);
    const cli = await startCli(runBambooHrEmulatorCli, [
      ...['--port', '0', '--employees', '25', '--seed', '4'],
      ...['--domain', 'initech', '--api-key', key],
    ]);
    expect(cli.banner).toContain('company domain: initech');
    expect(cli.banner).toContain(`API key:        ${key}`);
    const res = await fetch(`${cli.url}/api/gateway.php/initech/v1/employees/directory`, {
      headers: { authorization: basicAuth(key), accept: 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(await cli.stop()).toBe(0);
    await expect(fetch(`${cli.url}/api/v1/meta/lists`)).rejects.toThrow();
  });

  it('exits 2 with usage on bad arguments, 0 with --help', async () => {
    expect(await expectCommonArgumentHandling(runBambooHrEmulatorCli, 'bamboohr')).toContain(
      '--rate-limit-status',
    );
  });
});
