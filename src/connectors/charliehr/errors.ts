import type { ConnectorError } from '../connector.ts';
import { errorForHttpStatus, jsonReason, readErrorReason as readReason } from '../errors.ts';
import type { HttpResponse } from '../http/types.ts';
import { charlieHrErrorBodySchema } from './api.ts';

/**
 * The fatal error for a non-200 answer, after the HTTP client's retries; `what` names the list.
 * 401/403 are never retried. Messages say what to check and never quote a credential.
 */
export function errorForStatus(
  status: number,
  reason: string | null,
  what: string,
): ConnectorError {
  return errorForHttpStatus(status, reason, (http) => ({
    unauthorized:
      `CharlieHR rejected the API credentials while reading ${what} (${http}). Check the client ID ` +
      'and client secret (they may have been regenerated in CharlieHR) and update the connection.',
    forbidden:
      `CharlieHR refused access to ${what} (${http}). The API credentials must belong to an ` +
      'account that can see the whole team.',
    notFound:
      `CharlieHR has no ${what} at this address (${http}). Check the base URL ` +
      '(https://charliehr.com).',
    rateLimited: `CharlieHR is still rate limiting after our retries while reading ${what} (${http}).`,
    unavailable: `CharlieHR failed to answer while reading ${what} (${http}).`,
    badRequest: `CharlieHR rejected the request for ${what} (${http}).`,
  }));
}

/** CharlieHR's `{message}` or `{error}`, on one bounded line; anything else → null. */
export function reasonOf(text: string): string | null {
  return jsonReason(text, charlieHrErrorBodySchema, (body) => [body.message ?? body.error]);
}

/** The vendor's reason from a small error body (see `reasonOf`), or null; releases the body. */
export function readErrorReason(
  response: Pick<HttpResponse, 'body' | 'discard'>,
): Promise<string | null> {
  return readReason(response, reasonOf);
}
