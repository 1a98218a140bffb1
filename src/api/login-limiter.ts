import { AppError } from '../core/errors.ts';
import type { Clock } from '../core/time.ts';

export interface LoginLimiterOptions {
  /** Failed attempts allowed per key within the window. */
  maxFailures: number;
  windowMs: number;
  /** Bound on remembered keys, so a flood of distinct emails cannot grow memory without end. */
  maxKeys: number;
}

const DEFAULTS: LoginLimiterOptions = {
  maxFailures: 10,
  windowMs: 15 * 60 * 1000,
  maxKeys: 10_000,
};

/**
 * Slows password guessing: after `maxFailures` failed logins for one email from one address within
 * the window, further attempts are RATE_LIMITED until it passes. In memory, per process: enough for
 * the embedded server; a shared store is a later concern.
 */
export class LoginLimiter {
  readonly #clock: Clock;
  readonly #options: LoginLimiterOptions;
  readonly #failures = new Map<string, { count: number; firstAt: number }>();

  constructor(clock: Clock, options: Partial<LoginLimiterOptions> = {}) {
    this.#clock = clock;
    this.#options = { ...DEFAULTS, ...options };
  }

  static key(email: string, ip: string): string {
    return `${email.trim().toLowerCase()}|${ip}`;
  }

  assertAllowed(key: string): void {
    const entry = this.#live(key);
    if (entry && entry.count >= this.#options.maxFailures) {
      throw new AppError(
        'RATE_LIMITED',
        'Too many failed sign-ins: wait 15 minutes and try again.',
      );
    }
  }

  recordFailure(key: string): void {
    const entry = this.#live(key);
    if (entry) {
      entry.count += 1;
      return;
    }
    if (this.#failures.size >= this.#options.maxKeys) this.#prune();
    this.#failures.set(key, { count: 1, firstAt: this.#clock().getTime() });
  }

  reset(key: string): void {
    this.#failures.delete(key);
  }

  #live(key: string): { count: number; firstAt: number } | undefined {
    const entry = this.#failures.get(key);
    if (entry && this.#clock().getTime() - entry.firstAt >= this.#options.windowMs) {
      this.#failures.delete(key);
      return undefined;
    }
    return entry;
  }

  #prune(): void {
    const now = this.#clock().getTime();
    for (const [key, entry] of this.#failures) {
      if (now - entry.firstAt >= this.#options.windowMs) this.#failures.delete(key);
    }
    // Still full: forget the oldest entries (Map keeps insertion order).
    for (const key of this.#failures.keys()) {
      if (this.#failures.size < this.#options.maxKeys) break;
      this.#failures.delete(key);
    }
  }
}
