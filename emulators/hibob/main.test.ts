import { describe, expect, it } from 'vitest';
import { expectCommonArgumentHandling, startCli } from '../shared/cli-testing.ts';
import { runHiBobEmulatorCli } from './main.ts';
import { basicAuth } from './test-helpers.ts';

describe('runHiBobEmulatorCli', () => {
  it('prints the URL and credentials, serves, and stops on abort', async () => {
    const cli = await startCli(runHiBobEmulatorCli, [
      ...['--port', '0', '--employees', '25', '--seed', '4'],
      ...['--service-user-id', 'SERVICE-77', '--token', 'tok-en', '--no-inactive-access'],
    ]);
    expect(cli.banner).toContain('service user ID: SERVICE-77');
    expect(cli.banner).toContain('token:           tok-en');
    expect(cli.banner).toContain('inactive people: hidden');
    const res = await fetch(`${cli.url}/v1/people/search`, {
      method: 'POST',
      headers: {
        authorization: basicAuth('SERVICE-77', 'tok-en'),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ fields: ['internal.status'], showInactive: true }),
    });
    const { employees } = (await res.json()) as { employees: { internal: { status: string } }[] };
    expect(employees.length).toBeGreaterThan(0);
    expect(employees.length).toBeLessThan(25);
    expect(employees.every((e) => e.internal.status === 'Active')).toBe(true);
    expect(await cli.stop()).toBe(0);
    await expect(fetch(`${cli.url}/v1/company/named-lists`)).rejects.toThrow();
  });

  it('exits 2 with usage on bad arguments, 0 with --help', async () => {
    expect(await expectCommonArgumentHandling(runHiBobEmulatorCli, 'hibob')).toContain(
      '--no-inactive-access',
    );
  });
});
