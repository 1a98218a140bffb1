import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { errorForStatus, reasonOf, readErrorReason } from './errors.ts';

describe('errorForStatus', () => {
  it.each([
    [401, 'auth_failed', false],
    [403, 'forbidden', false],
    [404, 'not_found', false],
    [400, 'bad_request', false],
    [415, 'bad_request', false],
    [302, 'bad_request', false],
    [408, 'unavailable', true],
    [429, 'rate_limited', true],
    [500, 'unavailable', true],
    [502, 'unavailable', true],
    [503, 'unavailable', true],
  ] as const)('%i → %s (retryable %s)', (status, code, retryable) => {
    expect(errorForStatus(status, null)).toMatchObject({ code, retryable, status });
  });

  it('says that auth failures are not retried and why', () => {
    expect(errorForStatus(401, null).message).toMatch(/does not retry.*blocked/s);
    expect(errorForStatus(403, null).message).toMatch(/permission group.*IP block/s);
  });

  it('quotes HiBob’s reason', () => {
    expect(errorForStatus(400, 'invalid.request: Only one filter').message).toContain(
      'HTTP 400: invalid.request: Only one filter',
    );
  });
});

describe('reasonOf / readErrorReason', () => {
  it('reads {key, error} on one bounded line; anything else is no reason', () => {
    expect(reasonOf('{"key":"unauthorized","error":"Bad\\ncredentials"}')).toBe(
      'unauthorized: Bad credentials',
    );
    expect(reasonOf('{"error":"only a message"}')).toBe('only a message');
    expect(reasonOf(`{"key":"k","error":"${'x'.repeat(500)}"}`)?.length).toBe(201);
    expect(reasonOf('<html>Forbidden</html>')).toBeNull();
    expect(reasonOf('')).toBeNull();
    expect(reasonOf('{"key":7}')).toBeNull();
    expect(reasonOf('{}')).toBeNull();
  });

  it('reads at most 4 KiB of the body and always releases it', async () => {
    let discarded = 0;
    const of = (text: string) => ({
      body: Readable.from([Buffer.from(text)]),
      discard: () => {
        discarded++;
        return Promise.resolve();
      },
    });
    expect(await readErrorReason(of('{"key":"forbidden","error":"No access"}'))).toBe(
      'forbidden: No access',
    );
    expect(await readErrorReason(of(`{"key":"k","error":"${'y'.repeat(5000)}"}`))).toBeNull();
    expect(discarded).toBe(2);
  });
});
