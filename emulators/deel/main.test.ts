import { describe, expect, it } from 'vitest';
import { runDeelEmulatorCli } from './main.ts';
import { SANDBOX_DEEL, startDeelSandbox } from './sandbox.ts';

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

describe('runDeelEmulatorCli', () => {
  it('prints the URL and key, serves, and stops on abort', async () => {
    const stdout = capture();
    const controller = new AbortController();
    const running = runDeelEmulatorCli(
      ['--port', '0', '--employees', '25', '--seed', '4', '--api-token', 'k-1', '--no-page'],
      { stdout, signal: controller.signal },
    );
    for (let i = 0; i < 100 && !stdout.text().includes('Ctrl+C'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const url = /listening on (http:\/\/\S+)/.exec(stdout.text())?.[1];
    expect(url).toBeDefined();
    expect(stdout.text()).toContain('API token: k-1');
    expect(stdout.text()).toContain('employees: 25 (seed 4');
    const res = await fetch(`${url}/rest/v2/people?limit=100`, {
      headers: { authorization: 'Bearer k-1' },
    });
    const body = (await res.json()) as { data: unknown[] };
    expect(body.data).toHaveLength(25);
    expect(body).not.toHaveProperty('page');
    controller.abort();
    expect(await running).toBe(0);
  });

  it('exits 2 with usage on bad arguments, 0 with --help', async () => {
    const stderr = capture();
    expect(await runDeelEmulatorCli(['--employees', 'lots'], { stderr })).toBe(2);
    expect(stderr.text()).toContain('Usage: rollcall emulator deel');
    expect(await runDeelEmulatorCli(['--bogus'], { stderr: capture() })).toBe(2);
    expect(await runDeelEmulatorCli(['--employees', '300000'], { stderr: capture() })).toBe(2);
    const stdout = capture();
    expect(await runDeelEmulatorCli(['--help'], { stdout })).toBe(0);
    expect(stdout.text()).toContain('--api-token');
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
