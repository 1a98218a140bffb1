import { ConnectorError } from '../connector.ts';
import {
  errorForHttpStatus,
  httpLabel,
  jsonReason,
  readErrorReason as readReason,
} from '../errors.ts';
import type { HttpResponse } from '../http/types.ts';
import { gustoErrorBodySchema } from './api.ts';

/** Which read failed, for the message: the scope it needs and what it is called. */
export type GustoOperation = 'employees' | 'departments' | 'locations';

const SCOPE: Record<GustoOperation, string> = {
  employees: 'employees:read',
  departments: 'departments:read',
  locations: 'companies:read',
};

/**
 * The fatal error for a non-200 answer, after the HTTP client's retries. 401 and 403 are never
 * retryable: a token still refused after a refresh (or one that cannot be refreshed, see
 * oauth.ts) needs an admin to reconnect, and a missing scope needs a new authorization.
 * Messages say what to do and quote Gusto's own category and message, never anything else.
 */
export function errorForStatus(
  status: number,
  reason: string | null,
  operation: GustoOperation,
): ConnectorError {
  if (status === 406) {
    const http = httpLabel(status, reason);
    return new ConnectorError(
      'bad_request',
      `Gusto refused the API version Rollcall sends (${http}).`,
      false,
      status,
    );
  }
  return errorForHttpStatus(status, reason, (http) => ({
    unauthorized:
      `Gusto rejected the access token (${http}). Gusto access tokens expire after 2 hours and ` +
      'can be revoked. Reconnect Gusto (authorize the Rollcall app again) and update the ' +
      'connection; with the refresh token, client id and client secret in it, Rollcall renews ' +
      'the access token itself.',
    forbidden:
      `Gusto refused to list ${operation} (${http}). The token needs the ${SCOPE[operation]} ` +
      'scope and access to this company: authorize the app again with the scopes listed on ' +
      'the Gusto connector page.',
    notFound:
      `Gusto has no ${operation} list at this address (${http}). Check the company UUID ` +
      '(GET /v1/token_info shows the one the token belongs to) and the base URL: ' +
      'https://api.gusto.com, or https://api.gusto-demo.com for a demo company.',
    rateLimited:
      `Gusto is still rate limiting after our retries (${http}; 200 requests per minute, ` +
      'shared by every company this authorization can reach).',
    unavailable: `Gusto failed to answer (${http}).`,
    redirect: `Gusto answered with a redirect (${http}); check the base URL.`,
    badRequest: `Gusto rejected the ${operation} request (${http}).`,
  }));
}

/**
 * The first error of Gusto's `{errors: [...]}` envelope as `category: message`, on one bounded
 * line; anything else → null.
 */
export function reasonOf(text: string): string | null {
  return jsonReason(text, gustoErrorBodySchema, (body) => {
    const first = body.errors?.[0];
    return first === undefined ? [] : [first.category, first.message];
  });
}

/** The vendor's reason from a small error body (see `reasonOf`), or null; releases the body. */
export function readErrorReason(
  response: Pick<HttpResponse, 'body' | 'discard'>,
): Promise<string | null> {
  return readReason(response, reasonOf);
}
