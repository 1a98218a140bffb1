import { isIP } from 'node:net';
import { ConnectorError } from './connector.ts';

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

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw deny('is not a valid URL (expected e.g. https://api.example.com)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw deny(`must use https, not ${url.protocol.replace(':', '')}`);
  }
  // Checked on the raw text too: `https://@host` parses to an empty username.
  if (url.username !== '' || url.password !== '' || authorityOf(raw).includes('@')) {
    throw deny('must not contain credentials (user:password@); put them in the credential fields');
  }
  if (url.pathname !== '/' || raw.includes('?') || raw.includes('#')) {
    throw deny(
      'must be an origin only (scheme, host and optional port): no path, query or fragment',
    );
  }

  const host = normalizeHost(url.hostname);
  const extra = (input.extraAllowedHosts ?? []).map(normalizeHost);
  const port = url.port === '' ? '' : `:${url.port}`;
  const origin = `${url.protocol}//${host.includes(':') ? `[${host}]` : host}${port}`;

  if (extra.some((pattern) => hostMatches(host, pattern))) return origin;
  if (isIP(host) !== 0 || host === 'localhost' || host.endsWith('.localhost')) {
    throw deny(
      `points to ${host}, which is allowed only when the operator lists it in ROLLCALL_EXTRA_ALLOWED_HOSTS`,
    );
  }
  const allowed = input.allowedHosts.map(normalizeHost);
  if (!allowed.some((pattern) => hostMatches(host, pattern))) {
    throw deny(`points to ${host}, which is not an allowed host (${allowed.join(', ')})`);
  }
  if (url.protocol !== 'https:') throw deny('must use https');
  return origin;
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

function authorityOf(raw: string): string {
  const afterScheme = raw.replace(/^[a-z][a-z0-9+.-]*:\/*/i, '');
  return afterScheme.split(/[/?#\\]/)[0] ?? '';
}
