import { ConnectorError } from '../connector.ts';
import { errorForHttpStatus, httpLabel, reasonLine } from '../errors.ts';

/**
 * BambooHR's legacy endpoints put the reason in this header and leave the body empty (NOTES §8).
 */
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
  // The vendor's reason, single-line and bounded: it goes into run reports and logs.
  const reason = reasonLine([headers.get(BAMBOOHR_ERROR_HEADER)]);
  if (status === 503) {
    const http = httpLabel(status, reason);
    return new ConnectorError(
      'unavailable',
      `BambooHR is unavailable or throttling (${http}; before 2026-09-16 it throttles with 503).`,
      true,
      status,
    );
  }
  return errorForHttpStatus(status, reason, (http) => ({
    unauthorized: `BambooHR rejected the API key (${http}). Create a new key and update the connection.`,
    forbidden:
      `BambooHR refused access (${http}). Check that the key's user is enabled and its access ` +
      'level can run custom reports; repeated unknown keys also lock a company for a while.',
    notFound:
      `BambooHR has no company "${companyDomain}" (${http}). The company domain is the part ` +
      'before .bamboohr.com.',
    rateLimited: `BambooHR is still rate limiting after our retries (${http}).`,
    unavailable: `BambooHR failed to answer (${http}).`,
    redirect: `BambooHR answered with a redirect (${http}); check the base URL.`,
    badRequest: `BambooHR rejected the report request (${http}).`,
  }));
}
