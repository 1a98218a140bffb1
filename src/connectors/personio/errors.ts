import { ConnectorError } from '../connector.ts';
import {
  errorForHttpStatus,
  httpLabel,
  jsonReason,
  readErrorReason as readReason,
} from '../errors.ts';
import type { HttpResponse } from '../http/types.ts';
import { personioErrorBodySchema } from './api.ts';

export type PersonioOperation = 'auth' | 'employees';

const WHAT: Record<PersonioOperation, string> = {
  auth: 'the token request (POST /v1/auth)',
  employees: 'the employee list (GET /v1/company/employees)',
};

/**
 * The fatal error for a non-200 answer, after the HTTP client's retries. 401 and 403 are never
 * retried. Messages say what an admin should check and quote only Personio's own error message.
 */
export function errorForStatus(
  status: number,
  reason: string | null,
  operation: PersonioOperation,
): ConnectorError {
  if (operation === 'auth' && (status === 401 || status === 403 || status === 422)) {
    const http = httpLabel(status, reason);
    return new ConnectorError(
      'auth_failed',
      `Personio rejected the API credentials (${http}). Check the client ID and client secret ` +
        'under Settings › Integrations › API credentials, then update the connection.',
      false,
      status,
    );
  }
  return errorForHttpStatus(status, reason, (http) => ({
    unauthorized:
      `Personio no longer accepts the API credentials (${http}), even after a new token. The ` +
      'credential was probably deleted or its secret rotated: update the connection.',
    forbidden:
      `Personio refused ${WHAT[operation]} (${http}). Give the API credential read access to ` +
      'the Employees endpoint and the attributes listed on the Personio connector page.',
    notFound:
      `Personio has no ${operation === 'auth' ? 'token endpoint' : 'employee list'} at this ` +
      `address (${http}). Check the base URL: leave it empty for https://api.personio.de.`,
    rateLimited:
      `Personio is still rate limiting ${WHAT[operation]} after our retries (${http}; the ` +
      'employee list allows 300 requests per minute, shared with your other integrations).',
    unavailable: `Personio failed to answer ${WHAT[operation]} (${http}).`,
    redirect: `Personio answered ${WHAT[operation]} with a redirect (${http}); check the base URL.`,
    badRequest: `Personio rejected ${WHAT[operation]} (${http}).`,
  }));
}

/** Personio's `{error: {message}}`, on one bounded line; anything else → null. */
export function reasonOf(text: string): string | null {
  return jsonReason(text, personioErrorBodySchema, (body) => [body.error.message]);
}

/** The vendor's reason from a small error body (see `reasonOf`), or null; releases the body. */
export function readErrorReason(
  response: Pick<HttpResponse, 'body' | 'discard'>,
): Promise<string | null> {
  return readReason(response, reasonOf);
}
