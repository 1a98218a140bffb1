import { ConnectorError } from '../connector.ts';

/** BambooHR's legacy endpoints put the reason in this header and leave the body empty (NOTES §8). */
export const BAMBOOHR_ERROR_HEADER = 'x-bamboohr-error-message';

/**
 * The fatal error for a non-200 answer to the report request, after the HTTP client's retries.
 * Messages say what an admin should check; they quote BambooHR's own reason, never a body.
 */
export function errorForStatus(
  status: number,
  headers: Headers,
  companyDomain: string,
): ConnectorError {
  const reason = vendorReason(headers);
  const http = `HTTP ${status}${reason === null ? '' : `: ${reason}`}`;
  if (status === 401) {
    return new ConnectorError(
      'auth_failed',
      `BambooHR rejected the API key (${http}). Create a new key and update the connection.`,
      false,
      status,
    );
  }
  if (status === 403) {
    return new ConnectorError(
      'forbidden',
      `BambooHR refused access (${http}). Check that the key's user is enabled and its access ` +
        'level can run custom reports; repeated unknown keys also lock a company for a while.',
      false,
      status,
    );
  }
  if (status === 404) {
    return new ConnectorError(
      'not_found',
      `BambooHR has no company "${companyDomain}" (${http}). The company domain is the part ` +
        'before .bamboohr.com.',
      false,
      status,
    );
  }
  if (status === 429) {
    return new ConnectorError(
      'rate_limited',
      `BambooHR is still rate limiting after our retries (${http}).`,
      true,
      status,
    );
  }
  if (status === 503) {
    return new ConnectorError(
      'unavailable',
      `BambooHR is unavailable or throttling (${http}; before 2026-09-16 it throttles with 503).`,
      true,
      status,
    );
  }
  if (status >= 500 || status === 408) {
    return new ConnectorError('unavailable', `BambooHR failed to answer (${http}).`, true, status);
  }
  if (status >= 300 && status < 400) {
    return new ConnectorError(
      'bad_request',
      `BambooHR answered with a redirect (${http}); check the base URL.`,
      false,
      status,
    );
  }
  return new ConnectorError(
    'bad_request',
    `BambooHR rejected the report request (${http}).`,
    false,
    status,
  );
}

/** The vendor's reason, single-line and bounded: it goes into run reports and logs. */
function vendorReason(headers: Headers): string | null {
  const value = headers.get(BAMBOOHR_ERROR_HEADER);
  if (value === null) return null;
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (clean === '') return null;
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}
