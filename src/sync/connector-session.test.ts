import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineConnector, NEVER_ACCESSED } from '../connectors/connector.ts';
import type { ConnectorContext, ConnectorEndpoint } from '../connectors/connector.ts';
import { hibob } from '../connectors/hibob/index.ts';
import type { ConnectorSession } from './connector-session.ts';
import { openConnectorSession } from './connector-session.ts';

/** A non-HTTP connector that reports the endpoint it was handed. */
const seen: (ConnectorEndpoint | undefined)[] = [];
const fileDrop = defineConnector<{ host: string; baseUrl?: string | undefined }>({
  id: 'file-drop',
  name: 'File drop',
  maturity: 'beta',
  docs: 'docs/connectors/file-drop.md',
  configSchema: z.object({ host: z.string(), baseUrl: z.string().optional() }),
  secretFields: [],
  allowedHosts: ['*'],
  rateLimit: { requestsPerSecond: 1, burst: 1, description: 'one connection' },
  requestedFields: [],
  providedFields: ['externalId'],
  deniedFields: [],
  neverAccessed: NEVER_ACCESSED,
  defaultBaseUrl: (config) => `sftp://${config.host}:22`,
  // eslint-disable-next-line require-yield
  async *fetch(ctx: ConnectorContext<{ host: string }>) {
    seen.push(ctx.endpoint);
    await ctx.http.request({ method: 'GET', path: '/' });
  },
});

const log = { debug: () => undefined, info: () => undefined, warn: () => undefined };
const open = (rawConfig: unknown, options: { sandbox?: boolean; extra?: string[] } = {}) =>
  openConnectorSession(
    {
      connector: (id) => (id === 'hibob' ? hibob : fileDrop),
      extraAllowedHosts: options.extra ?? [],
      sandbox: { baseUrl: () => 'sftp://127.0.0.1:4022' },
    },
    {
      connectorId: 'file-drop',
      rawConfig,
      sandbox: options.sandbox ?? false,
      signal: new AbortController().signal,
      log,
    },
  );

/** The fetch context as the run and the probe build it from a session. */
function contextOf(session: ConnectorSession): ConnectorContext<Record<string, unknown>> {
  const ctx = {
    config: session.currentConfig(),
    http: session.http,
    endpoint: session.endpoint,
    signal: new AbortController().signal,
    log,
    today: '2026-06-15',
  };
  const { saveCredentials } = session;
  return saveCredentials ? { ...ctx, saveCredentials } : ctx;
}

async function drain(session: ConnectorSession): Promise<unknown> {
  try {
    for await (const item of session.connector.fetch(contextOf(session))) void item;
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('openConnectorSession for a non-HTTP connector', () => {
  it('resolves the endpoint fetch is handed, and gives no HTTP client', async () => {
    seen.length = 0;
    const session = open({ host: 'Files.Example.com' });
    expect(session.endpoint).toMatchObject({ origin: 'sftp://files.example.com:22', port: 22 });
    expect(await drain(session)).toMatchObject({ code: 'bad_request' });
    expect(seen[0]?.origin).toBe('sftp://files.example.com:22');
  });

  it('refuses private hosts unless granted; the sandbox is granted', async () => {
    expect(() => open({ host: '10.0.0.1' })).toThrowError(/ROLLCALL_EXTRA_ALLOWED_HOSTS/);
    expect(open({ host: '10.0.0.1' }, { extra: ['10.0.0.1'] }).endpoint.origin).toBe(
      'sftp://10.0.0.1:22',
    );
    const sandbox = open({ host: 'ignored.example.com' }, { sandbox: true });
    expect(sandbox.endpoint.origin).toBe('sftp://127.0.0.1:4022');
    await expect(sandbox.endpoint.resolveAddress()).resolves.toBe('127.0.0.1');
  });

  it('keeps HTTP connectors as they were, with the endpoint alongside', () => {
    const session = openConnectorSession(
      { connector: () => hibob, extraAllowedHosts: [] },
      {
        connectorId: 'hibob',
        rawConfig: { serviceUserId: 'SERVICE-1', token: 't' },
        sandbox: false,
        signal: new AbortController().signal,
        log,
      },
    );
    expect(session.endpoint.origin).toBe('https://api.hibob.com');
    expect(session.connector.id).toBe('hibob');
    expect(session.http.usage().calls).toBe(0);
  });
});

/** A connector that rotates its token on every fetch and reports the config it was handed. */
const rotating = defineConnector<{ token: string; user: string; baseUrl?: string | undefined }>({
  id: 'rotating',
  name: 'Rotating',
  maturity: 'beta',
  docs: 'docs/connectors/rotating.md',
  configSchema: z.object({
    token: z.string().min(1),
    user: z.string(),
    baseUrl: z.string().optional(),
  }),
  secretFields: ['token'],
  allowedHosts: ['hris.test'],
  rateLimit: { requestsPerSecond: 1, burst: 1, description: 'test' },
  requestedFields: [],
  providedFields: ['externalId'],
  deniedFields: [],
  neverAccessed: NEVER_ACCESSED,
  defaultBaseUrl: () => 'https://hris.test',
  // eslint-disable-next-line require-yield
  async *fetch(ctx) {
    tokensSeen.push(ctx.config.token);
    if (!ctx.saveCredentials) throw new Error('no saveCredentials');
    await ctx.saveCredentials({ token: `${ctx.config.token}+` });
  },
});
const tokensSeen: string[] = [];

describe('openConnectorSession with a credential sink', () => {
  const openRotating = (stored: Record<string, unknown>[] | null) =>
    openConnectorSession(
      { connector: () => rotating, extraAllowedHosts: [] },
      {
        connectorId: 'rotating',
        rawConfig: { token: 't0', user: 'u' },
        sandbox: false,
        signal: new AbortController().signal,
        log,
        ...(stored ? { credentials: { store: (c) => Promise.resolve(void stored.push(c)) } } : {}),
      },
    );
  const fetchOnce = (session: ReturnType<typeof openRotating>) => drain(session);

  it('stores the merged config, and hands it to later fetches of the session', async () => {
    tokensSeen.length = 0;
    const stored: Record<string, unknown>[] = [];
    const session = openRotating(stored);
    expect(await fetchOnce(session)).toBeUndefined();
    expect(await fetchOnce(session)).toBeUndefined();
    // The second fetch (the engine's retry after a truncated body) starts from the saved token.
    expect(tokensSeen).toEqual(['t0', 't0+']);
    expect(stored).toEqual([
      { token: 't0+', user: 'u' },
      { token: 't0++', user: 'u' },
    ]);
    expect(session.currentConfig()).toEqual({ token: 't0++', user: 'u' });
    expect(session.config).toEqual({ token: 't0', user: 'u' });
  });

  it('gives no saveCredentials without a sink', async () => {
    expect(await fetchOnce(openRotating(null))).toMatchObject({ message: 'no saveCredentials' });
  });

  it('refuses non-secret fields and configs the schema refuses, storing nothing', async () => {
    const stored: Record<string, unknown>[] = [];
    const bad = defineConnector({
      ...rotating,
      // eslint-disable-next-line require-yield
      async *fetch(c) {
        await expect(c.saveCredentials?.({ user: 'other' })).rejects.toThrow(/secret fields/);
        const empty = c.saveCredentials?.({ token: '' });
        await expect(empty).rejects.toMatchObject({ code: 'invalid_payload' });
        await expect(empty).rejects.not.toThrow(/t0/);
      },
    });
    const rebound = openConnectorSession(
      { connector: () => bad, extraAllowedHosts: [] },
      {
        connectorId: 'rotating',
        rawConfig: { token: 't0', user: 'u' },
        sandbox: false,
        signal: new AbortController().signal,
        log,
        credentials: { store: (c) => Promise.resolve(void stored.push(c)) },
      },
    );
    expect(await drain(rebound)).toBeUndefined();
    expect(stored).toEqual([]);
  });
});
