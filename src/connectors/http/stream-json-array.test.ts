import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../connector.ts';
import { streamJsonArray } from './stream-json-array.ts';

/** Byte chunks as the HTTP client hands them over; records whether the body was discarded. */
function response(chunks: readonly Uint8Array[]) {
  const body = Readable.from(chunks.map((chunk) => Buffer.from(chunk)));
  const state = { discarded: false };
  return {
    state,
    response: {
      body,
      status: 200,
      discard(): Promise<void> {
        state.discarded = true;
        body.destroy();
        return Promise.resolve();
      },
    },
  };
}

async function collect(
  chunks: readonly Uint8Array[],
  signal?: AbortSignal,
): Promise<{ rows: unknown[]; error: unknown; discarded: boolean }> {
  const { response: r, state } = response(chunks);
  const rows: unknown[] = [];
  try {
    for await (const row of streamJsonArray(r, {
      field: 'employees',
      what: 'the report',
      signal,
    })) {
      rows.push(row);
    }
    return { rows, error: undefined, discarded: state.discarded };
  } catch (error) {
    return { rows, error, discarded: state.discarded };
  }
}

const DOC = Buffer.from('{"employees":[{"n":"Zoë 😀 \\"}\\\\"},{"n":"王"}]}');

describe('streamJsonArray', () => {
  it('decodes characters split between chunks, at every byte', async () => {
    for (let at = 0; at <= DOC.length; at += 1) {
      const { rows, error } = await collect([DOC.subarray(0, at), DOC.subarray(at)]);
      expect({ rows, error }, `split at ${at}`).toEqual({
        rows: [{ n: 'Zoë 😀 "}\\' }, { n: '王' }],
        error: undefined,
      });
    }
  });

  it('reports a body cut at any byte as truncated, or not JSON before it starts', async () => {
    for (let at = 0; at < DOC.length; at += 1) {
      const { error } = await collect([DOC.subarray(0, at)]);
      expect(error, `cut at ${at}`).toBeInstanceOf(ConnectorError);
      expect(error, `cut at ${at}`).toMatchObject(
        at === 0
          ? { code: 'invalid_payload', message: 'the report is not JSON' }
          : { code: 'truncated', retryable: true, status: 200 },
      );
    }
  });

  it('yields the rows before a bad one, then fails without quoting the body', async () => {
    const { rows, error, discarded } = await collect([
      Buffer.from('{"employees":[{"id":1},{"id":"secret@example.net",}]}'),
    ]);
    expect(rows).toEqual([{ id: 1 }]);
    expect(error).toMatchObject({
      code: 'invalid_payload',
      message: 'the report is not the expected JSON shape',
    });
    expect((error as Error).message).not.toContain('secret');
    expect(discarded).toBe(true);
  });

  it('rejects garbage after the document, and JSON that is not an object', async () => {
    expect((await collect([Buffer.from('{"employees":[]} <html>')])).error).toMatchObject({
      code: 'invalid_payload',
      message: 'the report is not the expected JSON shape',
    });
    expect((await collect([Buffer.from('[{"id":1}]')])).error).toMatchObject({
      code: 'invalid_payload',
      message: 'the report has no "employees" array',
    });
  });

  it('discards the body when the consumer stops early', async () => {
    const { response: r, state } = response([DOC]);
    for await (const row of streamJsonArray(r, { field: 'employees', what: 'the report' })) {
      expect(row).toEqual({ n: 'Zoë 😀 "}\\' });
      break;
    }
    expect(state.discarded).toBe(true);
  });

  it('reports a body that fails after the run was cancelled as cancelled', async () => {
    const controller = new AbortController();
    const body = new Readable({ read() {} });
    body.push('{"employees":[{"id":1},');
    setImmediate(() => {
      controller.abort();
      body.destroy(new Error('aborted'));
    });
    const rows: unknown[] = [];
    let caught: unknown;
    try {
      const r = { body, status: 200, discard: async () => {} };
      const options = { field: 'employees', what: 'the report', signal: controller.signal };
      for await (const row of streamJsonArray(r, options)) rows.push(row);
    } catch (error) {
      caught = error;
    }
    expect(rows).toEqual([{ id: 1 }]);
    expect(caught).toMatchObject({ code: 'cancelled', retryable: false });
  });
});
