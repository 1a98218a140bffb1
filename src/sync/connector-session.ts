import { resolveEndpoint } from '../connectors/base-url.ts';
import type { AnyConnector, ConnectorEndpoint, ConnectorLogger } from '../connectors/connector.ts';
import { ConnectorError } from '../connectors/connector.ts';
import { createEndpoint, isHttpOrigin, noHttpClient } from '../connectors/endpoint.ts';
import { createHttpClient } from '../connectors/http/client.ts';
import type { HttpClient } from '../connectors/http/types.ts';
import type { EngineDeps } from './engine.ts';

/** A connector ready to fetch: parsed config, and an HTTP client bound to the allowed origin. */
export interface ConnectorSession {
  /** The connector, its `fetch` bound to `endpoint` (see `bindEndpoint`). */
  connector: AnyConnector;
  config: { baseUrl?: string | undefined };
  http: HttpClient;
  /** The same origin for non-HTTP connectors (SFTP), with the resolved-address check. */
  endpoint: ConnectorEndpoint;
}

/**
 * Parses a connector config and binds the HTTP client to its origin. Real connections may only
 * reach the connector's allowed hosts (plus the operator's extra hosts); a sandbox connection
 * reaches the in-process emulator of this server and nothing else (DESIGN.md "Emulators").
 */
export function openConnectorSession(
  deps: Pick<EngineDeps, 'connector' | 'extraAllowedHosts' | 'http' | 'sandbox'>,
  input: {
    connectorId: string;
    rawConfig: unknown;
    sandbox: boolean;
    signal: AbortSignal;
    log: ConnectorLogger;
  },
): ConnectorSession {
  const connector = deps.connector(input.connectorId);
  const parsed = connector.configSchema.safeParse(input.rawConfig);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`)
      .join('; ');
    throw new ConnectorError('bad_request', `invalid ${connector.name} config: ${problems}`, false);
  }
  const config = parsed.data as { baseUrl?: string | undefined };
  let endpoint: ConnectorEndpoint;
  if (input.sandbox) {
    const sandboxUrl = deps.sandbox?.baseUrl(connector.id);
    if (!sandboxUrl) {
      throw new ConnectorError(
        'host_not_allowed',
        `sandbox ${connector.name} runs only inside \`rollcall start\` with the sandbox on`,
        false,
      );
    }
    // The sandbox's own loopback emulator: granted, like its HTTP base URL.
    endpoint = createEndpoint(sandboxUrl, { granted: true });
  } else {
    endpoint = resolveEndpoint({
      connectorId: connector.id,
      allowedHosts: connector.allowedHosts,
      defaultBaseUrl: connector.defaultBaseUrl(config),
      configBaseUrl: config.baseUrl,
      extraAllowedHosts: deps.extraAllowedHosts,
    });
  }
  const http = isHttpOrigin(endpoint.origin)
    ? createHttpClient({
        baseUrl: endpoint.origin,
        rateLimit: connector.rateLimit,
        signal: input.signal,
        log: input.log,
        ...deps.http,
      })
    : noHttpClient(endpoint.origin);
  return { connector: bindEndpoint(connector, endpoint), config, http, endpoint };
}

/**
 * The engine's callers build the fetch context themselves (`{ config, http, signal, log, today }`);
 * binding the endpoint here hands it to every connector without changing each of them.
 */
function bindEndpoint(connector: AnyConnector, endpoint: ConnectorEndpoint): AnyConnector {
  return { ...connector, fetch: (ctx) => connector.fetch({ ...ctx, endpoint }) };
}
