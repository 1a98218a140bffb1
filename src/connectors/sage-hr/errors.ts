import { ConnectorError } from '../connector.ts';
import type { HttpResponse } from '../http/types.ts';
import { sageHrErrorBodySchema } from './api.ts';

/** Error bodies are small `{error_code, errors}` objects (NOTES §7); we never read more. */
const MAX_ERROR_BODY_BYTES = 4096;

/**
 * The fatal error for a non-200 answer, after the HTTP client's retries. 401 and 403 are never
 * retried. Messages say what an admin should check and quote Sage HR's own `error_code` and first
 * error string, never anything else from a body.
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
      `Sage HR rejected the API key (${http}). Copy the key again from Settings → ` +
        'Integrations → API and update the connection: disabling and re-enabling API access ' +
        "gives every user a new key, and a key stops working when its user's access is removed.",
      false,
      status,
    );
  }
  if (status === 403) {
    return new ConnectorError(
      'forbidden',
      `Sage HR refused access to ${what} (${http}). Use the API key of an administrator who ` +
        'can see every employee, terminated ones included.',
      false,
      status,
    );
  }
  if (status === 404) {
    return new ConnectorError(
      'not_found',
      `Sage HR has no ${what} at this address (${http}). Check the subdomain (the part before ` +
        '.sage.hr) and that API access is enabled for the account.',
      false,
      status,
    );
  }
  if (status === 429) {
    return new ConnectorError(
      'rate_limited',
      `Sage HR is still rate limiting after our retries (${http}).`,
      true,
      status,
    );
  }
  if (status >= 500 || status === 408) {
    return new ConnectorError(
      'unavailable',
      `Sage HR failed to answer ${what} (${http}).`,
      true,
      status,
    );
  }
  if (status >= 300 && status < 400) {
    return new ConnectorError(
      'bad_request',
      `Sage HR answered with a redirect (${http}); check the subdomain and base URL.`,
      false,
      status,
    );
  }
  return new ConnectorError(
    'bad_request',
    `Sage HR rejected the request for ${what} (${http}).`,
    false,
    status,
  );
}

/**
 * Sage HR's reason from an error body, as `error_code: first error` on one bounded line, or null.
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

/** `{error_code, errors}` → `error_code: first error`; anything else (HTML, empty) → null. */
export function reasonOf(text: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = sageHrErrorBodySchema.safeParse(json);
  if (!parsed.success) return null;
  const first = parsed.data.errors?.find((e) => typeof e === 'string');
  const parts = [singleLine(parsed.data.error_code), singleLine(first)];
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
