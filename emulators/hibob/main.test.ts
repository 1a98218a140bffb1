import { describe, expect, it } from 'vitest';
import { runHiBobEmulatorCli } from './main.ts';
import { basicAuth } from './test-helpers.ts';

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

describe('runHiBobEmulatorCli', () => {
  it('prints the URL and credentials, serves, and stops on abort', async () => {
    const stdout = capture();
    const controller = new AbortController();
    const running = runHiBobEmulatorCli(
      [
        '--port',
        '0',
        '--employees',
        '25',
        '--seed',
        '4',
        '--service-user-id',
        'SERVICE-77',
        '--token',
        'tok-en',
        '--no-inactive-access',
      ],
      { stdout, signal: controller.signal },
    );
    for (let i = 0; i < 100 && !stdout.text().includes('Ctrl+C'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const url = /listening on (http:\/\/\S+)/.exec(stdout.text())?.[1];
    expect(url).toBeDefined();
    expect(stdout.text()).toContain('service user ID: SERVICE-77');
    expect(stdout.text()).toContain('token:           tok-en');
    expect(stdout.text()).toContain('inactive people: hidden');
    const res = await fetch(`${url}/v1/people/search`, {
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
    controller.abort();
    expect(await running).toBe(0);
    await expect(fetch(`${url}/v1/company/named-lists`)).rejects.toThrow();
  });

  it('exits 2 with usage on bad arguments, 0 with --help', async () => {
    const stderr = capture();
    expect(await runHiBobEmulatorCli(['--employees', 'lots'], { stderr })).toBe(2);
    expect(stderr.text()).toContain('Usage: rollcall emulator hibob');
    expect(await runHiBobEmulatorCli(['--bogus'], { stderr: capture() })).toBe(2);
    expect(await runHiBobEmulatorCli(['--employees', '300000'], { stderr: capture() })).toBe(2);
    const stdout = capture();
    expect(await runHiBobEmulatorCli(['--help'], { stdout })).toBe(0);
    expect(stdout.text()).toContain('--no-inactive-access');
  });
});
