import { basicCredentials } from '../shared/basic-auth.ts';

export { basicCredentials, type BasicCredentials } from '../shared/basic-auth.ts';

/**
 * HiBob service-user auth: HTTP Basic with the service user ID as username and the token as
 * password (NOTES §2). Repeated 401/403 answers get the caller's IP blocked for a while by the WAF
 * (NOTES §7; threshold, duration and the block's status are unconfirmed: 403 here).
 */
export type AuthResult = { ok: true } | { ok: false; status: 401; key: string; message: string };

export interface WafOptions {
  /** 401/403 answers to one IP (within `windowMs`) before it is blocked. Default 10. */
  failures?: number;
  /** The window failures are counted in. Default 60 s. */
  windowMs?: number;
  /** How long a blocked IP gets 403 for everything. Default 5 minutes. */
  blockMs?: number;
}

export class ServiceUserAuth {
  private readonly failures = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly blockMs: number;

  constructor(
    private readonly serviceUserId: string,
    private readonly token: string,
    waf: WafOptions = {},
  ) {
    this.maxFailures = waf.failures ?? 10;
    this.windowMs = waf.windowMs ?? 60_000;
    this.blockMs = waf.blockMs ?? 300_000;
  }

  /** True while the WAF blocks this caller. */
  isBlocked(ip: string, now: number = Date.now()): boolean {
    const until = this.blockedUntil.get(ip);
    if (until === undefined) return false;
    if (now < until) return true;
    this.blockedUntil.delete(ip);
    return false;
  }

  /** `revoked`: the token was deleted (fault knob), so it no longer matches. */
  check(header: string | undefined, revoked: boolean): AuthResult {
    const credentials = basicCredentials(header);
    if (credentials === null) {
      return {
        ok: false,
        status: 401,
        key: 'unauthorized',
        message: 'Missing or malformed Basic authorization (service user ID and token)',
      };
    }
    const { username, password } = credentials;
    if (username === this.serviceUserId && password === this.token && !revoked) return { ok: true };
    return {
      ok: false,
      status: 401,
      key: 'unauthorized',
      message: 'The service user ID or token is not valid',
    };
  }

  /** Counts a 401/403 answer to `ip`; enough of them within the window block it. */
  recordFailure(ip: string, now: number = Date.now()): void {
    const recent = (this.failures.get(ip) ?? []).filter((t) => t > now - this.windowMs);
    recent.push(now);
    if (recent.length >= this.maxFailures) {
      this.blockedUntil.set(ip, now + this.blockMs);
      this.failures.delete(ip);
      return;
    }
    this.failures.set(ip, recent);
  }
}
