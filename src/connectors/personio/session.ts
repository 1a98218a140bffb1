import { ConnectorError } from '../connector.ts';
import type { ConnectorContext } from '../connector.ts';
import type { HttpResponse } from '../http/types.ts';
import { PERSONIO_APP_ID, PERSONIO_AUTH_PATH, authResponseSchema, tokenOf } from './api.ts';
import { errorForStatus, readErrorReason } from './errors.ts';

/** The credentials a session needs (the connector's config, narrowed). */
export interface PersonioCredentials {
  clientId: string;
  clientSecret: string;
}

/** New tokens a run may ask for after a 401 (expired or lost token) before giving up. */
const MAX_REAUTHS = 3;

/**
 * A v1 bearer-token session (NOTES §2): `POST /v1/auth` with the client id and secret gives a
 * `papi-` token valid for 24 h. Personio echoes a token in the `Authorization` header of every
 * successful answer; in the older one-time-token scheme that header holds the *next* token, so
 * the session always adopts it. A 401 gets one fresh token, then the request again. The token
 * lives only in this object: it is never logged or returned.
 */
export class PersonioSession {
  private token: string | null = null;
  private reauths = 0;

  constructor(
    private readonly ctx: Pick<ConnectorContext<PersonioCredentials>, 'config' | 'http'>,
  ) {}

  async authenticate(): Promise<void> {
    const { clientId, clientSecret } = this.ctx.config;
    const response = await this.ctx.http.request({
      method: 'POST',
      path: PERSONIO_AUTH_PATH,
      body: { client_id: clientId, client_secret: clientSecret },
      headers: { 'x-personio-app-id': PERSONIO_APP_ID },
      operation: 'auth',
    });
    if (response.status !== 200) {
      throw errorForStatus(response.status, await readErrorReason(response), 'auth');
    }
    const parsed = authResponseSchema.safeParse(await response.json());
    if (!parsed.success) {
      throw new ConnectorError(
        'invalid_payload',
        'Personio answered the token request (POST /v1/auth) without a token; check the base URL.',
        false,
        response.status,
      );
    }
    this.token = tokenOf(parsed.data);
  }

  /** GET `path` with the bearer token; a 401 is answered with a new token and one more try. */
  async get(path: string, operation: string): Promise<HttpResponse> {
    if (this.token === null) await this.authenticate();
    for (;;) {
      const response = await this.ctx.http.request({
        method: 'GET',
        path,
        auth: { type: 'bearer', token: this.token ?? '' },
        headers: { 'x-personio-app-id': PERSONIO_APP_ID },
        operation,
      });
      if (response.status === 401 && this.reauths < MAX_REAUTHS) {
        this.reauths++;
        await response.discard();
        await this.authenticate();
        continue;
      }
      this.adoptEchoedToken(response);
      return response;
    }
  }

  private adoptEchoedToken(response: HttpResponse): void {
    if (response.status !== 200) return;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(response.headers.get('authorization') ?? '');
    if (match?.[1]) this.token = match[1];
  }
}
