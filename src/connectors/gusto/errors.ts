import { ConnectorError } from '../connector.ts';
import type { HttpResponse } from '../http/types.ts';
import { gustoErrorBodySchema } from './api.ts';

/** Error bodies are small `{errors: [...]}` envelopes (NOTES §8); we never read more than this. */
const MAX_ERROR_BODY_BYTES = 4096;

/** Which read failed, for the message: the scope it needs and what it is called. */
export type GustoOperation = 'employees' | 'departments' | 'locations';

const SCOPE: Record<GustoOperation, string> = {
  employees: 'employees:read',
  departments: 'departments:read',
  locations: 'companies:read',
};

/**
 * The fatal error for a non-200 answer, after the HTTP client's retries. 401 and 403 are never
 * retryable: an expired or revoked token needs an admin to reconnect (Rollcall cannot store the
 * refresh token Gusto rotates on every use), and a missing scope needs a new authorization.
 * Messages say what to do and quote Gusto's own category and message, never anything else.
 */
export function errorForStatus(
  status: number,
  reason: string | null,
  operation: GustoOperation,
): ConnectorError {
  const http = `HTTP ${status}${reason === null ? '' : `: ${reason}`}`;
  if (status === 401) {
    return new ConnectorError(
      'auth_failed',
      `Gusto rejected the access token (${http}). Gusto access tokens expire after 2 hours and ` +
        'can be revoked; Rollcall cannot refresh them. Reconnect Gusto (authorize the Rollcall ' +
        'app again) and paste the new access token into the connection.',
      false,
      status,
    );
  }
  if (status === 403) {
    return new ConnectorError(
      'forbidden',
      `Gusto refused to list ${operation} (${http}). The token needs the ${SCOPE[operation]} ` +
        'scope and access to this company: authorize the app again with the scopes listed on ' +
        'the Gusto connector page.',
      false,
      status,
    );
  }
  if (status === 404) {
    return new ConnectorError(
      'not_found',
      `Gusto has no ${operation} list at this address (${http}). Check the company UUID ` +
        '(GET /v1/token_info shows the one the token belongs to) and the base URL: ' +
        'https://api.gusto.com, or https://api.gusto-demo.com for a demo company.',
      false,
      status,
    );
  }
  if (status === 406) {
    return new ConnectorError(
      'bad_request',
      `Gusto refused the API version Rollcall sends (${http}).`,
      false,
      status,
    );
  }
  if (status === 429) {
    return new ConnectorError(
      'rate_limited',
      `Gusto is still rate limiting after our retries (${http}; 200 requests per minute, ` +
        'shared by every company this authorization can reach).',
      true,
      status,
    );
  }
  if (status >= 500 || status === 408) {
    return new ConnectorError('unavailable', `Gusto failed to answer (${http}).`, true, status);
  }
  if (status >= 300 && status < 400) {
    return new ConnectorError(
      'bad_request',
      `Gusto answered with a redirect (${http}); check the base URL.`,
      false,
      status,
    );
  }
  return new ConnectorError(
    'bad_request',
    `Gusto rejected the ${operation} request (${http}).`,
    false,
    status,
  );
}

/**
 * Gusto's reason from an error body as `category: message` on one bounded line, or null. Reads
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

/** The first error of the envelope as `category: message`; anything else → null. */
export function reasonOf(body: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const parsed = gustoErrorBodySchema.safeParse(json);
  const first = parsed.success ? parsed.data.errors?.[0] : undefined;
  if (first === undefined) return null;
  const reason = [singleLine(first.category), singleLine(first.message)]
    .filter((part) => part !== null)
    .join(': ');
  if (reason === '') return null;
  return reason.length > 200 ? `${reason.slice(0, 200)}…` : reason;
}

function singleLine(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean === '' ? null : clean;
}
