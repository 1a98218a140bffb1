import { ConnectorError } from '../connector.ts';
import type { HttpResponse } from '../http/types.ts';
import { charlieHrErrorBodySchema } from './api.ts';

const MAX_ERROR_BODY_BYTES = 4096;

/**
 * The fatal error for a non-200 answer, after the HTTP client's retries; `what` names the list.
 * 401/403 are never retried. Messages say what to check and never quote a credential.
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
      `CharlieHR rejected the API credentials while reading ${what} (${http}). Check the client ID ` +
        'and client secret (they may have been regenerated in CharlieHR) and update the connection.',
      false,
      status,
    );
  }
  if (status === 403) {
    return new ConnectorError(
      'forbidden',
      `CharlieHR refused access to ${what} (${http}). The API credentials must belong to an ` +
        'account that can see the whole team.',
      false,
      status,
    );
  }
  if (status === 404) {
    return new ConnectorError(
      'not_found',
      `CharlieHR has no ${what} at this address (${http}). Check the base URL ` +
        '(https://charliehr.com).',
      false,
      status,
    );
  }
  if (status === 429) {
    return new ConnectorError(
      'rate_limited',
      `CharlieHR is still rate limiting after our retries while reading ${what} (${http}).`,
      true,
      status,
    );
  }
  if (status >= 500 || status === 408) {
    return new ConnectorError(
      'unavailable',
      `CharlieHR failed to answer while reading ${what} (${http}).`,
      true,
      status,
    );
  }
  return new ConnectorError(
    'bad_request',
    `CharlieHR rejected the request for ${what} (${http}).`,
    false,
    status,
  );
}

/** CharlieHR's reason from a small error body on one bounded line, or null; releases the body. */
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

/** `{message}` or `{error}` → that text; anything else → null. */
export function reasonOf(body: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const parsed = charlieHrErrorBodySchema.safeParse(json);
  const raw = parsed.success ? (parsed.data.message ?? parsed.data.error) : undefined;
  if (raw === undefined) return null;
  // eslint-disable-next-line no-control-regex
  const clean = raw.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (clean === '') return null;
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}
