import { describe, expect, it } from 'vitest';
import { resolveBaseUrl } from '../base-url.ts';
import { ConnectorError } from '../connector.ts';
import { scim, scimConfigSchema } from './index.ts';

const HR = 'urn:example:params:scim:schemas:extension:hr:1.0:User';

describe('SCIM config', () => {
  it('defaults to bearer auth, /scim/v2, 100 per page and the work address', () => {
    expect(scimConfigSchema.parse({ baseUrl: 'https://api.letsdeel.com', token: 't' })).toEqual({
      baseUrl: 'https://api.letsdeel.com',
      token: 't',
      authType: 'bearer',
      basePath: '/scim/v2',
      pageSize: 100,
      workAddress: true,
    });
  });

  it('needs the credentials of the chosen auth type', () => {
    expect(scimConfigSchema.safeParse({ authType: 'bearer' }).success).toBe(false);
    const basic = scimConfigSchema.safeParse({ authType: 'basic', username: 'u' });
    expect(basic.error?.issues.map((i) => i.path.join('.'))).toEqual(['password']);
    expect(
      scimConfigSchema.safeParse({ authType: 'basic', username: 'a:b', password: 'p' }).success,
    ).toBe(false);
  });

  it('normalises the base path and refuses queries and dot segments', () => {
    expect(scimConfigSchema.parse({ token: 't', basePath: ' /api/scim/v2/ ' }).basePath).toBe(
      '/api/scim/v2',
    );
    for (const basePath of ['scim/v2', '/scim?x=1', '/scim/../admin', '/scim#v2', '/a b']) {
      expect(scimConfigSchema.safeParse({ token: 't', basePath }).success, basePath).toBe(false);
    }
  });

  it('accepts date attributes only as full, non-sensitive extension paths', () => {
    const ok = { token: 't', startDateAttribute: `${HR}:startDate` };
    expect(scimConfigSchema.safeParse(ok).success).toBe(true);
    for (const path of ['startDate', `${HR}:salary`, `${HR}:birthDate`, 'urn:x']) {
      expect(
        scimConfigSchema.safeParse({ token: 't', startDateAttribute: path }).success,
        path,
      ).toBe(false);
    }
  });

  it('has no default host: a missing base URL is a clear config error', () => {
    expect(() => scim.defaultBaseUrl(scimConfigSchema.parse({ token: 't' }))).toThrow(
      ConnectorError,
    );
    expect(() => scim.defaultBaseUrl(scimConfigSchema.parse({ token: 't' }))).toThrow(/Base URL/);
  });

  it('allows Deel and Namely hosts; any other host needs the operator', () => {
    const resolve = (configBaseUrl: string, extra: string[] = []) =>
      resolveBaseUrl({
        connectorId: 'scim',
        allowedHosts: scim.allowedHosts,
        defaultBaseUrl: configBaseUrl,
        configBaseUrl,
        extraAllowedHosts: extra,
      });
    expect(resolve('https://api.letsdeel.com')).toBe('https://api.letsdeel.com');
    expect(resolve('https://acme.namely.com')).toBe('https://acme.namely.com');
    expect(() => resolve('https://scim.example.com')).toThrow(/not an allowed host/);
    expect(resolve('https://scim.example.com', ['scim.example.com'])).toBe(
      'https://scim.example.com',
    );
  });

  it('marks the token and the password as secrets', () => {
    expect(scim.secretFields).toEqual(['token', 'password']);
  });
});
