/**
 * Fault injection shared by the emulators. Each knob can be set at start-up or at run time; a key
 * passed as `undefined` clears that knob.
 */

export interface ThrottleFault {
  /** Throttle every Nth request (counted from when this knob was set). */
  every?: number;
  /** Throttle the next N requests. */
  burst?: number;
  /** Retry-After in seconds (default 1). */
  retryAfterSeconds?: number;
  /** Send Retry-After as an HTTP date instead of seconds. */
  retryAfterHttpDate?: boolean;
}

export interface CommonFaults {
  /** Delay before every answer. */
  latencyMs?: number | undefined;
  /** Rate limiting answered with the emulator's rate-limit status and a Retry-After header. */
  throttle?: ThrottleFault | undefined;
  /** The next N requests fail with 500, 502, 503 (in turn), empty body. */
  serverErrorBurst?: number | undefined;
  /** Employee-list bodies are cut after this many bytes and the socket is closed. */
  truncateAfterBytes?: number | undefined;
  /** After N requests, every request is refused as if the credentials were deleted. */
  revokeAuthAfterCalls?: number | undefined;
}

export type FaultDecision =
  { kind: 'throttle'; retryAfter: string } | { kind: 'server-error'; status: 500 | 502 | 503 };

const SERVER_ERRORS = [500, 502, 503] as const;

/** Holds the current knobs and the counters behind "every Nth" and "next N". */
export class FaultInjector<F extends CommonFaults> {
  private faults: F;
  private throttleSeen = 0;
  private throttleBurstLeft = 0;
  private serverErrorsLeft = 0;
  private serverErrorsSent = 0;

  constructor(initial: F) {
    this.faults = { ...initial };
    this.set(initial);
  }

  get current(): Readonly<F> {
    return this.faults;
  }

  /** Merges knobs; re-setting `throttle` or `serverErrorBurst` restarts its counters. */
  set(patch: Partial<F>): void {
    this.faults = { ...this.faults, ...patch };
    if ('throttle' in patch) {
      this.throttleSeen = 0;
      this.throttleBurstLeft = patch.throttle?.burst ?? 0;
    }
    if ('serverErrorBurst' in patch) this.serverErrorsLeft = patch.serverErrorBurst ?? 0;
  }

  async delay(): Promise<void> {
    const ms = this.faults.latencyMs ?? 0;
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** True when request number `n` (1-based) comes after the revocation point. */
  isRevoked(n: number): boolean {
    const after = this.faults.revokeAuthAfterCalls;
    return after !== undefined && n > after;
  }

  /** Decides whether this request is throttled or fails; call once per request. */
  decide(now: number = Date.now()): FaultDecision | null {
    const throttle = this.faults.throttle;
    if (throttle) {
      this.throttleSeen += 1;
      let hit = false;
      if (this.throttleBurstLeft > 0) {
        this.throttleBurstLeft -= 1;
        hit = true;
      } else if (throttle.every && this.throttleSeen % throttle.every === 0) {
        hit = true;
      }
      if (hit) {
        const seconds = throttle.retryAfterSeconds ?? 1;
        const retryAfter = throttle.retryAfterHttpDate
          ? new Date(Math.ceil((now + seconds * 1000) / 1000) * 1000).toUTCString()
          : String(seconds);
        return { kind: 'throttle', retryAfter };
      }
    }
    if (this.serverErrorsLeft > 0) {
      this.serverErrorsLeft -= 1;
      const status = SERVER_ERRORS[this.serverErrorsSent % SERVER_ERRORS.length] ?? 500;
      this.serverErrorsSent += 1;
      return { kind: 'server-error', status };
    }
    return null;
  }
}
