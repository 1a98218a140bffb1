import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../shared/http.ts';

/** Gusto access tokens live 2 hours (DOC-AUTH, NOTES §2). */
export const GUSTO_TOKEN_LIFETIME_SECONDS = 7200;

/**
 * RFC 6749 §5.2 error bodies of the token endpoint. Gusto documents the endpoint but not these
 * bodies; the texts are those of Doorkeeper, the OAuth server Gusto's responses look like
 * (`created_at`, revocation on first use). README "Assumptions".
 */
const OAUTH_ERRORS = {
  invalid_request:
    'The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.',
  invalid_client:
    'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
  invalid_grant:
    'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  unsupported_grant_type:
    'The authorization grant type is not supported by the authorization server.',
} as const;

type OAuthError = keyof typeof OAUTH_ERRORS;

interface Grant {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms; Infinity never expires. */
  expiresAt: number;
  /** The grant this one was refreshed from: its refresh token dies when this access token is used. */
  previous: Grant | null;
  refreshRevoked: boolean;
}

/** What the token store tells the API about a bearer token. */
export type TokenCheck = 'valid' | 'expired' | 'unknown';

export interface TokenStoreOptions {
  accessToken: string;
  refreshToken?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  /** Access token lifetime in seconds (default 7200); Infinity: tokens never expire. */
  lifetimeSeconds?: number | undefined;
  now?: (() => number) | undefined;
}

const token = (): string => randomBytes(32).toString('base64url');

/**
 * The company's OAuth grants (DOC-AUTH): access tokens expire after `lifetimeSeconds`; `POST
 * /oauth/token` with `grant_type=refresh_token` issues a new access token *and* a new refresh
 * token. As Gusto documents, "the previous refresh_token will be revoked on the first usage of the
 * new access_token": until then the old one still works (a lost answer can be asked again).
 */
export class GustoTokenStore {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly initial: { accessToken: string; refreshToken: string };
  private readonly byAccess = new Map<string, Grant>();
  private readonly byRefresh = new Map<string, Grant>();
  private readonly lifetimeMs: number;
  private readonly now: () => number;
  private latest: Grant;
  /** Successful refreshes, and refused ones by error code. */
  readonly refreshes = { issued: 0, refused: {} as Record<string, number> };

  constructor(options: TokenStoreOptions) {
    this.clientId = options.clientId ?? `client-${token().slice(0, 16)}`;
    this.clientSecret = options.clientSecret ?? token();
    this.lifetimeMs = (options.lifetimeSeconds ?? GUSTO_TOKEN_LIFETIME_SECONDS) * 1000;
    this.now = options.now ?? Date.now;
    this.latest = this.add(options.accessToken, options.refreshToken ?? token(), null);
    this.initial = { accessToken: options.accessToken, refreshToken: this.latest.refreshToken };
  }

  /** The newest pair issued (what a client that saved every refresh holds). */
  current(): { accessToken: string; refreshToken: string } {
    return { accessToken: this.latest.accessToken, refreshToken: this.latest.refreshToken };
  }

  /** Every access token issued so far expires now (the 2 hours have passed). */
  expireAccessTokens(): void {
    const at = this.now();
    for (const grant of this.byAccess.values()) grant.expiresAt = Math.min(grant.expiresAt, at);
  }

  /** Checks a bearer token. */
  check(accessToken: string | undefined): TokenCheck {
    const grant = accessToken === undefined ? undefined : this.byAccess.get(accessToken);
    if (grant === undefined) return 'unknown';
    return this.now() >= grant.expiresAt ? 'expired' : 'valid';
  }

  /** A request was accepted with this token: the refresh token it replaced is revoked now. */
  used(accessToken: string): void {
    const previous = this.byAccess.get(accessToken)?.previous;
    if (previous) previous.refreshRevoked = true;
  }

  /** `POST /oauth/token` (JSON or form body; the client secret never in the URL). */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return this.refuse(res, 405, 'invalid_request');
    }
    // Gusto: "Attempting to include the client_secret in the request URL will result in a 400".
    if (url.searchParams.has('client_secret')) return this.refuse(res, 400, 'invalid_request');
    const params = parseParams(await readBody(req, 16 * 1024), req.headers['content-type']);
    if (params === null) return this.refuse(res, 400, 'invalid_request');
    if (params['client_id'] !== this.clientId || params['client_secret'] !== this.clientSecret) {
      return this.refuse(res, 401, 'invalid_client');
    }
    if (params['grant_type'] !== 'refresh_token') {
      return this.refuse(res, 400, 'unsupported_grant_type');
    }
    const refreshToken = params['refresh_token'];
    if (typeof refreshToken !== 'string' || refreshToken === '') {
      return this.refuse(res, 400, 'invalid_request');
    }
    const grant = this.byRefresh.get(refreshToken);
    if (grant === undefined || grant.refreshRevoked) return this.refuse(res, 400, 'invalid_grant');
    const next = this.add(token(), token(), grant);
    this.latest = next;
    this.refreshes.issued += 1;
    const issuedAt = this.now();
    sendJson(res, 200, {
      access_token: next.accessToken,
      token_type: 'bearer',
      expires_in: Number.isFinite(this.lifetimeMs) ? this.lifetimeMs / 1000 : 315_360_000,
      refresh_token: next.refreshToken,
      scope: 'employees:read departments:read companies:read',
      created_at: new Date(issuedAt).toISOString(),
    });
  }

  private add(accessToken: string, refreshToken: string, previous: Grant | null): Grant {
    const grant: Grant = {
      accessToken,
      refreshToken,
      expiresAt: this.now() + this.lifetimeMs,
      previous,
      refreshRevoked: false,
    };
    this.byAccess.set(accessToken, grant);
    this.byRefresh.set(refreshToken, grant);
    return grant;
  }

  private refuse(res: ServerResponse, status: number, error: OAuthError): void {
    this.refreshes.refused[error] = (this.refreshes.refused[error] ?? 0) + 1;
    sendJson(res, status, { error, error_description: OAUTH_ERRORS[error] });
  }
}

/** The token request's parameters from a JSON or form body; null when unreadable. */
function parseParams(
  body: Buffer | null,
  contentType: string | undefined,
): Record<string, unknown> | null {
  if (body === null) return null;
  const text = body.toString('utf8');
  if ((contentType ?? '').startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    const json: unknown = JSON.parse(text);
    return typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
