import { describe, expect, it } from 'vitest';
import { resolveEndpoint } from './base-url.ts';
import { ConnectorError } from './connector.ts';
import { createEndpoint, isHttpOrigin, isPublicAddress, noHttpClient } from './endpoint.ts';

const lookupTo =
  (...addresses: string[]) =>
  (): Promise<{ address: string }[]> =>
    Promise.resolve(addresses.map((address) => ({ address })));

describe('isPublicAddress', () => {
  it('refuses loopback, private, link-local, CGNAT, multicast and mapped forms', () => {
    for (const address of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fd12:3456::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '64:ff9b::a00:1',
      'not-an-ip',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });
});

describe('ConnectorEndpoint.resolveAddress', () => {
  const endpoint = (url: string, lookup: ReturnType<typeof lookupTo>, extra: string[] = []) =>
    resolveEndpoint({
      connectorId: 'csv-sftp',
      allowedHosts: ['*'],
      defaultBaseUrl: url,
      extraAllowedHosts: extra,
      lookup,
    });

  it('returns a public address of the host, and the origin, host and port', async () => {
    const e = endpoint('sftp://files.example.com:2222', lookupTo('93.184.216.34'));
    expect(e).toMatchObject({
      origin: 'sftp://files.example.com:2222',
      host: 'files.example.com',
      port: 2222,
    });
    await expect(e.resolveAddress()).resolves.toBe('93.184.216.34');
  });

  it('refuses a name that resolves to a private address (checked after DNS)', async () => {
    for (const addresses of [['10.0.0.7'], ['93.184.216.34', '127.0.0.1']]) {
      const e = endpoint('sftp://rebind.example.com', lookupTo(...addresses));
      const error = await e.resolveAddress().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error).toMatchObject({ code: 'host_not_allowed', retryable: false });
      expect((error as Error).message).toMatch(/ROLLCALL_EXTRA_ALLOWED_HOSTS/);
    }
  });

  it('lets operator-granted hosts resolve anywhere', async () => {
    const e = endpoint('sftp://sftp.internal:22', lookupTo('10.0.0.7'), ['sftp.internal']);
    await expect(e.resolveAddress()).resolves.toBe('10.0.0.7');
    const sandbox = createEndpoint('sftp://127.0.0.1:4022', { granted: true });
    expect(sandbox.port).toBe(4022);
    await expect(sandbox.resolveAddress()).resolves.toBe('127.0.0.1');
  });

  it('reports a name that does not resolve as a retryable network error', async () => {
    const failing = () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }));
    const e = endpoint('sftp://gone.example.com', failing);
    await expect(e.resolveAddress()).rejects.toMatchObject({ code: 'network', retryable: true });
  });
});

describe('non-HTTP origins', () => {
  it('get no HTTP client', async () => {
    expect(isHttpOrigin('https://api.hibob.com')).toBe(true);
    expect(isHttpOrigin('sftp://files.example.com')).toBe(false);
    const http = noHttpClient('sftp://files.example.com');
    await expect(http.request({ method: 'GET', path: '/' })).rejects.toMatchObject({
      code: 'bad_request',
    });
    expect(http.usage()).toEqual({ calls: 0, retries: 0, throttled: 0, waitedMs: 0 });
  });
});
