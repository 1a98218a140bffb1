import { ConnectorError } from '../connector.ts';
import type { HttpResponse } from '../http/types.ts';
import { ripplingErrorBodySchema } from './api.ts';

/** Error bodies are small; we never read more than this. */
const MAX_ERROR_BODY_BYTES = 4096;

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
  const http = `HTTP ${status}${reason === null ? '' : `: ${reason}`}`;
  if (status === 401) {
    return new ConnectorError(
      'auth_failed',
      `Rippling rejected the API key (${http}). The key may have been deleted or expired, or the ` +
        'admin who created it may have left the company (Rippling then revokes their keys). ' +
        'Create a new key and update the connection.',
      false,
      status,
    );
  }
  if (status === 403) {
    return new ConnectorError(
      'forbidden',
      `Rippling refused to list ${what} (${http}). Give the API key the read scopes listed on ` +
        'the Rippling connector page (employees, departments, work locations).',
      false,
      status,
    );
  }
  if (status === 404) {
    return new ConnectorError(
      'not_found',
      `Rippling has no ${what} list at this address (${http}). Check the base URL: leave it ` +
        'empty for https://api.rippling.com.',
      false,
      status,
    );
  }
  if (status === 429) {
    return new ConnectorError(
      'rate_limited',
      `Rippling is still rate limiting after our retries (${http}).`,
      true,
      status,
    );
  }
  if (status === 504) {
    return new ConnectorError(
      'timeout',
      `Rippling timed out listing ${what} (${http}), even with pages of 100.`,
      true,
      status,
    );
  }
  if (status >= 500 || status === 408) {
    return new ConnectorError('unavailable', `Rippling failed to answer (${http}).`, true, status);
  }
  return new ConnectorError(
    'bad_request',
    `Rippling rejected the request for ${what} (${http}).`,
    false,
    status,
  );
}

/** Rippling's `detail` from an error body on one bounded line, or null. Always releases the body. */
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

/** `{detail}` (or `error` / `message`) → that text; anything else (HTML, empty) → null. */
export function reasonOf(text: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = ripplingErrorBodySchema.safeParse(json);
  if (!parsed.success) return null;
  const raw = parsed.data.detail ?? parsed.data.error ?? parsed.data.message;
  if (raw === undefined) return null;
  // eslint-disable-next-line no-control-regex
  const clean = raw.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (clean === '') return null;
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}
