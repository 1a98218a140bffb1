import { basicDecoded } from '../shared/basic-auth.ts';

/**
 * BambooHR API-key auth: HTTP Basic with the key as username and any password (NOTES.md §2).
 * Repeated unknown keys disable access to the company for a while with 403 (legacy docs).
 */
export type AuthResult = { ok: true } | { ok: false; status: 401 | 403; message: string };

export interface AuthLockout {
  /** Unknown-key attempts (within `windowMs`) before access is disabled. Default 5. */
  failures?: number;
  /** How long access stays disabled, and the window failures are counted in. Default 60 s. */
  windowMs?: number;
}

/** The username of a Basic header, or null when the header is absent or not Basic. */
export function basicUsername(header: string | undefined): string | null {
  const decoded = basicDecoded(header);
  if (decoded === null) return null;
  const colon = decoded.indexOf(':');
  return colon === -1 ? decoded : decoded.slice(0, colon);
}

export class ApiKeyAuth {
  private failures: number[] = [];
  private disabledUntil = 0;
  private readonly maxFailures: number;
  private readonly windowMs: number;

  constructor(
    private readonly apiKey: string,
    lockout: AuthLockout = {},
  ) {
    this.maxFailures = lockout.failures ?? 5;
    this.windowMs = lockout.windowMs ?? 60_000;
  }

  /** `revoked`: the key was deleted (fault knob), so it now counts as unknown. */
  check(header: string | undefined, revoked: boolean, now: number = Date.now()): AuthResult {
    if (now < this.disabledUntil) {
      return {
        ok: false,
        status: 403,
        message: 'API access for this company is temporarily disabled',
      };
    }
    const username = basicUsername(header);
    if (username === null || username === '') {
      return { ok: false, status: 401, message: 'Your API key is missing' };
    }
    if (username === this.apiKey && !revoked) return { ok: true };
    this.failures = this.failures.filter((t) => t > now - this.windowMs);
    this.failures.push(now);
    if (this.failures.length >= this.maxFailures) {
      this.disabledUntil = now + this.windowMs;
      this.failures = [];
      return {
        ok: false,
        status: 403,
        message: 'API access for this company is temporarily disabled',
      };
    }
    return { ok: false, status: 401, message: 'Invalid API key' };
  }
}
