import { isIP } from 'node:net';
import { ConnectorError } from './connector.ts';
import type { ConnectorEndpoint } from './connector.ts';
import { createEndpoint, isPublicAddress } from './endpoint.ts';
import type { AddressLookup } from './endpoint.ts';

export interface ResolveBaseUrlInput {
  connectorId: string;
  /** The connector's declared hosts: exact names, or `*.example.com` for its subdomains. */
  allowedHosts: readonly string[];
  defaultBaseUrl: string;
  /** The connection's `baseUrl`, when the admin set one. */
  configBaseUrl?: string | undefined;
  /** Operator-granted hosts (`ROLLCALL_EXTRA_ALLOWED_HOSTS`): may be IPs or localhost, may use http. */
  extraAllowedHosts?: readonly string[];
}

/**
 * `allowedHosts: ['*']`: any public host. Only a non-HTTP connector (its default origin is e.g.
 * `sftp://`) may declare it, because only such a connector connects through
 * `ConnectorEndpoint.resolveAddress()`, which refuses non-public addresses after DNS resolution.
 */
export const ANY_PUBLIC_HOST = '*';

/**
 * The origin a connection's HTTP client is bound to (Airbyte-style allowed hosts). A config
 * `baseUrl` must be a bare origin on an allowed host over https; only operator-granted extra
 * hosts may be IP literals, `localhost` or plain http. The connector's default is checked by the
 * same rules, so a wrong declaration fails loudly instead of silently widening the list.
 */
export function resolveBaseUrl(input: ResolveBaseUrlInput): string {
  const configured = input.configBaseUrl?.trim();
  const fromConfig = configured !== undefined && configured !== '';
  const raw = fromConfig ? configured : input.defaultBaseUrl;
  const what = fromConfig ? 'the configured baseUrl' : 'the default base URL';
  const deny = (reason: string): ConnectorError =>
    new ConnectorError('host_not_allowed', `${input.connectorId}: ${what} ${reason}`, false);

  // A connector speaks the scheme of its default origin; HTTP connectors also accept http for
  // operator-granted hosts (checked below).
  const scheme = schemeOf(input.defaultBaseUrl);
  const web = scheme === 'https:' || scheme === 'http:';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw deny(
      `is not a valid URL (expected e.g. ${web ? 'https://api.example.com' : `${scheme}//files.example.com`})`,
    );
  }
  if (web ? url.protocol !== 'https:' && url.protocol !== 'http:' : url.protocol !== scheme) {
    throw deny(
      `must use ${web ? 'https' : scheme.replace(':', '')}, not ${url.protocol.replace(':', '')}`,
    );
  }
  // Checked on the raw text too: `https://@host` parses to an empty username.
  if (url.username !== '' || url.password !== '' || authorityOf(raw).includes('@')) {
    throw deny('must not contain credentials (user:password@); put them in the credential fields');
  }
  // Non-special schemes (sftp:) parse an origin's path as '' rather than '/'.
  if ((url.pathname !== '/' && url.pathname !== '') || raw.includes('?') || raw.includes('#')) {
    throw deny(
      'must be an origin only (scheme, host and optional port): no path, query or fragment',
    );
  }

  const host = normalizeHost(url.hostname);
  const extra = (input.extraAllowedHosts ?? []).map(normalizeHost);
  const port = url.port === '' ? '' : `:${url.port}`;
  const origin = `${url.protocol}//${host.includes(':') ? `[${host}]` : host}${port}`;

  if (extra.some((pattern) => hostMatches(host, pattern))) return origin;
  const allowed = input.allowedHosts.map(normalizeHost);
  const anyPublic = allowed.includes(ANY_PUBLIC_HOST);
  if (anyPublic && web) {
    throw deny(`cannot be checked: an HTTP connector may not declare "${ANY_PUBLIC_HOST}" hosts`);
  }
  // Non-special URLs keep the host as typed (no IDNA, no IPv4 number forms such as 2130706433 or
  // 127.1, which the resolver would still read as addresses): only plain names, ending in a label
  // that starts with a letter.
  if (
    !web &&
    isIP(host) === 0 &&
    !/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z]([a-z0-9-]*[a-z0-9])?$/.test(host)
  ) {
    throw deny(`has a host (${host}) that is not a plain DNS name or IP address`);
  }
  const publicIp = anyPublic && isIP(host) !== 0 && isPublicAddress(host);
  if (!publicIp && (isIP(host) !== 0 || host === 'localhost' || host.endsWith('.localhost'))) {
    throw deny(
      `points to ${host}, which is allowed only when the operator lists it in ROLLCALL_EXTRA_ALLOWED_HOSTS`,
    );
  }
  if (anyPublic) return origin;
  if (!allowed.some((pattern) => hostMatches(host, pattern))) {
    throw deny(`points to ${host}, which is not an allowed host (${allowed.join(', ')})`);
  }
  if (web && url.protocol !== 'https:') throw deny('must use https');
  return origin;
}

/**
 * The connection's endpoint: `resolveBaseUrl`'s origin, plus the address check a non-HTTP
 * connector runs before it connects (operator-granted hosts skip it, as they skip the host list).
 */
export function resolveEndpoint(
  input: ResolveBaseUrlInput & { lookup?: AddressLookup },
): ConnectorEndpoint {
  const origin = resolveBaseUrl(input);
  const granted = isExtraAllowedHost(new URL(origin).hostname, input.extraAllowedHosts ?? []);
  return createEndpoint(origin, { granted, ...(input.lookup ? { lookup: input.lookup } : {}) });
}

/** Whether the operator granted this host (`ROLLCALL_EXTRA_ALLOWED_HOSTS`): no network policy. */
export function isExtraAllowedHost(host: string, extraAllowedHosts: readonly string[]): boolean {
  const normalized = normalizeHost(host);
  return extraAllowedHosts.some((pattern) => hostMatches(normalized, normalizeHost(pattern)));
}

/** `ROLLCALL_EXTRA_ALLOWED_HOSTS`: a comma-separated list of hostnames. */
export function parseExtraAllowedHosts(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((host) => host.trim().toLowerCase())
    .filter((host) => host !== '');
}

/** Lower case, no trailing dot, IPv6 without brackets — the form patterns and hosts share. */
function normalizeHost(host: string): string {
  const lower = host.trim().toLowerCase().replace(/\.$/, '');
  return lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
}

/** Exact match, or `*.suffix` matching any subdomain of suffix (never suffix itself). */
function hostMatches(host: string, pattern: string): boolean {
  if (!pattern.startsWith('*.')) return host === pattern;
  const suffix = pattern.slice(1);
  return host.length > suffix.length && host.endsWith(suffix);
}

function schemeOf(defaultBaseUrl: string): string {
  return /^([a-z][a-z0-9+.-]*:)/i.exec(defaultBaseUrl.trim())?.[1]?.toLowerCase() ?? 'https:';
}

function authorityOf(raw: string): string {
  const afterScheme = raw.replace(/^[a-z][a-z0-9+.-]*:\/*/i, '');
  return afterScheme.split(/[/?#\\]/)[0] ?? '';
}
