import { streamJsonArray } from '../http/stream-json-array.ts';
import type { HttpResponse } from '../http/types.ts';

/**
 * The people search's `employees`, streamed: HiBob has no pagination (NOTES §4), so the whole
 * company arrives in one body (see `streamJsonArray` for the failures).
 */
export function streamEmployees(
  response: Pick<HttpResponse, 'body' | 'status' | 'discard'>,
  signal?: AbortSignal,
): AsyncGenerator<unknown> {
  return streamJsonArray(response, {
    field: 'employees',
    what: 'the HiBob people search answer',
    signal,
  });
}
