import { ConnectorError } from '../connector.ts';
import type { HttpResponse } from '../http/types.ts';
import { namelyErrorBodySchema } from './api.ts';

/** Error bodies are small `{message, errors}` / `{error}` objects (NOTES §7); we never read more. */
const MAX_ERROR_BODY_BYTES = 4096;

/**
 * The fatal error for a non-200 answer to the profiles list, after the HTTP client's retries.
 * 401 and 403 are never retried. Messages say what an admin should check and quote Namely's own
 * `message` / `error` and first error string, never anything else from a body.
 */
export function errorForStatus(status: number, reason: string | null): ConnectorError {
  const http = `HTTP ${status}${reason === null ? '' : `: ${reason}`}`;
  if (status === 401) {
    return new ConnectorError(
      'auth_failed',
      `Namely rejected the access token (${http}). Create a new personal access token under ` +
        'Admin → API (tokens expire) and update the connection.',
      false,
      status,
    );
  }
  if (status === 403) {
    return new ConnectorError(
      'forbidden',
      `Namely refused access to the profiles (${http}). A personal access token stops working ` +
        'when the profile that created it becomes inactive, and sees only what that profile may ' +
        'see: create the token as an active administrator who can view every profile.',
      false,
      status,
    );
  }
  if (status === 404) {
    return new ConnectorError(
      'not_found',
      `Namely has no profiles list at this address (${http}). Check the company name (the part ` +
        'before .namely.com).',
      false,
      status,
    );
  }
  if (status === 406 || status === 429) {
    return new ConnectorError(
      'rate_limited',
      `Namely is still rate limiting after our retries (${http}; the profiles list allows 100 ` +
        'requests per minute, shared with your other integrations).',
      true,
      status,
    );
  }
  if (status >= 500 || status === 408) {
    return new ConnectorError('unavailable', `Namely failed to answer (${http}).`, true, status);
  }
  if (status >= 300 && status < 400) {
    return new ConnectorError(
      'bad_request',
      `Namely answered with a redirect (${http}); check the company name and base URL.`,
      false,
      status,
    );
  }
  return new ConnectorError(
    'bad_request',
    `Namely rejected the profiles request (${http}).`,
    false,
    status,
  );
}

/**
 * Namely's reason from an error body, as `message: first error` on one bounded line, or null.
 * Reads at most 4 KiB and always releases the body.
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

/** `{message, errors}` / `{error}` → `message: first error`; anything else → null. */
export function reasonOf(text: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = namelyErrorBodySchema.safeParse(json);
  if (!parsed.success) return null;
  const first = parsed.data.errors?.find((e) => typeof e === 'string');
  const parts = [singleLine(parsed.data.message ?? parsed.data.error), singleLine(first)];
  const reason = parts.filter((part) => part !== null).join(': ');
  if (reason === '') return null;
  return reason.length > 200 ? `${reason.slice(0, 200)}…` : reason;
}

function singleLine(value: string | undefined): string | null {
  if (value === undefined) return null;
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean === '' ? null : clean;
}
