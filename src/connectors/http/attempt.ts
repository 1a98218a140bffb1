/**
 * The abort wiring of one HTTP attempt: the run's signal (cancel) and the per-attempt timeout
 * both abort the same controller, and `reason` says which fired first so errors get the right
 * code. The timeout is armed while waiting for headers and again while waiting for each body
 * chunk, so a slow consumer never trips it but a stalled vendor does.
 *
 * We link signals by hand instead of `AbortSignal.any`, which keeps a reference on the
 * long-lived run signal for every attempt of the run.
 */
export class AttemptAbort {
  readonly controller = new AbortController();
  reason: 'timeout' | 'cancelled' | undefined;
  private timer: NodeJS.Timeout | undefined;
  private released = false;

  constructor(
    private readonly runSignal: AbortSignal | undefined,
    readonly timeoutMs: number,
  ) {
    runSignal?.addEventListener('abort', this.onRunAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  arm(): void {
    this.disarm();
    if (this.released) return;
    this.timer = setTimeout(() => this.abort('timeout'), this.timeoutMs);
  }

  disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  abort(reason: 'timeout' | 'cancelled'): void {
    this.reason ??= reason;
    this.controller.abort();
  }

  /** The attempt is over (body read, discarded or failed): drop the timer and the listener. */
  release(): void {
    this.disarm();
    this.released = true;
    this.runSignal?.removeEventListener('abort', this.onRunAbort);
  }

  private readonly onRunAbort = (): void => this.abort('cancelled');
}
