import { ConnectorError } from '../connector.ts';
import type { HttpResponse } from '../http/types.ts';
import { hiBobErrorBodySchema } from './api.ts';

/** Error bodies are small `{key, error}` objects (NOTES §8); we never read more than this. */
const MAX_ERROR_BODY_BYTES = 4096;

/**
 * The fatal error for a non-200 answer to the people search, after the HTTP client's retries.
 * 401 and 403 are never retried, here or by the client: HiBob's WAF blocks the caller's IP after
 * repeated failed auth or permission requests (NOTES §7). Messages say what an admin should check
 * and quote HiBob's own `{key, error}`, never anything else from a body.
 */
export function errorForStatus(status: number, reason: string | null): ConnectorError {
  const http = `HTTP ${status}${reason === null ? '' : `: ${reason}`}`;
  if (status === 401) {
    return new ConnectorError(
      'auth_failed',
      `HiBob rejected the service user credentials (${http}). Check the service user ID and ` +
        'token, then update the connection. Rollcall does not retry: repeated failures can get ' +
        'the IP blocked by HiBob.',
      false,
      status,
    );
  }
  if (status === 403) {
    return new ConnectorError(
      'forbidden',
      `HiBob refused access (${http}). Add the service user to a permission group that can view ` +
        'the People data categories listed on the HiBob connector page. HiBob also answers 403 ' +
        'for a while after repeated failed requests (IP block). Rollcall does not retry.',
      false,
      status,
    );
  }
  if (status === 404) {
    return new ConnectorError(
      'not_found',
      `HiBob has no people search at this address (${http}). Check the base URL: ` +
        'https://api.hibob.com, or https://api.sandbox.hibob.com for a sandbox account.',
      false,
      status,
    );
  }
  if (status === 429) {
    return new ConnectorError(
      'rate_limited',
      `HiBob is still rate limiting after our retries (${http}; people search allows 50 ` +
        'requests per minute, shared with your other integrations).',
      true,
      status,
    );
  }
  if (status >= 500 || status === 408) {
    return new ConnectorError('unavailable', `HiBob failed to answer (${http}).`, true, status);
  }
  if (status >= 300 && status < 400) {
    return new ConnectorError(
      'bad_request',
      `HiBob answered with a redirect (${http}); check the base URL.`,
      false,
      status,
    );
  }
  return new ConnectorError(
    'bad_request',
    `HiBob rejected the people search request (${http}).`,
    false,
    status,
  );
}

/**
 * HiBob's reason from an error body, as `key: error` on one bounded line, or null. Reads at most
 * 4 KiB and always releases the body.
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

/** `{key, error}` → `key: error`; anything else (HTML from a proxy, an empty body) → null. */
export function reasonOf(text: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = hiBobErrorBodySchema.safeParse(json);
  if (!parsed.success) return null;
  const key = singleLine(parsed.data.key);
  const error = singleLine(parsed.data.error);
  const reason = [key, error].filter((part) => part !== null).join(': ');
  if (reason === '') return null;
  return reason.length > 200 ? `${reason.slice(0, 200)}…` : reason;
}

function singleLine(value: string | undefined): string | null {
  if (value === undefined) return null;
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean === '' ? null : clean;
}
