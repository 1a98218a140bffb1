import { ConnectorError } from '../connector.ts';
import type { HttpResponse } from '../http/types.ts';
import { GetWorkersReader, type SoapFault } from './xml-stream.ts';

/** Fault bodies are small envelopes (NOTES §8); anything larger is not read. */
const MAX_FAULT_BYTES = 64 * 1024;

/**
 * The fatal error for a SOAP fault (NOTES §8). Workday sends faults with HTTP 500 (auth included),
 * so the code decides, not the status: `Client.authenticationError` → auth_failed, "not
 * authorized" → forbidden, `Client.validationError` → bad_request, `Server` → unavailable.
 * `secrets` are cut out of the quoted fault string, should a server ever echo one.
 */
export function errorForFault(
  fault: SoapFault,
  status: number,
  secrets: readonly string[] = [],
): ConnectorError {
  const code = fault.code ?? '';
  const quoted = quote([code, fault.message, fault.detail], secrets);
  const what = `SOAP fault${quoted === '' ? '' : ` ${quoted}`}`;
  if (/authenticationError/i.test(code)) {
    return new ConnectorError(
      'auth_failed',
      `Workday rejected the integration system user (${what}). Check the user name (Rollcall ` +
        'adds @tenant when it is missing), the password and that the password has not expired, ' +
        'then update the connection.',
      false,
      status,
    );
  }
  if (/not authorized/i.test(fault.message ?? '') || /authorizationError/i.test(code)) {
    return new ConnectorError(
      'forbidden',
      `Workday refused Get_Workers to the integration system user (${what}). Give its security ` +
        'group Get access to the domains listed on the Workday connector page, then activate ' +
        'pending security policy changes.',
      false,
      status,
    );
  }
  if (/^([\w-]+:)?Server/i.test(code)) {
    return new ConnectorError('unavailable', `Workday failed to answer (${what}).`, true, status);
  }
  return new ConnectorError(
    'bad_request',
    `Workday rejected the Get_Workers request (${what}). Check the API version and tenant; ` +
      'if they are right, report it as a Rollcall bug.',
    false,
    status,
  );
}

/** The fatal error for a non-200 answer without a SOAP fault in it. */
export function errorForStatus(status: number, service: string): ConnectorError {
  const http = `HTTP ${status}`;
  if (status === 401) {
    return new ConnectorError(
      'auth_failed',
      `Workday rejected the integration system user's credentials (${http}). Check the user ` +
        'name and password, then update the connection.',
      false,
      status,
    );
  }
  if (status === 403) {
    return new ConnectorError(
      'forbidden',
      `Workday refused access to ${service} (${http}). Check the integration system user's ` +
        'security group and domain permissions.',
      false,
      status,
    );
  }
  if (status === 404) {
    return new ConnectorError(
      'not_found',
      `Workday has no ${service} at this address (${http}). Check the services host, the ` +
        'tenant name and the API version (or report path).',
      false,
      status,
    );
  }
  if (status === 429) {
    return new ConnectorError(
      'rate_limited',
      `Workday is still throttling after our retries (${http}). The next sync tries again.`,
      true,
      status,
    );
  }
  if (status >= 500 || status === 408) {
    return new ConnectorError('unavailable', `Workday failed to answer (${http}).`, true, status);
  }
  if (status >= 300 && status < 400) {
    return new ConnectorError(
      'bad_request',
      `Workday answered with a redirect (${http}); check the services host.`,
      false,
      status,
    );
  }
  return new ConnectorError(
    'bad_request',
    `Workday rejected the ${service} request (${http}).`,
    false,
    status,
  );
}

/**
 * The SOAP fault in an error body, or null (an empty 5xx, HTML from a proxy, too large). Reads at
 * most 64 KiB and always releases the body.
 */
export async function readFault(
  response: Pick<HttpResponse, 'body' | 'discard'>,
): Promise<SoapFault | null> {
  const reader = new GetWorkersReader();
  let size = 0;
  let fault: SoapFault | null = null;
  try {
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of response.body) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > MAX_FAULT_BYTES) return null;
      reader.write(decoder.decode(buffer, { stream: true }));
    }
    reader.end();
    for (const event of reader.drain()) if (event.kind === 'fault') fault = event.fault;
  } catch {
    // The fault is a nicety: a body that cannot be read leaves the status to speak.
    return null;
  } finally {
    await response.discard();
  }
  return fault;
}

/** `code: message (detail)` on one bounded line, secrets replaced. */
function quote(parts: readonly (string | null)[], secrets: readonly string[]): string {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const part of parts) {
    const clean = singleLine(part);
    if (clean === null || seen.has(clean)) continue;
    seen.add(clean);
    kept.push(clean);
  }
  let text = kept.join(': ');
  for (const secret of secrets) if (secret.length >= 4) text = text.replaceAll(secret, '***');
  return text.length > 240 ? `${text.slice(0, 240)}…` : text;
}

function singleLine(value: string | null): string | null {
  if (value === null) return null;
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean === '' ? null : clean;
}
