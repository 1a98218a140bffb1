import { resolveEndpoint } from '../connectors/base-url.ts';
import type { AnyConnector, ConnectorEndpoint, ConnectorLogger } from '../connectors/connector.ts';
import { ConnectorError } from '../connectors/connector.ts';
import { createEndpoint, isHttpOrigin, noHttpClient } from '../connectors/endpoint.ts';
import { createHttpClient } from '../connectors/http/client.ts';
import type { HttpClient } from '../connectors/http/types.ts';
import type { CredentialSink } from './credential-store.ts';
import { mergeCredentials } from './credential-store.ts';
import type { EngineDeps } from './engine.ts';

/**
 * A connector ready to fetch: parsed config, and an HTTP client bound to the allowed origin. The
 * caller builds the fetch context from it: `config: currentConfig()`, `http`, `endpoint` and, when
 * present, `saveCredentials`.
 */
export interface ConnectorSession {
  connector: AnyConnector;
  /** The config as parsed when the session opened. */
  config: { baseUrl?: string | undefined };
  /**
   * The config now: `config` with every credential the connector saved since merged in. Each
   * fetch of the session starts from it (the engine fetches again after a truncated body): the
   * config it opened with may hold a refresh token the vendor no longer accepts.
   */
  currentConfig(): { baseUrl?: string | undefined };
  http: HttpClient;
  /** The same origin for non-HTTP connectors (SFTP), with the resolved-address check. */
  endpoint: ConnectorEndpoint;
  /**
   * `ConnectorContext.saveCredentials`: present only with a credential sink, since without one
   * nothing the connector rotated could be kept.
   */
  saveCredentials?: (patch: Record<string, unknown>) => Promise<void>;
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
    /**
     * Where rotated credentials go (`ConnectorContext.saveCredentials`). Without it the
     * connector gets no `saveCredentials`: nothing it rotated could be kept.
     */
    credentials?: CredentialSink;
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
  const config = parsed.data as Record<string, unknown> & { baseUrl?: string | undefined };
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
  const credentials = input.credentials
    ? new SessionCredentials(connector, config, input.credentials, input.log)
    : null;
  return {
    connector,
    config,
    currentConfig: () => credentials?.current ?? config,
    http,
    endpoint,
    ...(credentials ? { saveCredentials: (patch) => credentials.save(patch) } : {}),
  };
}

/** The session's view of the credentials: saves one at a time, each merged into the last. */
class SessionCredentials {
  current: Record<string, unknown>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly connector: AnyConnector,
    initial: Record<string, unknown>,
    private readonly sink: CredentialSink,
    private readonly log: ConnectorLogger,
  ) {
    this.current = initial;
  }

  save(patch: Record<string, unknown>): Promise<void> {
    const saved = this.queue.then(async () => {
      const next = mergeCredentials(this.connector, this.current, patch);
      await this.sink.store(next);
      this.current = next;
      // Field names only: the values are secrets.
      this.log.info(
        { connector: this.connector.id, fields: Object.keys(patch).sort() },
        'connector credentials saved',
      );
    });
    this.queue = saved.catch(() => undefined);
    return saved;
  }
}
