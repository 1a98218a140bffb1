import { streamJsonArray } from '../http/stream-json-array.ts';
import type { HttpResponse } from '../http/types.ts';

/** The custom report's `employees` rows, streamed (see `streamJsonArray` for the failures). */
export function streamReportRows(
  response: Pick<HttpResponse, 'body' | 'status' | 'discard'>,
  signal?: AbortSignal,
): AsyncGenerator<unknown> {
  return streamJsonArray(response, { field: 'employees', what: 'the BambooHR report', signal });
}
