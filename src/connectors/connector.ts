import type { z } from 'zod';
import type { NormalizedEmployee } from '../core/employee.ts';
import type { HttpClient, RateLimitDeclaration } from './http/types.ts';

/** Categories of personal data no connector ever requests, stores or logs. */
export const NEVER_ACCESSED = [
  'compensation',
  'national_ids',
  'home_address_and_personal_contact',
  'birth_date',
  'eeo_and_demographics',
  'bank_details',
  'time_off',
  'performance',
] as const;
export type NeverAccessedCategory = (typeof NEVER_ACCESSED)[number];

export type Maturity = 'stable' | 'beta';

/** What a connector's fetch yields: people, or per-record / per-page problems (never fatal). */
export type FetchItem =
  | { kind: 'employee'; employee: NormalizedEmployee }
  /** A record that could not be mapped; it still counts as present (never "missing"). */
  | { kind: 'record_error'; externalId: string | null; code: string; message: string }
  /** A page that could not be read: the snapshot is incomplete, the run goes on. */
  | { kind: 'page_error'; page: string; code: string; message: string };

export interface ConnectorLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/**
 * The resolved, allowed origin of a connection, for connectors that do not speak HTTP (SFTP): the
 * same host rules as the HTTP client's base URL, plus a check of the resolved IP address.
 */
export interface ConnectorEndpoint {
  /** The origin, e.g. `sftp://files.example.com:2222` (for HTTP connectors, the client's base URL). */
  origin: string;
  /** Lower-cased host name or IP literal (IPv6 without brackets). */
  host: string;
  /** The port written in the origin; null means the scheme's default. */
  port: number | null;
  /**
   * Resolves the host to one address the network policy allows: public unless the operator (or
   * the sandbox) granted the host. Connect to this address, not to the name, so that DNS cannot
   * change between the check and the connection. Throws `host_not_allowed` or `network`.
   */
  resolveAddress(): Promise<string>;
}

/** Everything a connector gets; it never touches the database, secrets storage or the scheduler. */
export interface ConnectorContext<Config> {
  /** Parsed config with decrypted credentials. */
  config: Config;
  /** The HTTP client, already bound to the resolved, allowed base URL. */
  http: HttpClient;
  /** The same resolved origin for non-HTTP connectors; set by the engine and the test harness. */
  endpoint?: ConnectorEndpoint;
  signal: AbortSignal;
  log: ConnectorLogger;
  /** Today's date (YYYY-MM-DD) in the tenant's time zone, for lifecycle rules. */
  today: string;
  /**
   * Keeps secrets the vendor rotated, e.g. an OAuth refresh token that stops working once its
   * successor is used. `patch` holds only keys of `secretFields`; it is merged into the config,
   * validated against `configSchema` and stored sealed with the current secret key, like a
   * reconnect. It resolves once the new credentials are durable (for a run: one atomic write of
   * the connection's sealed config; for the probe of a connect or reconnect: they replace the
   * submitted ones, which are stored when the connection is), so call it *before* using a new
   * token: a crash right after cannot lose the only valid one. Later `fetch` calls of the same
   * session get the merged config. Values are never logged or returned.
   *
   * Absent when nothing could be kept (a probe that stores nothing): a connector must then not
   * rotate anything, and fails with a message that says how to proceed instead.
   */
  saveCredentials?(patch: Partial<Config>): Promise<void>;
}

/**
 * A connector is typed data plus pure functions (ADR/STYLE: Nango, Airbyte). The declaration is
 * what the verification screen and `rollcall connectors list --json` show.
 */
export interface Connector<
  Config extends { baseUrl?: string | undefined } = { baseUrl?: string | undefined },
> {
  id: string;
  name: string;
  maturity: Maturity;
  /** Setup page, relative to the repository root: `docs/connectors/<id>.md`. */
  docs: string;
  configSchema: z.ZodType<Config>;
  /** Config keys holding secrets: encrypted at rest, masked in forms, never logged or returned. */
  secretFields: readonly (keyof Config & string)[];
  /**
   * Hostnames (exact, or `*.` + suffix) that a config `baseUrl` may point to; `['*']` (any public
   * host, checked on the resolved address) only for a non-HTTP connector such as SFTP.
   */
  allowedHosts: readonly string[];
  rateLimit: RateLimitDeclaration;
  /** The exact vendor field ids the connector asks for (or, see `fieldSelection`, reads). */
  requestedFields: readonly string[];
  /**
   * How `requestedFields` is enforced. `request` (the default): the vendor API takes a field list
   * and Rollcall sends exactly these. `parse`: the API has no field selection and answers with
   * whole records, so Rollcall reads only these fields while parsing and drops everything else
   * before anything is stored or logged.
   */
  fieldSelection?: 'request' | 'parse';
  /** The normalized fields it can fill. */
  providedFields: readonly (keyof NormalizedEmployee)[];
  /** Vendor field ids it must never ask for (must not intersect requestedFields). */
  deniedFields: readonly string[];
  neverAccessed: readonly NeverAccessedCategory[];
  /**
   * The vendor's production origin for this config (scheme + host + port, no path). Its scheme is
   * the connector's: `https://` for HTTP connectors, e.g. `sftp://` for a file drop.
   */
  defaultBaseUrl(config: Config): string;
  /** Fetches the whole directory, terminated people included. Throws ConnectorError when fatal. */
  fetch(ctx: ConnectorContext<Config>): AsyncIterable<FetchItem>;
}

export const CONNECTOR_ERROR_CODES = [
  'auth_failed',
  'forbidden',
  'not_found',
  'bad_request',
  'rate_limited',
  'unavailable',
  'timeout',
  'network',
  'invalid_payload',
  'truncated',
  'host_not_allowed',
  'cancelled',
] as const;
export type ConnectorErrorCode = (typeof CONNECTOR_ERROR_CODES)[number];

/** A fatal fetch failure with a stable code; `retryable` says whether a later attempt may work. */
export class ConnectorError extends Error {
  constructor(
    readonly code: ConnectorErrorCode,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

/** Identity helper that keeps the config type. */
export function defineConnector<Config extends { baseUrl?: string | undefined }>(
  connector: Connector<Config>,
): Connector<Config> {
  return connector;
}

/**
 * A connector of any config type, as the registry and the engine hold them (each connector's
 * config type only matters between its own schema and its own fetch).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyConnector = Connector<any>;
