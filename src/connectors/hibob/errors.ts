import type { ConnectorError } from '../connector.ts';
import { errorForHttpStatus, jsonReason, readErrorReason as readReason } from '../errors.ts';
import type { HttpResponse } from '../http/types.ts';
import { hiBobErrorBodySchema } from './api.ts';

/**
 * The fatal error for a non-200 answer to the people search, after the HTTP client's retries.
 * 401 and 403 are never retried, here or by the client: HiBob's WAF blocks the caller's IP after
 * repeated failed auth or permission requests (NOTES §7). Messages say what an admin should check
 * and quote HiBob's own `{key, error}`, never anything else from a body.
 */
export function errorForStatus(status: number, reason: string | null): ConnectorError {
  return errorForHttpStatus(status, reason, (http) => ({
    unauthorized:
      `HiBob rejected the service user credentials (${http}). Check the service user ID and ` +
      'token, then update the connection. Rollcall does not retry: repeated failures can get ' +
      'the IP blocked by HiBob.',
    forbidden:
      `HiBob refused access (${http}). Add the service user to a permission group that can view ` +
      'the People data categories listed on the HiBob connector page. HiBob also answers 403 ' +
      'for a while after repeated failed requests (IP block). Rollcall does not retry.',
    notFound:
      `HiBob has no people search at this address (${http}). Check the base URL: ` +
      'https://api.hibob.com, or https://api.sandbox.hibob.com for a sandbox account.',
    rateLimited:
      `HiBob is still rate limiting after our retries (${http}; people search allows 50 ` +
      'requests per minute, shared with your other integrations).',
    unavailable: `HiBob failed to answer (${http}).`,
    redirect: `HiBob answered with a redirect (${http}); check the base URL.`,
    badRequest: `HiBob rejected the people search request (${http}).`,
  }));
}

/** HiBob's `{key, error}` as `key: error`, on one bounded line; anything else → null. */
export function reasonOf(text: string): string | null {
  return jsonReason(text, hiBobErrorBodySchema, (body) => [body.key, body.error]);
}

/** The vendor's reason from a small error body (see `reasonOf`), or null; releases the body. */
export function readErrorReason(
  response: Pick<HttpResponse, 'body' | 'discard'>,
): Promise<string | null> {
  return readReason(response, reasonOf);
}
