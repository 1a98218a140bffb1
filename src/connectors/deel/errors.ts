import type { ConnectorError } from '../connector.ts';
import { errorForHttpStatus, jsonReason, readErrorReason as readReason } from '../errors.ts';
import type { HttpResponse } from '../http/types.ts';
import { deelErrorBodySchema } from './api.ts';

/** Error bodies are small; we never read more than this. */
const MAX_ERROR_BODY_BYTES = 8192;

/**
 * The fatal error for a non-200 answer to the people list, after the HTTP client's retries.
 * 401 and 403 are never retried. Messages say what an admin should check and quote only Deel's
 * own `errors[].message` (NOTES §7).
 */
export function errorForStatus(status: number, reason: string | null): ConnectorError {
  return errorForHttpStatus(status, reason, (http) => ({
    unauthorized:
      `Deel rejected the API token (${http}). The token may have been revoked or may have ` +
      'expired: create a new organization token in Deel (Developer Center) and update the ' +
      'connection.',
    forbidden:
      `Deel refused to list people (${http}). Give the token the people:read scope (see the ` +
      'Deel connector page).',
    notFound:
      `Deel has no people list at this address (${http}). Check the base URL: leave it empty ` +
      'for https://api.letsdeel.com, or use https://api-sandbox.demo.deel.com for a sandbox.',
    rateLimited:
      `Deel is still rate limiting after our retries (${http}; 5 requests per second per ` +
      'organization, shared by every token and integration).',
    unavailable: `Deel failed to answer (${http}).`,
    badRequest: `Deel rejected the people list request (${http}).`,
  }));
}

/**
 * Deel's `{request, errors: [{message}]}` as the first messages joined, on one bounded line;
 * anything else → null.
 */
export function reasonOf(text: string): string | null {
  return jsonReason(text, deelErrorBodySchema, (body) => [
    (body.errors ?? [])
      .map((e) => e.message)
      .filter((m): m is string => m !== undefined)
      .slice(0, 3)
      .join('; '),
  ]);
}

/** The vendor's reason from a small error body (see `reasonOf`), or null; releases the body. */
export function readErrorReason(
  response: Pick<HttpResponse, 'body' | 'discard'>,
): Promise<string | null> {
  return readReason(response, reasonOf, MAX_ERROR_BODY_BYTES);
}
