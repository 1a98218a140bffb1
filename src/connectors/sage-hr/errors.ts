import type { ConnectorError } from '../connector.ts';
import { errorForHttpStatus, jsonReason, readErrorReason as readReason } from '../errors.ts';
import type { HttpResponse } from '../http/types.ts';
import { sageHrErrorBodySchema } from './api.ts';

/**
 * The fatal error for a non-200 answer, after the HTTP client's retries. 401 and 403 are never
 * retried. Messages say what an admin should check and quote Sage HR's own `error_code` and first
 * error string, never anything else from a body.
 */
export function errorForStatus(
  status: number,
  reason: string | null,
  what: string,
): ConnectorError {
  return errorForHttpStatus(status, reason, (http) => ({
    unauthorized:
      `Sage HR rejected the API key (${http}). Copy the key again from Settings → ` +
      'Integrations → API and update the connection: disabling and re-enabling API access ' +
      "gives every user a new key, and a key stops working when its user's access is removed.",
    forbidden:
      `Sage HR refused access to ${what} (${http}). Use the API key of an administrator who ` +
      'can see every employee, terminated ones included.',
    notFound:
      `Sage HR has no ${what} at this address (${http}). Check the subdomain (the part before ` +
      '.sage.hr) and that API access is enabled for the account.',
    rateLimited: `Sage HR is still rate limiting after our retries (${http}).`,
    unavailable: `Sage HR failed to answer ${what} (${http}).`,
    redirect: `Sage HR answered with a redirect (${http}); check the subdomain and base URL.`,
    badRequest: `Sage HR rejected the request for ${what} (${http}).`,
  }));
}

/**
 * Sage HR's `{error_code, errors}` as `error_code: first error`, on one bounded line; anything
 * else → null.
 */
export function reasonOf(text: string): string | null {
  return jsonReason(text, sageHrErrorBodySchema, (body) => [
    body.error_code,
    body.errors?.find((e) => typeof e === 'string'),
  ]);
}

/** The vendor's reason from a small error body (see `reasonOf`), or null; releases the body. */
export function readErrorReason(
  response: Pick<HttpResponse, 'body' | 'discard'>,
): Promise<string | null> {
  return readReason(response, reasonOf);
}
