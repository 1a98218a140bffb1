import type { ConnectorError } from '../connector.ts';
import { errorForHttpStatus, jsonReason, readErrorReason as readReason } from '../errors.ts';
import type { HttpResponse } from '../http/types.ts';
import { FACTORIAL_API_VERSION, factorialErrorBodySchema } from './api.ts';

/**
 * The fatal error for a non-200 answer, after the HTTP client's retries. 401 and 403 are never
 * retried: a wrong or revoked key does not heal by itself. `what` names the list being read
 * (`teams`, `employees`…). Messages say what an admin should check, quote at most Factorial's own
 * one-line reason and never a credential.
 */
export function errorForStatus(
  status: number,
  reason: string | null,
  what: string,
): ConnectorError {
  return errorForHttpStatus(status, reason, (http) => ({
    unauthorized:
      `Factorial rejected the credentials while reading ${what} (${http}). Check the API key (or ` +
      'the OAuth access token): it may have been deleted in Factorial. Create a new one and ' +
      'update the connection.',
    forbidden:
      `Factorial refused access to ${what} (${http}). With OAuth, the user who connected must ` +
      'be able to view employees, teams, locations and contracts in Factorial; an API key ' +
      'always has full access.',
    notFound:
      `Factorial has no ${what} at this address (${http}). Check the base URL ` +
      `(https://api.factorialhr.com) and that API version ${FACTORIAL_API_VERSION} is still ` +
      'supported (each version lives one year).',
    rateLimited:
      `Factorial is still rate limiting after our retries while reading ${what} (${http}). ` +
      'The limit is shared with your other integrations; the next sync will try again.',
    unavailable: `Factorial failed to answer while reading ${what} (${http}).`,
    redirect: `Factorial answered with a redirect while reading ${what} (${http}); check the base URL.`,
    badRequest: `Factorial rejected the request for ${what} (${http}).`,
  }));
}

/**
 * Factorial's `{error}`, `{error: {message}}` or `{message}`, on one bounded line; anything else →
 * null.
 */
export function reasonOf(text: string): string | null {
  return jsonReason(text, factorialErrorBodySchema, (body) => [
    typeof body.error === 'string' ? body.error : (body.error?.message ?? body.message),
  ]);
}

/** The vendor's reason from a small error body (see `reasonOf`), or null; releases the body. */
export function readErrorReason(
  response: Pick<HttpResponse, 'body' | 'discard'>,
): Promise<string | null> {
  return readReason(response, reasonOf);
}
