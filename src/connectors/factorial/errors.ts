import { ConnectorError } from '../connector.ts';
import type { HttpResponse } from '../http/types.ts';
import { FACTORIAL_API_VERSION, factorialErrorBodySchema } from './api.ts';

/** Error bodies are small; nothing beyond this is read. */
const MAX_ERROR_BODY_BYTES = 4096;

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
  const http = `HTTP ${status}${reason === null ? '' : `: ${reason}`}`;
  if (status === 401) {
    return new ConnectorError(
      'auth_failed',
      `Factorial rejected the credentials while reading ${what} (${http}). Check the API key (or ` +
        'the OAuth access token): it may have been deleted in Factorial. Create a new one and ' +
        'update the connection.',
      false,
      status,
    );
  }
  if (status === 403) {
    return new ConnectorError(
      'forbidden',
      `Factorial refused access to ${what} (${http}). With OAuth, the user who connected must ` +
        'be able to view employees, teams, locations and contracts in Factorial; an API key ' +
        'always has full access.',
      false,
      status,
    );
  }
  if (status === 404) {
    return new ConnectorError(
      'not_found',
      `Factorial has no ${what} at this address (${http}). Check the base URL ` +
        `(https://api.factorialhr.com) and that API version ${FACTORIAL_API_VERSION} is still ` +
        'supported (each version lives one year).',
      false,
      status,
    );
  }
  if (status === 429) {
    return new ConnectorError(
      'rate_limited',
      `Factorial is still rate limiting after our retries while reading ${what} (${http}). ` +
        'The limit is shared with your other integrations; the next sync will try again.',
      true,
      status,
    );
  }
  if (status >= 500 || status === 408) {
    return new ConnectorError(
      'unavailable',
      `Factorial failed to answer while reading ${what} (${http}).`,
      true,
      status,
    );
  }
  if (status >= 300 && status < 400) {
    return new ConnectorError(
      'bad_request',
      `Factorial answered with a redirect while reading ${what} (${http}); check the base URL.`,
      false,
      status,
    );
  }
  return new ConnectorError(
    'bad_request',
    `Factorial rejected the request for ${what} (${http}).`,
    false,
    status,
  );
}

/**
 * Factorial's reason from an error body on one bounded line, or null. Reads at most 4 KiB and
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

/** `{error}`, `{error: {message}}` or `{message}` → that message; anything else → null. */
export function reasonOf(body: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const parsed = factorialErrorBodySchema.safeParse(json);
  if (!parsed.success) return null;
  const { error, message } = parsed.data;
  const raw = typeof error === 'string' ? error : (error?.message ?? message);
  if (raw === undefined) return null;
  // eslint-disable-next-line no-control-regex
  const clean = raw.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (clean === '') return null;
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}
