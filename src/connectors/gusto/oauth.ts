import { z } from 'zod';
import { ConnectorError, type ConnectorContext } from '../connector.ts';
import { jsonReason, readErrorReason } from '../errors.ts';
import type { HttpResponse } from '../http/types.ts';
import { GUSTO_API_VERSION, GUSTO_API_VERSION_HEADER } from './api.ts';
import { reasonOf } from './errors.ts';

/** Gusto's token endpoint, on the API host (DOC-AUTH; NANGO-PROV). */
export const GUSTO_TOKEN_PATH = '/oauth/token';

/** What the connector needs to hold and renew a token (a subset of `GustoConfig`). */
export interface GustoCredentials {
  accessToken?: string | undefined;
  refreshToken?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
}

/** The answer to `grant_type=refresh_token` (extra keys such as `scope` are ignored). */
const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().optional(),
});

/** An RFC 6749 §5.2 error body: `{error, error_description}`. */
const oauthErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

const RECONNECT =
  'Reconnect Gusto: authorize the Rollcall app again and update the connection with the new ' +
  'tokens.';

/**
 * The access token of one fetch. With a refresh token, client id and client secret in the config
 * it refreshes the token when there is none, or once when Gusto answers 401 (Gusto access tokens
 * expire after 2 hours), and saves the new access and refresh token through `saveCredentials`
 * *before* using them: Gusto rotates the refresh token, and revokes the old one on the first use
 * of the new access token, so the new pair is stored while the old one still works.
 */
export class GustoBearer {
  private token: string | null;
  /** The current token came from a refresh and has not been accepted yet. */
  private fresh = false;

  constructor(private readonly ctx: ConnectorContext<GustoCredentials>) {
    this.token = ctx.config.accessToken ?? null;
  }

  /** Whether the config holds what a refresh needs. */
  get canRefresh(): boolean {
    const { refreshToken, clientId, clientSecret } = this.ctx.config;
    return Boolean(refreshToken && clientId && clientSecret);
  }

  /** The token to send, refreshed first when the config has none. */
  async current(): Promise<string> {
    this.token ??= await this.refresh('Gusto needs an access token');
    return this.token;
  }

  /** Gusto accepted `token`: a refresh is worth trying again after a later 401. */
  accepted(token: string): void {
    if (token === this.token) this.fresh = false;
  }

  /**
   * After a 401 to `rejected`: the token to try once more, or null when a refresh cannot help
   * (no refresh credentials, or the token was just refreshed and is refused all the same).
   */
  async renew(rejected: string): Promise<string | null> {
    if (this.token !== null && rejected !== this.token) return this.token;
    if (!this.canRefresh || this.fresh) return null;
    this.token = await this.refresh('Gusto rejected the access token (expired or revoked)');
    return this.token;
  }

  private async refresh(why: string): Promise<string> {
    const { refreshToken, clientId, clientSecret } = this.ctx.config;
    if (!refreshToken || !clientId || !clientSecret) {
      throw new ConnectorError(
        'auth_failed',
        `${why} and the connection has no refresh token, client id and client secret to get a ` +
          `new one. ${RECONNECT}`,
        false,
      );
    }
    const save = this.ctx.saveCredentials?.bind(this.ctx);
    if (save === undefined) {
      // A refresh spends the refresh token; a probe that keeps nothing would lose the new one.
      throw new ConnectorError(
        'auth_failed',
        `${why}. Testing would refresh it, and Gusto replaces the refresh token on every ` +
          'refresh, so the test would use up the one you entered. Connect directly (Rollcall ' +
          'then stores the refreshed tokens), or test with a current access token.',
        false,
      );
    }
    const response = await this.ctx.http.request({
      method: 'POST',
      path: GUSTO_TOKEN_PATH,
      headers: { [GUSTO_API_VERSION_HEADER]: GUSTO_API_VERSION },
      body: {
        client_id: clientId,
        client_secret: clientSecret,
        refresh_token: refreshToken,
        grant_type: 'refresh_token',
      },
      operation: 'gusto-oauth-refresh',
    });
    if (response.status !== 200) throw await refreshError(response);
    let json: unknown;
    try {
      json = JSON.parse(await response.text());
    } catch {
      json = undefined;
    }
    const parsed = tokenResponseSchema.safeParse(json);
    if (!parsed.success) {
      throw new ConnectorError(
        'invalid_payload',
        'Gusto answered the token refresh without a usable access token.',
        false,
        response.status,
      );
    }
    const next = {
      accessToken: parsed.data.access_token,
      // Gusto always rotates it; should one answer come without, the old one stays valid.
      refreshToken: parsed.data.refresh_token ?? refreshToken,
    };
    // Stored before the first use of the new access token (which revokes the old refresh token).
    await save(next);
    this.ctx.log.info({ connector: 'gusto' }, 'gusto access token refreshed');
    this.fresh = true;
    return next.accessToken;
  }
}

/** The fatal error for a refused refresh; quotes Gusto's error code and description only. */
async function refreshError(response: HttpResponse): Promise<ConnectorError> {
  const { status } = response;
  const reason = await readErrorReason(response, oauthReason);
  const http = `HTTP ${status}${reason === null ? '' : `: ${reason}`}`;
  if (status === 400 || status === 401) {
    const client = reason?.startsWith('invalid_client') === true || status === 401;
    return new ConnectorError(
      'auth_failed',
      client
        ? `Gusto refused the Rollcall app's client id or secret when refreshing the access ` +
            `token (${http}). Check them in Gusto's developer portal and update the connection.`
        : `Gusto refused the refresh token (${http}): it was revoked, or already used (Gusto ` +
            `replaces it on every refresh). ${RECONNECT}`,
      false,
      status,
    );
  }
  if (status === 429) {
    return new ConnectorError(
      'rate_limited',
      `Gusto is still rate limiting the token refresh after our retries (${http}).`,
      true,
      status,
    );
  }
  if (status >= 500 || status === 408) {
    return new ConnectorError(
      'unavailable',
      `Gusto failed to refresh the access token (${http}).`,
      true,
      status,
    );
  }
  return new ConnectorError(
    'bad_request',
    `Gusto rejected the token refresh (${http}).`,
    false,
    status,
  );
}

/** `error: error_description` (RFC 6749 §5.2), else Gusto's own `category: message`, or null. */
function oauthReason(text: string): string | null {
  return (
    jsonReason(text, oauthErrorSchema, (body) => [body.error, body.error_description]) ??
    reasonOf(text)
  );
}
