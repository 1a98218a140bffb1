import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { ConnectorError } from './connector.ts';
import type { ConnectorEndpoint } from './connector.ts';
import type { HttpClient } from './http/types.ts';

/** `dns.promises.lookup(host, { all: true })`, injectable for tests. */
export type AddressLookup = (host: string) => Promise<readonly { address: string }[]>;

// Addresses a customer-configured host must never reach (SSRF): this machine, private networks,
// link-local (cloud metadata), carrier-grade NAT, multicast, reserved and documentation ranges.
// BlockList also matches IPv4-mapped IPv6 (::ffff:10.0.0.1) against the IPv4 rules.
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** True for an IP address on the public internet; false for loopback, private, link-local… */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export interface EndpointOptions {
  /** The operator (ROLLCALL_EXTRA_ALLOWED_HOSTS) or the sandbox granted this host: any address. */
  granted: boolean;
  lookup?: AddressLookup;
}

const systemLookup: AddressLookup = (host) => dnsLookup(host, { all: true, verbatim: true });

/** The endpoint of an origin that `resolveBaseUrl` (or the sandbox) already allowed. */
export function createEndpoint(origin: string, options: EndpointOptions): ConnectorEndpoint {
  const url = new URL(origin);
  const raw = url.hostname.toLowerCase();
  const host = raw.startsWith('[') && raw.endsWith(']') ? raw.slice(1, -1) : raw;
  const lookup = options.lookup ?? systemLookup;
  const refuse = (address: string): ConnectorError =>
    new ConnectorError(
      'host_not_allowed',
      `${host} resolves to ${address}, which is not a public address; it is allowed only when ` +
        'the operator lists the host in ROLLCALL_EXTRA_ALLOWED_HOSTS',
      false,
    );
  return {
    origin,
    host,
    port: url.port === '' ? null : Number(url.port),
    async resolveAddress() {
      if (isIP(host) !== 0) {
        if (!options.granted && !isPublicAddress(host)) throw refuse(host);
        return host;
      }
      let addresses: readonly { address: string }[];
      try {
        addresses = await lookup(host);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        throw new ConnectorError(
          'network',
          `could not resolve ${host}${typeof code === 'string' ? ` (${code})` : ''}`,
          true,
        );
      }
      const first = addresses[0];
      if (!first) throw new ConnectorError('network', `${host} has no address`, true);
      // Every address must pass: a name answering both public and private addresses is refused.
      const bad = options.granted ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (bad) throw refuse(bad.address);
      return first.address;
    },
  };
}

/** Whether an origin is served over HTTP(S), i.e. whether the connection gets an HTTP client. */
export function isHttpOrigin(origin: string): boolean {
  return /^https?:\/\//i.test(origin);
}

/**
 * The `http` of a non-HTTP connection (SFTP): there is no HTTP origin to bind a client to, so any
 * request is a bug in the connector and fails loudly; usage stays at zero.
 */
export function noHttpClient(origin: string): HttpClient {
  return {
    request: () =>
      Promise.reject(
        new ConnectorError(
          'bad_request',
          `${origin} is not an HTTP origin: no HTTP requests`,
          false,
        ),
      ),
    usage: () => ({ calls: 0, retries: 0, throttled: 0, waitedMs: 0 }),
  };
}
