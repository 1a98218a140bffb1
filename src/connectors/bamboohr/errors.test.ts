import { describe, expect, it } from 'vitest';
import { errorForStatus } from './errors.ts';

const headers = (reason?: string): Headers =>
  new Headers(reason === undefined ? {} : { 'x-bamboohr-error-message': reason });

describe('errorForStatus', () => {
  it.each([
    [401, 'auth_failed', false],
    [403, 'forbidden', false],
    [404, 'not_found', false],
    [400, 'bad_request', false],
    [406, 'bad_request', false],
    [302, 'bad_request', false],
    [408, 'unavailable', true],
    [429, 'rate_limited', true],
    [500, 'unavailable', true],
    [502, 'unavailable', true],
    [503, 'unavailable', true],
    [504, 'unavailable', true],
  ] as const)('%i → %s (retryable %s)', (status, code, retryable) => {
    expect(errorForStatus(status, headers(), 'acme')).toMatchObject({ code, retryable, status });
  });

  it('quotes the X-BambooHR-Error-Message reason, on one bounded line', () => {
    const error = errorForStatus(401, headers('Invalid API key'), 'acme');
    expect(error.message).toContain('HTTP 401: Invalid API key');
    const long = errorForStatus(400, headers(`Malformed\tXML ${'x'.repeat(500)}`), 'acme');
    expect(long.message).toContain('Malformed XML');
    expect(long.message.length).toBeLessThan(320);
  });

  it('names the company domain on 404', () => {
    expect(errorForStatus(404, headers(), 'acme-typo').message).toContain('"acme-typo"');
  });
});
