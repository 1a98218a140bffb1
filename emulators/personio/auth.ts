import { randomBytes } from 'node:crypto';

/**
 * Personio v1 tokens (NOTES §2): `POST /v1/auth` with the client id and secret issues a `papi-`
 * bearer token valid for 24 h, echoed in the `Authorization` header of every successful answer.
 * `rotate` mimics the older one-time tokens: each successful answer carries the next token and
 * the one just used stops working.
 */
export class TokenStore {
  private readonly expiry = new Map<string, number>();

  constructor(
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly ttlMs: number = 24 * 60 * 60 * 1000,
  ) {}

  credentialsMatch(clientId: unknown, clientSecret: unknown): boolean {
    return clientId === this.clientId && clientSecret === this.clientSecret;
  }

  issue(now: number = Date.now()): string {
    const token = `papi-${randomBytes(24).toString('base64url')}`;
    this.expiry.set(token, now + this.ttlMs);
    return token;
  }

  isValid(token: string | null, now: number = Date.now()): boolean {
    if (token === null) return false;
    const until = this.expiry.get(token);
    return until !== undefined && now < until;
  }

  /** The next one-time token; the used one stops working. */
  rotate(token: string, now: number = Date.now()): string {
    this.expiry.delete(token);
    return this.issue(now);
  }

  /** Every issued token stops working (as if 24 h had passed). */
  expireAll(): void {
    this.expiry.clear();
  }
}

/** The token of a `Bearer` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/**
 * `client_id` and `client_secret` from a JSON or form-encoded body (NOTES §2: "JSON (or form)"),
 * or from the query string, which old clients used.
 */
export function authCredentials(
  body: string,
  contentType: string | undefined,
  query: URLSearchParams,
): { clientId: unknown; clientSecret: unknown } {
  let fields: Record<string, unknown> = {};
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    fields = Object.fromEntries(new URLSearchParams(body));
  } else if (body.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed === 'object' && parsed !== null) fields = parsed as Record<string, unknown>;
    } catch {
      fields = {};
    }
  }
  return {
    clientId: fields['client_id'] ?? query.get('client_id') ?? undefined,
    clientSecret: fields['client_secret'] ?? query.get('client_secret') ?? undefined,
  };
}
