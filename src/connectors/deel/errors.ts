import { ConnectorError } from '../connector.ts';
import type { HttpResponse } from '../http/types.ts';
import { deelErrorBodySchema } from './api.ts';

/** Error bodies are small; we never read more than this. */
const MAX_ERROR_BODY_BYTES = 8192;

/**
 * The fatal error for a non-200 answer to the people list, after the HTTP client's retries.
 * 401 and 403 are never retried. Messages say what an admin should check and quote only Deel's
 * own `errors[].message` (NOTES §7).
 */
export function errorForStatus(status: number, reason: string | null): ConnectorError {
  const http = `HTTP ${status}${reason === null ? '' : `: ${reason}`}`;
  if (status === 401) {
    return new ConnectorError(
      'auth_failed',
      `Deel rejected the API token (${http}). The token may have been revoked or may have ` +
        'expired: create a new organization token in Deel (Developer Center) and update the ' +
        'connection.',
      false,
      status,
    );
  }
  if (status === 403) {
    return new ConnectorError(
      'forbidden',
      `Deel refused to list people (${http}). Give the token the people:read scope (see the ` +
        'Deel connector page).',
      false,
      status,
    );
  }
  if (status === 404) {
    return new ConnectorError(
      'not_found',
      `Deel has no people list at this address (${http}). Check the base URL: leave it empty ` +
        'for https://api.letsdeel.com, or use https://api-sandbox.demo.deel.com for a sandbox.',
      false,
      status,
    );
  }
  if (status === 429) {
    return new ConnectorError(
      'rate_limited',
      `Deel is still rate limiting after our retries (${http}; 5 requests per second per ` +
        'organization, shared by every token and integration).',
      true,
      status,
    );
  }
  if (status >= 500 || status === 408) {
    return new ConnectorError('unavailable', `Deel failed to answer (${http}).`, true, status);
  }
  return new ConnectorError(
    'bad_request',
    `Deel rejected the people list request (${http}).`,
    false,
    status,
  );
}

/** Deel's `errors[].message` on one bounded line, or null. Always releases the body. */
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

/** `{request, errors:[{message}]}` → the messages joined; anything else → null. */
export function reasonOf(text: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = deelErrorBodySchema.safeParse(json);
  if (!parsed.success) return null;
  const messages = (parsed.data.errors ?? [])
    .map((e) => e.message)
    .filter((m): m is string => m !== undefined);
  const joined = messages.slice(0, 3).join('; ');
  // eslint-disable-next-line no-control-regex
  const clean = joined.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (clean === '') return null;
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}
