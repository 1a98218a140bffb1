import { describe, expect, it } from 'vitest';
import { parseExtraAllowedHosts, resolveBaseUrl } from './base-url.ts';
import { ConnectorError } from './connector.ts';

const bamboo = {
  connectorId: 'bamboohr',
  allowedHosts: ['api.bamboohr.com', '*.bamboohr.com'],
  defaultBaseUrl: 'https://api.bamboohr.com',
};
const resolve = (configBaseUrl: string | undefined, extraAllowedHosts: string[] = []) =>
  resolveBaseUrl({ ...bamboo, configBaseUrl, extraAllowedHosts });

function denial(configBaseUrl: string, extra: string[] = []): ConnectorError {
  try {
    resolve(configBaseUrl, extra);
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ code: 'host_not_allowed', retryable: false });
    return error as ConnectorError;
  }
  throw new Error(`expected ${configBaseUrl} to be denied`);
}

describe('resolveBaseUrl', () => {
  it('uses the default when the config has no baseUrl', () => {
    expect(resolve(undefined)).toBe('https://api.bamboohr.com');
    expect(resolve('  ')).toBe('https://api.bamboohr.com');
  });

  it('accepts an allowed origin, any port, normalised', () => {
    expect(resolve('https://api.bamboohr.com/')).toBe('https://api.bamboohr.com');
    expect(resolve('https://API.BambooHR.com.:8443')).toBe('https://api.bamboohr.com:8443');
    expect(resolve('https://api.bamboohr.com:443')).toBe('https://api.bamboohr.com');
  });

  it('denies hosts outside the list, naming the host and the list', () => {
    const error = denial('https://api.evil.com');
    expect(error.message).toMatch(/^bamboohr: .*api\.evil\.com.*api\.bamboohr\.com/);
  });

  it('matches `*.suffix` on subdomains only, at any depth', () => {
    const wildcard = (url: string) =>
      resolveBaseUrl({ ...bamboo, allowedHosts: ['*.example.com'], configBaseUrl: url });
    expect(wildcard('https://acme.example.com')).toBe('https://acme.example.com');
    expect(wildcard('https://eu.acme.example.com')).toBe('https://eu.acme.example.com');
    for (const url of [
      'https://example.com',
      'https://badexample.com',
      'https://example.com.evil.net',
      'https://acme.example.co',
    ]) {
      expect(() => wildcard(url)).toThrow(ConnectorError);
    }
  });

  it('requires https on vendor hosts', () => {
    expect(denial('http://api.bamboohr.com').message).toMatch(/https/);
    expect(denial('ftp://api.bamboohr.com').message).toMatch(/https/);
  });

  it('rejects anything but an origin: path, query, fragment', () => {
    for (const url of [
      'https://api.bamboohr.com/api/gateway.php',
      'https://api.bamboohr.com?x=1',
      'https://api.bamboohr.com/?',
      'https://api.bamboohr.com#top',
      'https://api.bamboohr.com\\@evil.com',
    ]) {
      expect(denial(url).message).toMatch(/origin only/);
    }
  });

  it('rejects credentials without echoing them', () => {
    for (const url of [
      'https://user:hunter2@api.bamboohr.com',
      'https://hunter2@api.bamboohr.com',
      'https://@api.bamboohr.com',
    ]) {
      const error = denial(url);
      expect(error.message).toMatch(/credentials/);
      expect(error.message).not.toContain('hunter2');
    }
  });

  it('rejects text that is not a URL', () => {
    expect(denial('api.bamboohr.com').message).toMatch(/not a valid URL/);
  });

  it('allows IP literals and localhost only through the extra hosts', () => {
    for (const url of [
      'https://127.0.0.1',
      'https://2130706433',
      'https://[::1]:8443',
      'https://localhost',
      'https://emu.localhost',
    ]) {
      expect(denial(url).message).toMatch(/ROLLCALL_EXTRA_ALLOWED_HOSTS/);
    }
    expect(resolve('https://127.0.0.1:4010', ['127.0.0.1'])).toBe('https://127.0.0.1:4010');
    expect(resolve('https://[::1]:8443', ['[::1]'])).toBe('https://[::1]:8443');
    expect(resolve('https://[::1]', ['::1'])).toBe('https://[::1]');
  });

  it('allows http only for extra hosts', () => {
    expect(resolve('http://localhost:4010', ['localhost'])).toBe('http://localhost:4010');
    expect(resolve('http://hris.internal', ['hris.internal'])).toBe('http://hris.internal');
    expect(denial('http://hris.internal', ['other.internal']).message).toMatch(/not an allowed/);
  });

  it('checks the default base URL by the same rules', () => {
    expect(() =>
      resolveBaseUrl({ ...bamboo, defaultBaseUrl: 'https://api.hibob.com' }),
    ).toThrowError(/default base URL points to api\.hibob\.com/);
  });
});

describe('parseExtraAllowedHosts', () => {
  it('splits, trims and lower-cases a comma list', () => {
    expect(parseExtraAllowedHosts(' LocalHost, 127.0.0.1 ,,Emu.Internal ')).toEqual([
      'localhost',
      '127.0.0.1',
      'emu.internal',
    ]);
  });

  it('gives [] for nothing', () => {
    expect(parseExtraAllowedHosts(undefined)).toEqual([]);
    expect(parseExtraAllowedHosts('')).toEqual([]);
    expect(parseExtraAllowedHosts(' , ')).toEqual([]);
  });
});

describe('resolveBaseUrl for a non-HTTP connector (sftp)', () => {
  const sftp = {
    connectorId: 'csv-sftp',
    allowedHosts: ['*'],
    defaultBaseUrl: 'sftp://files.example.com:22',
  };
  const resolveSftp = (configBaseUrl?: string, extraAllowedHosts: string[] = []) =>
    resolveBaseUrl({ ...sftp, configBaseUrl, extraAllowedHosts });
  const deniedSftp = (configBaseUrl: string): string => {
    try {
      resolveSftp(configBaseUrl);
    } catch (error) {
      expect(error).toMatchObject({ code: 'host_not_allowed', retryable: false });
      return (error as Error).message;
    }
    throw new Error(`expected ${configBaseUrl} to be denied`);
  };

  it('speaks the scheme of its default and accepts any public host name or address', () => {
    expect(resolveSftp()).toBe('sftp://files.example.com:22');
    expect(resolveSftp('sftp://SFTP.Customer.example:2222')).toBe(
      'sftp://sftp.customer.example:2222',
    );
    expect(resolveSftp('sftp://8.8.8.8:22')).toBe('sftp://8.8.8.8:22');
    expect(resolveSftp('sftp://[2606:4700::1111]')).toBe('sftp://[2606:4700::1111]');
    expect(deniedSftp('https://files.example.com')).toMatch(/must use sftp, not https/);
  });

  it('refuses private, loopback and odd hosts unless the operator grants them', () => {
    for (const url of [
      'sftp://127.0.0.1:22',
      'sftp://10.1.2.3',
      'sftp://169.254.169.254',
      'sftp://[::1]:22',
      'sftp://[fd00::1]',
      'sftp://localhost',
    ]) {
      expect(deniedSftp(url)).toMatch(/ROLLCALL_EXTRA_ALLOWED_HOSTS/);
    }
    expect(deniedSftp('sftp://2130706433')).toMatch(/not a plain DNS name/);
    expect(deniedSftp('sftp://127.1')).toMatch(/not a plain DNS name/);
    expect(deniedSftp('sftp://0x7f.0x1')).toMatch(/not a plain DNS name/);
    expect(deniedSftp('sftp://files%2eexample.com')).toMatch(/not a plain DNS name/);
    expect(deniedSftp('sftp://user:pw@files.example.com')).toMatch(/credentials/);
    expect(deniedSftp('sftp://files.example.com/upload')).toMatch(/origin only/);
    expect(resolveSftp('sftp://127.0.0.1:2222', ['127.0.0.1'])).toBe('sftp://127.0.0.1:2222');
  });

  it('never lets an HTTP connector declare any host', () => {
    expect(() =>
      resolveBaseUrl({ ...bamboo, allowedHosts: ['*'], configBaseUrl: 'https://10.0.0.1' }),
    ).toThrowError(/may not declare "\*"/);
  });
});
