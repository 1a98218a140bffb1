import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConnectorError } from './connector.ts';
import {
  BROKEN_BODY_CODES,
  errorForHttpStatus,
  isPageError,
  jsonReason,
  pageErrorItem,
  readErrorReason,
  reasonLine,
} from './errors.ts';

const messages = (http: string) => ({
  unauthorized: `auth ${http}`,
  forbidden: `forbidden ${http}`,
  notFound: `not found ${http}`,
  rateLimited: `throttled ${http}`,
  unavailable: `down ${http}`,
  badRequest: `bad ${http}`,
});

describe('errorForHttpStatus', () => {
  it.each([
    [401, 'auth_failed', false],
    [403, 'forbidden', false],
    [404, 'not_found', false],
    [429, 'rate_limited', true],
    [408, 'unavailable', true],
    [502, 'unavailable', true],
    [400, 'bad_request', false],
    [302, 'bad_request', false],
  ] as const)('%i → %s (retryable %s)', (status, code, retryable) => {
    expect(errorForHttpStatus(status, null, messages)).toMatchObject({ code, retryable, status });
  });

  it('quotes the reason, uses the redirect message when given, honours throttle statuses', () => {
    expect(errorForHttpStatus(401, 'nope', messages).message).toBe('auth HTTP 401: nope');
    expect(
      errorForHttpStatus(301, null, (h) => ({ ...messages(h), redirect: `moved ${h}` })).message,
    ).toBe('moved HTTP 301');
    expect(errorForHttpStatus(406, null, messages, [406, 429])).toMatchObject({
      code: 'rate_limited',
      retryable: true,
    });
  });
});

describe('vendor reasons', () => {
  it('reasonLine folds control characters, drops unknown parts, bounds the length', () => {
    expect(reasonLine(['a\nb', null, ' ', 'c'])).toBe('a b: c');
    expect(reasonLine([null, ''])).toBeNull();
    expect(reasonLine(['x'.repeat(500)])?.length).toBe(201);
  });

  it('jsonReason reads only the vendor schema', () => {
    const schema = z.object({ message: z.string().optional() });
    expect(jsonReason('{"message":"Bad token"}', schema, (b) => [b.message])).toBe('Bad token');
    expect(jsonReason('<html></html>', schema, (b) => [b.message])).toBeNull();
    expect(jsonReason('{"message":1}', schema, (b) => [b.message])).toBeNull();
  });

  it('readErrorReason reads a bounded body and always discards it', async () => {
    let discarded = 0;
    const response = (text: string) => ({
      body: Readable.from([Buffer.from(text)]),
      discard: () => {
        discarded += 1;
        return Promise.resolve();
      },
    });
    expect(await readErrorReason(response('hello'), (t) => t.toUpperCase())).toBe('HELLO');
    expect(await readErrorReason(response('x'.repeat(20)), (t) => t, 10)).toBeNull();
    expect(discarded).toBe(2);
  });
});

describe('page errors', () => {
  const failure = (code: ConnectorError['code']) =>
    new ConnectorError(code, `${code} happened`, true);

  it('tells failures confined to a page from those that stop the sync', () => {
    for (const code of ['truncated', 'invalid_payload', 'timeout'] as const)
      expect(isPageError(failure(code)), code).toBe(true);
    for (const code of ['auth_failed', 'forbidden', 'unavailable'] as const)
      expect(isPageError(failure(code)), code).toBe(false);
    expect(isPageError(new Error('truncated'))).toBe(false);
    // Connectors that cannot read past a timed-out page ask about broken bodies only.
    expect(isPageError(failure('timeout'), BROKEN_BODY_CODES)).toBe(false);
    expect(isPageError(failure('truncated'), BROKEN_BODY_CODES)).toBe(true);
  });

  it('reports a page by name with the failure’s code and message', () => {
    expect(pageErrorItem('offset 200', failure('truncated'))).toEqual({
      kind: 'page_error',
      page: 'offset 200',
      code: 'truncated',
      message: 'truncated happened',
    });
  });
});
