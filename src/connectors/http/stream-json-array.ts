import type { Readable } from 'node:stream';
import chain from 'stream-chain';
import { parser } from 'stream-json';
import type { Token } from 'stream-json/parser.js';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import { ConnectorError } from '../connector.ts';
import type { HttpResponse } from './types.ts';

/**
 * Yields the elements of one top-level array of a JSON body (e.g. `employees`) one at a time while
 * the body streams in, so memory does not grow with the company: vendors that answer with the
 * whole directory in one body (BambooHR's custom report, HiBob's people search) go through here
 * (DESIGN "Connector"). Elements are yielded as parsed JSON, unvalidated: the mapper owns
 * validation so a bad element is a record error, not a fatal one.
 *
 * Failures:
 * - the body stream failed (connection dropped, timeout, cancel): the client's ConnectorError;
 * - the body ended before the JSON did: `truncated` (retryable: the engine fetches again);
 * - the body is not JSON, or has no such array: `invalid_payload`.
 * Messages name the answer (`what`, e.g. "the BambooHR report") and never echo the body.
 */
export async function* streamJsonArray(
  response: Pick<HttpResponse, 'body' | 'status' | 'discard'>,
  options: { field: string; what: string; signal?: AbortSignal | undefined },
): AsyncGenerator<unknown> {
  const body: Readable = response.body;
  let documentStarted = false;
  let sawArray = false;
  const elements = chain([
    body,
    // Packed tokens only: string chunks would multiply the tokens for nothing.
    parser({ streamValues: false }),
    tap(() => {
      documentStarted = true;
    }),
    pick({ filter: options.field }),
    tap(() => {
      sawArray = true;
    }),
    streamArray(),
  ]);
  try {
    for await (const item of elements) yield (item as { value: unknown }).value;
  } catch (error) {
    throw classify(error, options.what, {
      status: response.status,
      bodyEnded: body.readableEnded,
      documentStarted,
      cancelled: options.signal?.aborted === true,
    });
  } finally {
    elements.destroy();
    await response.discard();
  }
  if (!sawArray) {
    throw new ConnectorError(
      'invalid_payload',
      `${options.what} has no "${options.field}" array`,
      false,
      response.status,
    );
  }
}

/** A pass-through chain step that notes a token went by. */
function tap(onToken: () => void): (token: Token) => Token {
  return (token) => {
    onToken();
    return token;
  };
}

interface StreamState {
  status: number;
  bodyEnded: boolean;
  documentStarted: boolean;
  cancelled: boolean;
}

function classify(error: unknown, what: string, state: StreamState): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (state.cancelled) return new ConnectorError('cancelled', `reading ${what}: cancelled`, false);
  const parseError = error instanceof Error && error.message.startsWith('Parser ');
  // A well-formed prefix that stops: the connection closed early but cleanly (chunked end).
  if (parseError && state.bodyEnded && state.documentStarted) {
    return new ConnectorError(
      'truncated',
      `${what} ended in the middle of the JSON document`,
      true,
      state.status,
    );
  }
  // Never echo the parser's message or the body: either may hold personal data.
  return new ConnectorError(
    'invalid_payload',
    state.documentStarted ? `${what} is not the expected JSON shape` : `${what} is not JSON`,
    false,
    state.status,
  );
}
