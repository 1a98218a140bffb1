import { ConnectorError } from '../connector.ts';
import type { HttpResponse } from '../http/types.ts';
import { scimErrorBodySchema } from './api.ts';

/** SCIM error bodies are small (RFC 7644 §3.12); we never read more than this. */
const MAX_ERROR_BODY_BYTES = 4096;

/**
 * The fatal error for a non-200 answer to `GET /Users`, after the HTTP client's retries. 401 and
 * 403 are never retried. Messages say what an admin should check and quote the SCIM
 * `scimType: detail`, never anything else from a body (and never a credential: the client does
 * not log headers, and nothing here sees them).
 */
export function errorForStatus(
  status: number,
  reason: string | null,
  usersPath: string,
): ConnectorError {
  const http = `HTTP ${status}${reason === null ? '' : `: ${reason}`}`;
  if (status === 401) {
    return new ConnectorError(
      'auth_failed',
      `The SCIM service rejected the credentials (${http}). Check the auth type and the token ` +
        '(or username and password), which may have expired or been revoked, then update the ' +
        'connection.',
      false,
      status,
    );
  }
  if (status === 403) {
    return new ConnectorError(
      'forbidden',
      `The SCIM service refused to list users (${http}). Give the token permission to read ` +
        'Users (e.g. a users:read scope or a read-only SCIM role), then retry.',
      false,
      status,
    );
  }
  if (status === 404) {
    return new ConnectorError(
      'not_found',
      `The SCIM service has no Users endpoint at ${usersPath} (${http}). Check the base URL ` +
        '(the origin only) and the base path (e.g. /scim/v2) against your provider’s SCIM URL.',
      false,
      status,
    );
  }
  if (status === 429) {
    return new ConnectorError(
      'rate_limited',
      `The SCIM service is still rate limiting after our retries (${http}).`,
      true,
      status,
    );
  }
  if (status >= 500 || status === 408) {
    return new ConnectorError(
      'unavailable',
      `The SCIM service failed to answer (${http}).`,
      true,
      status,
    );
  }
  if (status >= 300 && status < 400) {
    return new ConnectorError(
      'bad_request',
      `The SCIM service answered with a redirect (${http}); check the base URL and base path.`,
      false,
      status,
    );
  }
  return new ConnectorError(
    'bad_request',
    `The SCIM service rejected the Users request (${http}). Some providers refuse the ` +
      '`attributes` parameter or large start indexes; the connector page lists what Rollcall sends.',
    false,
    status,
  );
}

/**
 * The SP's reason from an error body, as `scimType: detail` on one bounded line, or null. Reads
 * at most 4 KiB and always releases the body.
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

/** `{scimType, detail}` → `scimType: detail`; anything else (HTML, an empty body) → null. */
export function reasonOf(text: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = scimErrorBodySchema.safeParse(json);
  if (!parsed.success) return null;
  const reason = [singleLine(parsed.data.scimType), singleLine(parsed.data.detail)]
    .filter((part) => part !== null)
    .join(': ');
  if (reason === '') return null;
  return reason.length > 200 ? `${reason.slice(0, 200)}…` : reason;
}

function singleLine(value: string | undefined): string | null {
  if (value === undefined) return null;
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean === '' ? null : clean;
}
