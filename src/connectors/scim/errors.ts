import type { ConnectorError } from '../connector.ts';
import { errorForHttpStatus, jsonReason, readErrorReason as readReason } from '../errors.ts';
import type { HttpResponse } from '../http/types.ts';
import { scimErrorBodySchema } from './api.ts';

/**
 * The fatal error for a non-200 answer to `GET /Users`, after the HTTP client's retries. 401 and
 * 403 are never retried. Messages say what an admin should check and quote the SCIM
 * `scimType: detail`, never anything else from a body (and never a credential: the client does
 * not log headers, and nothing here sees them).
 */
export function errorForStatus(
  status: number,
  reason: string | null,
  usersPath: string,
): ConnectorError {
  return errorForHttpStatus(status, reason, (http) => ({
    unauthorized:
      `The SCIM service rejected the credentials (${http}). Check the auth type and the token ` +
      '(or username and password), which may have expired or been revoked, then update the ' +
      'connection.',
    forbidden:
      `The SCIM service refused to list users (${http}). Give the token permission to read ` +
      'Users (e.g. a users:read scope or a read-only SCIM role), then retry.',
    notFound:
      `The SCIM service has no Users endpoint at ${usersPath} (${http}). Check the base URL ` +
      '(the origin only) and the base path (e.g. /scim/v2) against your provider’s SCIM URL.',
    rateLimited: `The SCIM service is still rate limiting after our retries (${http}).`,
    unavailable: `The SCIM service failed to answer (${http}).`,
    redirect: `The SCIM service answered with a redirect (${http}); check the base URL and base path.`,
    badRequest:
      `The SCIM service rejected the Users request (${http}). Some providers refuse the ` +
      '`attributes` parameter or large start indexes; the connector page lists what Rollcall sends.',
  }));
}

/**
 * The SCIM error's `{scimType, detail}` as `scimType: detail`, on one bounded line; anything else
 * → null.
 */
export function reasonOf(text: string): string | null {
  return jsonReason(text, scimErrorBodySchema, (body) => [body.scimType, body.detail]);
}

/** The vendor's reason from a small error body (see `reasonOf`), or null; releases the body. */
export function readErrorReason(
  response: Pick<HttpResponse, 'body' | 'discard'>,
): Promise<string | null> {
  return readReason(response, reasonOf);
}
