import { once } from 'node:events';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../connector.ts';
import type { HttpResponse } from '../http/types.ts';
import { streamEmployees } from './stream.ts';

/**
 * Parser-level cases the emulator cannot produce (it cuts bodies by dropping the socket, which the
 * HTTP client reports itself): a body that *ends cleanly* mid-JSON, a body that is not JSON, an
 * answer without `employees`. The input is a plain stream, as the client hands it over.
 */
function response(chunks: readonly string[]): Pick<HttpResponse, 'body' | 'status' | 'discard'> {
  const body = Readable.from(chunks.map((chunk) => Buffer.from(chunk)));
  return {
    body,
    status: 200,
    async discard() {
      if (body.closed) return;
      const closed = once(body, 'close');
      body.destroy();
      await closed;
    },
  };
}

async function collect(chunks: readonly string[]): Promise<{ rows: unknown[]; error: unknown }> {
  const rows: unknown[] = [];
  try {
    for await (const row of streamEmployees(response(chunks))) rows.push(row);
    return { rows, error: undefined };
  } catch (error) {
    return { rows, error };
  }
}

describe('streamEmployees', () => {
  it('yields the employees array element by element, across chunk boundaries', async () => {
    const text =
      '{"employees":[{"id":"1","work":{"reportsTo":{"id":"9"}},"humanReadable":{}},{"id":"2"}]}';
    const chunks = text.match(/.{1,5}/g) ?? [];
    expect(await collect(chunks)).toEqual({
      rows: [{ id: '1', work: { reportsTo: { id: '9' } }, humanReadable: {} }, { id: '2' }],
      error: undefined,
    });
  });

  it('ignores other top-level keys and completes an empty array', async () => {
    expect(await collect(['{"_note":"x","employees":[]}'])).toEqual({ rows: [], error: undefined });
  });

  it.each([
    ['in a value', '{"employees":[{"id":"1"},{"id":"2'],
    ['between elements', '{"employees":[{"id":"1"},'],
    ['before the array', '{"empl'],
  ])('reports a body that ends cleanly %s as truncated (retryable)', async (_where, text) => {
    const { error } = await collect([text]);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ code: 'truncated', retryable: true, status: 200 });
  });

  it('reports an empty body as not JSON', async () => {
    expect((await collect([])).error).toMatchObject({ code: 'invalid_payload', retryable: false });
  });

  it('reports a body that is not JSON as invalid_payload, without quoting it', async () => {
    const { error } = await collect(['<html>private@example.net</html>']);
    expect(error).toMatchObject({ code: 'invalid_payload', retryable: false });
    expect((error as Error).message).not.toContain('private@example.net');
  });

  it('reports an answer without an employees array as invalid_payload', async () => {
    expect((await collect(['{"key":"x","error":"y"}'])).error).toMatchObject({
      code: 'invalid_payload',
    });
    expect((await collect(['{"employees":{"id":"1"}}'])).error).toMatchObject({
      code: 'invalid_payload',
    });
  });

  it('passes the HTTP client’s own stream errors through', async () => {
    const body = new Readable({ read() {} });
    body.push('{"employees":[{"id":"1"},');
    const failure = new ConnectorError('truncated', 'connection closed', true, 200);
    setImmediate(() => body.destroy(failure));
    const rows: unknown[] = [];
    let caught: unknown;
    try {
      for await (const row of streamEmployees({ body, status: 200, discard: async () => {} })) {
        rows.push(row);
      }
    } catch (error) {
      caught = error;
    }
    expect(rows).toEqual([{ id: '1' }]);
    expect(caught).toBe(failure);
  });
});
