import { ConnectorError } from '../connector.ts';
import {
  errorForHttpStatus,
  httpLabel,
  jsonReason,
  readErrorReason as readReason,
} from '../errors.ts';
import type { HttpResponse } from '../http/types.ts';
import { ripplingErrorBodySchema } from './api.ts';

/**
 * The fatal error for a non-200 answer, after the HTTP client's retries (NOTES §7: 400, 401
 * expired or revoked key, 403 missing scopes, 500, 504 timeout). 401 and 403 are never retried.
 * Messages say what an admin should check and quote only Rippling's own `detail`.
 */
export function errorForStatus(
  status: number,
  reason: string | null,
  what: string,
): ConnectorError {
  if (status === 504) {
    const http = httpLabel(status, reason);
    return new ConnectorError(
      'timeout',
      `Rippling timed out listing ${what} (${http}), even with pages of 100.`,
      true,
      status,
    );
  }
  return errorForHttpStatus(status, reason, (http) => ({
    unauthorized:
      `Rippling rejected the API key (${http}). The key may have been deleted or expired, or the ` +
      'admin who created it may have left the company (Rippling then revokes their keys). ' +
      'Create a new key and update the connection.',
    forbidden:
      `Rippling refused to list ${what} (${http}). Give the API key the read scopes listed on ` +
      'the Rippling connector page (employees, departments, work locations).',
    notFound:
      `Rippling has no ${what} list at this address (${http}). Check the base URL: leave it ` +
      'empty for https://api.rippling.com.',
    rateLimited: `Rippling is still rate limiting after our retries (${http}).`,
    unavailable: `Rippling failed to answer (${http}).`,
    badRequest: `Rippling rejected the request for ${what} (${http}).`,
  }));
}

/** Rippling's `{detail}` (or `error` / `message`), on one bounded line; anything else → null. */
export function reasonOf(text: string): string | null {
  return jsonReason(text, ripplingErrorBodySchema, (body) => [
    body.detail ?? body.error ?? body.message,
  ]);
}

/** The vendor's reason from a small error body (see `reasonOf`), or null; releases the body. */
export function readErrorReason(
  response: Pick<HttpResponse, 'body' | 'discard'>,
): Promise<string | null> {
  return readReason(response, reasonOf);
}
