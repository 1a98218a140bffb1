import { describe, expect, it } from 'vitest';
import { gusto, gustoConfigSchema } from './index.ts';
import { errorForStatus, reasonOf } from './errors.ts';

describe('Gusto errors', () => {
  it('quotes category and message from the envelope, bounded and on one line', () => {
    const body = (message: string) =>
      JSON.stringify({ errors: [{ error_key: 'request', category: 'invalid_token', message }] });
    expect(reasonOf(body('Token\nexpired'))).toBe('invalid_token: Token expired');
    expect(reasonOf(body('x'.repeat(500)))?.length).toBe(201);
    expect(reasonOf('<html>proxy</html>')).toBeNull();
    expect(reasonOf('{"errors":[]}')).toBeNull();
    expect(reasonOf('{"message":"no envelope"}')).toBeNull();
  });

  it('maps statuses to stable codes; 401/403/404 are never retryable', () => {
    const cases = [
      [401, 'auth_failed', false],
      [403, 'forbidden', false],
      [404, 'not_found', false],
      [406, 'bad_request', false],
      [422, 'bad_request', false],
      [429, 'rate_limited', true],
      [503, 'unavailable', true],
      [302, 'bad_request', false],
    ] as const;
    for (const [status, code, retryable] of cases) {
      expect(errorForStatus(status, null, 'employees')).toMatchObject({ code, retryable, status });
    }
    expect(errorForStatus(403, null, 'locations').message).toContain('companies:read');
  });
});

describe('Gusto config', () => {
  const valid = { companyUuid: 'd06bf045-26f1-4c87-be06-5c16bf71aca2', accessToken: 't' };

  it('needs a company UUID and an access token; the token is the secret', () => {
    expect(gustoConfigSchema.safeParse(valid).success).toBe(true);
    expect(gustoConfigSchema.safeParse({ ...valid, companyUuid: 'acme' }).success).toBe(false);
    expect(gustoConfigSchema.safeParse({ ...valid, accessToken: ' ' }).success).toBe(false);
    expect(gusto.secretFields).toEqual(['accessToken', 'refreshToken', 'clientSecret']);
    expect(gusto.allowedHosts).toEqual(['api.gusto.com', 'api.gusto-demo.com']);
    expect(gusto.defaultBaseUrl(valid)).toBe('https://api.gusto.com');
    expect(gusto.fieldSelection).toBe('parse');
  });
});
