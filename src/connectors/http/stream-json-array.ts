import type { Readable } from 'node:stream';
import { ConnectorError } from '../connector.ts';
import { JsonArrayScanner, JsonScanError } from './json-array-scanner.ts';
import type { HttpResponse } from './types.ts';

/**
 * Yields the elements of one top-level array of a JSON body (e.g. `employees`) one at a time while
 * the body streams in, so memory does not grow with the company: vendors that answer with the
 * whole directory in one body (BambooHR's custom report, HiBob's people search) go through here
 * (DESIGN "Connector"). Elements are yielded as parsed JSON, unvalidated: the mapper owns
 * validation so a bad element is a record error, not a fatal one. The scan is
 * `JsonArrayScanner` (ADR 0006): each element is sliced out of the text and `JSON.parse`d.
 *
 * Failures:
 * - the body stream failed (connection dropped, timeout, cancel): the client's ConnectorError;
 * - the body ended before the JSON did: `truncated` (retryable: the engine fetches again);
 * - the body is not JSON, or has no such array: `invalid_payload`.
 * Elements completed before a failure are yielded first. Messages name the answer (`what`, e.g.
 * "the BambooHR report") and never echo the body.
 */
export async function* streamJsonArray(
  response: Pick<HttpResponse, 'body' | 'status' | 'discard'>,
  options: { field: string; what: string; signal?: AbortSignal | undefined },
): AsyncGenerator<unknown> {
  const body: Readable = response.body;
  const scanner = new JsonArrayScanner(options.field);
  // Streaming decode: a character split between chunks is held until its last byte arrives.
  const decoder = new TextDecoder();
  const elements: unknown[] = [];
  const fail = (error: unknown): ConnectorError =>
    classify(error, options, response.status, options.signal?.aborted === true);
  try {
    let failure: ConnectorError | undefined;
    try {
      // Not destroyed on an early exit: `discard()` below closes the body as the client expects.
      const chunks: AsyncIterable<Buffer | string> = body.iterator({ destroyOnReturn: false });
      for await (const chunk of chunks) {
        try {
          scanner.push(
            typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }),
            elements,
          );
        } catch (error) {
          failure = fail(error);
        }
        for (const element of elements) yield element;
        elements.length = 0;
        if (failure) break;
      }
      if (!failure) {
        scanner.push(decoder.decode(), elements);
        scanner.end();
      }
    } catch (error) {
      failure ??= fail(error);
    }
    for (const element of elements) yield element;
    if (failure) throw failure;
  } finally {
    await response.discard();
  }
  if (!scanner.sawArray) throw noArray(options, response.status);
}

function noArray({ field, what }: { field: string; what: string }, status: number): ConnectorError {
  return new ConnectorError('invalid_payload', `${what} has no "${field}" array`, false, status);
}

function classify(
  error: unknown,
  options: { field: string; what: string },
  status: number,
  cancelled: boolean,
): ConnectorError {
  const { what } = options;
  if (error instanceof ConnectorError) return error;
  if (cancelled) return new ConnectorError('cancelled', `reading ${what}: cancelled`, false);
  const failure = error instanceof JsonScanError ? error.failure : 'invalid';
  // A well-formed prefix that stops: the connection closed early but cleanly (chunked end).
  if (failure === 'truncated') {
    return new ConnectorError(
      'truncated',
      `${what} ended in the middle of the JSON document`,
      true,
      status,
    );
  }
  // JSON, but not an object: it cannot have the array (and need not be read to the end).
  if (failure === 'not_object') return noArray(options, status);
  // Never echo the parse error's message or the body: either may hold personal data.
  return new ConnectorError(
    'invalid_payload',
    failure === 'not_json' ? `${what} is not JSON` : `${what} is not the expected JSON shape`,
    false,
    status,
  );
}
