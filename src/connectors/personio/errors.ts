import { ConnectorError } from '../connector.ts';
import type { HttpResponse } from '../http/types.ts';
import { personioErrorBodySchema } from './api.ts';

/** v1 error bodies are small `{success, error: {code, message}}` objects; never read more. */
const MAX_ERROR_BODY_BYTES = 4096;

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
  const http = `HTTP ${status}${reason === null ? '' : `: ${reason}`}`;
  if (operation === 'auth' && (status === 401 || status === 403 || status === 422)) {
    return new ConnectorError(
      'auth_failed',
      `Personio rejected the API credentials (${http}). Check the client ID and client secret ` +
        'under Settings › Integrations › API credentials, then update the connection.',
      false,
      status,
    );
  }
  if (status === 401) {
    return new ConnectorError(
      'auth_failed',
      `Personio no longer accepts the API credentials (${http}), even after a new token. The ` +
        'credential was probably deleted or its secret rotated: update the connection.',
      false,
      status,
    );
  }
  if (status === 403) {
    return new ConnectorError(
      'forbidden',
      `Personio refused ${WHAT[operation]} (${http}). Give the API credential read access to ` +
        'the Employees endpoint and the attributes listed on the Personio connector page.',
      false,
      status,
    );
  }
  if (status === 404) {
    return new ConnectorError(
      'not_found',
      `Personio has no ${operation === 'auth' ? 'token endpoint' : 'employee list'} at this ` +
        `address (${http}). Check the base URL: leave it empty for https://api.personio.de.`,
      false,
      status,
    );
  }
  if (status === 429) {
    return new ConnectorError(
      'rate_limited',
      `Personio is still rate limiting ${WHAT[operation]} after our retries (${http}; the ` +
        'employee list allows 300 requests per minute, shared with your other integrations).',
      true,
      status,
    );
  }
  if (status >= 500 || status === 408) {
    return new ConnectorError(
      'unavailable',
      `Personio failed to answer ${WHAT[operation]} (${http}).`,
      true,
      status,
    );
  }
  if (status >= 300 && status < 400) {
    return new ConnectorError(
      'bad_request',
      `Personio answered ${WHAT[operation]} with a redirect (${http}); check the base URL.`,
      false,
      status,
    );
  }
  return new ConnectorError(
    'bad_request',
    `Personio rejected ${WHAT[operation]} (${http}).`,
    false,
    status,
  );
}

/**
 * Personio's reason from an error body, as one bounded line, or null. Reads at most 4 KiB and
 * always releases the body.
 */
export async function readErrorReason(
  response: Pick<HttpResponse, 'body' | 'discard'>,
): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      chunks.push(buffer);
      size += buffer.length;
      if (size > MAX_ERROR_BODY_BYTES) return null;
    }
  } catch {
    // The reason is a nicety: a body that cannot be read leaves the status to speak.
    return null;
  } finally {
    await response.discard();
  }
  return reasonOf(Buffer.concat(chunks).toString('utf8'));
}

/** `{error: {message}}` → the message; anything else (HTML from a proxy, empty) → null. */
export function reasonOf(text: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = personioErrorBodySchema.safeParse(json);
  if (!parsed.success) return null;
  // eslint-disable-next-line no-control-regex
  const message = (parsed.data.error.message ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (message === '') return null;
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}
