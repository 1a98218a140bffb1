import { describe, expect, it } from 'vitest';
import { errorForStatus, reasonOf } from './errors.ts';

describe('errorForStatus', () => {
  it('never retries auth and permission failures, and says what to check', () => {
    expect(errorForStatus(401, null, 'auth')).toMatchObject({
      code: 'auth_failed',
      retryable: false,
    });
    expect(errorForStatus(403, null, 'auth')).toMatchObject({
      code: 'auth_failed',
      retryable: false,
    });
    expect(errorForStatus(401, null, 'employees')).toMatchObject({
      code: 'auth_failed',
      retryable: false,
    });
    const forbidden = errorForStatus(403, 'Forbidden', 'employees');
    expect(forbidden).toMatchObject({ code: 'forbidden', retryable: false, status: 403 });
    expect(forbidden.message).toMatch(/read access.*attributes/);
  });

  it('keeps throttling and outages retryable, everything else not', () => {
    expect(errorForStatus(429, null, 'employees')).toMatchObject({
      code: 'rate_limited',
      retryable: true,
    });
    for (const status of [408, 500, 502, 503, 504]) {
      expect(errorForStatus(status, null, 'employees')).toMatchObject({
        code: 'unavailable',
        retryable: true,
      });
    }
    expect(errorForStatus(404, null, 'employees')).toMatchObject({
      code: 'not_found',
      retryable: false,
    });
    expect(errorForStatus(302, null, 'auth')).toMatchObject({
      code: 'bad_request',
      retryable: false,
    });
    expect(
      errorForStatus(400, 'The limit must be an integer from 1 to 100', 'employees').message,
    ).toContain('HTTP 400: The limit must be an integer from 1 to 100');
  });
});

describe('reasonOf', () => {
  it("quotes Personio's v1 error message on one bounded line", () => {
    expect(
      reasonOf('{"success":false,"error":{"code":422,"message":"Supervisor with ID 1 not found"}}'),
    ).toBe('Supervisor with ID 1 not found');
    expect(reasonOf(JSON.stringify({ success: false, error: { message: 'a\nb\u0000c' } }))).toBe(
      'a b c',
    );
    expect(reasonOf(JSON.stringify({ error: { message: 'x'.repeat(300) } }))?.length).toBe(201);
  });

  it('is null for anything else', () => {
    for (const text of [
      '',
      '<html>502</html>',
      '{}',
      '{"error":"x"}',
      '{"error":{"message":"  "}}',
    ]) {
      expect(reasonOf(text), text).toBeNull();
    }
  });
});
