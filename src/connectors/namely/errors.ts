import type { ConnectorError } from '../connector.ts';
import { errorForHttpStatus, jsonReason, readErrorReason as readReason } from '../errors.ts';
import type { HttpResponse } from '../http/types.ts';
import { namelyErrorBodySchema } from './api.ts';

/**
 * The fatal error for a non-200 answer to the profiles list, after the HTTP client's retries.
 * 401 and 403 are never retried. Messages say what an admin should check and quote Namely's own
 * `message` / `error` and first error string, never anything else from a body.
 */
export function errorForStatus(status: number, reason: string | null): ConnectorError {
  return errorForHttpStatus(
    status,
    reason,
    (http) => ({
      unauthorized:
        `Namely rejected the access token (${http}). Create a new personal access token under ` +
        'Admin → API (tokens expire) and update the connection.',
      forbidden:
        `Namely refused access to the profiles (${http}). A personal access token stops working ` +
        'when the profile that created it becomes inactive, and sees only what that profile may ' +
        'see: create the token as an active administrator who can view every profile.',
      notFound:
        `Namely has no profiles list at this address (${http}). Check the company name (the part ` +
        'before .namely.com).',
      rateLimited:
        `Namely is still rate limiting after our retries (${http}; the profiles list allows 100 ` +
        'requests per minute, shared with your other integrations).',
      unavailable: `Namely failed to answer (${http}).`,
      redirect: `Namely answered with a redirect (${http}); check the company name and base URL.`,
      badRequest: `Namely rejected the profiles request (${http}).`,
    }),
    [406, 429],
  );
}

/**
 * Namely's `{message, errors}` / `{error}` as `message: first error`, on one bounded line;
 * anything else → null.
 */
export function reasonOf(text: string): string | null {
  return jsonReason(text, namelyErrorBodySchema, (body) => [
    body.message ?? body.error,
    body.errors?.find((e) => typeof e === 'string'),
  ]);
}

/** The vendor's reason from a small error body (see `reasonOf`), or null; releases the body. */
export function readErrorReason(
  response: Pick<HttpResponse, 'body' | 'discard'>,
): Promise<string | null> {
  return readReason(response, reasonOf);
}
