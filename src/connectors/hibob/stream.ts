import type { Readable } from 'node:stream';
import chain from 'stream-chain';
import { parser } from 'stream-json';
import type { Token } from 'stream-json/parser.js';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import { ConnectorError } from '../connector.ts';
import type { HttpResponse } from '../http/types.ts';

/**
 * Yields the elements of the people-search `employees` array one at a time while the body streams
 * in: HiBob has no pagination (NOTES §4), so the whole company arrives in one body and memory must
 * not grow with it (DESIGN "Connector"). Elements are yielded as parsed JSON, unvalidated: the
 * mapper owns validation so a bad element is a record error, not a fatal one.
 *
 * Failures:
 * - the body stream failed (connection dropped, timeout, cancel): the client's ConnectorError;
 * - the body ended before the JSON did: `truncated` (retryable: the engine fetches again);
 * - the body is not JSON, or has no `employees` array: `invalid_payload`.
 */
export async function* streamEmployees(
  response: Pick<HttpResponse, 'body' | 'status' | 'discard'>,
  signal?: AbortSignal,
): AsyncGenerator<unknown> {
  const body: Readable = response.body;
  let documentStarted = false;
  let sawEmployees = false;
  const elements = chain([
    body,
    // Packed tokens only: string chunks would multiply the tokens for nothing.
    parser({ streamValues: false }),
    tap(() => {
      documentStarted = true;
    }),
    pick({ filter: 'employees' }),
    tap(() => {
      sawEmployees = true;
    }),
    streamArray(),
  ]);
  try {
    for await (const item of elements) yield (item as { value: unknown }).value;
  } catch (error) {
    throw classify(error, {
      status: response.status,
      bodyEnded: body.readableEnded,
      documentStarted,
      cancelled: signal?.aborted === true,
    });
  } finally {
    elements.destroy();
    await response.discard();
  }
  if (!sawEmployees) {
    throw new ConnectorError(
      'invalid_payload',
      'the HiBob people search answer has no "employees" array',
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

function classify(error: unknown, state: StreamState): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (state.cancelled) {
    return new ConnectorError('cancelled', 'reading the HiBob people search: cancelled', false);
  }
  const parseError = error instanceof Error && error.message.startsWith('Parser ');
  // A well-formed prefix that stops: the connection closed early but cleanly (chunked end).
  if (parseError && state.bodyEnded && state.documentStarted) {
    return new ConnectorError(
      'truncated',
      'the HiBob people search answer ended in the middle of the JSON document',
      true,
      state.status,
    );
  }
  // Never echo the parser's message or the body: either may hold personal data.
  return new ConnectorError(
    'invalid_payload',
    state.documentStarted
      ? 'the HiBob people search answer is not the expected JSON shape'
      : 'the HiBob people search answer is not JSON',
    false,
    state.status,
  );
}
