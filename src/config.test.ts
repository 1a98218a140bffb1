import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives the embedded defaults on an empty environment', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toMatchObject({
      dataDir: '/srv/app/data',
      databaseUrl: undefined,
      host: '127.0.0.1',
      port: 3000,
      secureCookies: false,
      demo: true,
      tls: undefined,
    });
  });

  it('turns the demo off on PostgreSQL and secure cookies on behind an https public URL', () => {
    const config = loadConfig(
      { DATABASE_URL: 'postgres://db/rollcall', ROLLCALL_PUBLIC_URL: 'https://learn.example.com' },
      '/srv',
    );
    expect(config.demo).toBe(false);
    expect(config.secureCookies).toBe(true);
  });

  it('lists every bad variable in one error', () => {
    let caught: unknown;
    try {
      loadConfig(
        { ROLLCALL_PORT: 'eighty', DATABASE_URL: 'mysql://x', ROLLCALL_TLS_CERT: '/c.pem' },
        '/',
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    expect(problems).toMatch(/ROLLCALL_PORT/);
    expect(problems).toMatch(/DATABASE_URL/);
    expect(problems).toMatch(/ROLLCALL_TLS_KEY/);
    expect((caught as ConfigError).problems).toHaveLength(3);
  });

  it('ignores empty variables and unrelated ones', () => {
    expect(loadConfig({ ROLLCALL_PORT: '', HOME: '/root' }, '/').port).toBe(3000);
  });

  it('reads previous secret keys as a comma list, only alongside ROLLCALL_SECRET_KEY', () => {
    const current = 'aa'.repeat(32);
    const old = ['bb'.repeat(32), 'CC'.repeat(32)];
    expect(loadConfig({}, '/').previousSecretKeysHex).toEqual([]);
    const config = loadConfig(
      { ROLLCALL_SECRET_KEY: current, ROLLCALL_PREVIOUS_SECRET_KEYS: ` ${old[0]}, ${old[1]},` },
      '/',
    );
    expect(config.previousSecretKeysHex).toEqual(old);

    const problemsOf = (env: Record<string, string>): string[] => {
      try {
        loadConfig(env, '/');
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    };
    const bad = problemsOf({
      ROLLCALL_SECRET_KEY: current,
      ROLLCALL_PREVIOUS_SECRET_KEYS: `${old[0]},not-a-key-0123`,
    });
    expect(bad).toEqual([expect.stringMatching(/^ROLLCALL_PREVIOUS_SECRET_KEYS.*64 hex/)]);
    expect(bad.join('\n')).not.toContain('not-a-key-0123');
    expect(bad.join('\n')).not.toContain(old[0]);
    expect(problemsOf({ ROLLCALL_PREVIOUS_SECRET_KEYS: old[0] ?? '' })).toEqual([
      expect.stringMatching(/ROLLCALL_PREVIOUS_SECRET_KEYS: set it only with ROLLCALL_SECRET_KEY/),
    ]);
  });
});
