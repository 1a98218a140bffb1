import type { SyncRun } from '../db/repositories/runs.ts';
import type { EngineDeps } from './engine.ts';
import { queuedRuns } from './queue.ts';
import { runQueued } from './run.ts';

export interface SyncWorkerOptions {
  /** How often to look for queued runs queued by other processes (ms). */
  pollMs?: number;
  /** Called after every run this worker executed (the scheduler's retry bookkeeping). */
  afterRun?: (run: SyncRun) => Promise<void>;
}

const DEFAULT_POLL_MS = 5_000;
const BATCH = 20;

/**
 * Executes queued runs one at a time (ADR 0008). Any number of workers, in any processes, may
 * share a store: a run is claimed under its connection's lease, so each executes once. `wake()`
 * after queueing makes it start at once instead of at the next poll.
 */
export class SyncWorker {
  private readonly pollMs: number;
  private timer: NodeJS.Timeout | undefined;
  private active: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly inFlight = new Map<string, AbortController>();

  constructor(
    private readonly deps: EngineDeps,
    private readonly options: SyncWorkerOptions = {},
  ) {
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** Looks for queued runs now (coalesced with a pass already under way). */
  wake(): void {
    if (this.stopped) return;
    if (this.active) {
      this.again = true;
      return;
    }
    this.active = this.drainQueue()
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'sync worker pass failed'))
      .finally(() => {
        this.active = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Resolves once the queue holds nothing this worker can run now (tests, shutdown). */
  async idle(): Promise<void> {
    this.wake();
    while (this.active) await this.active;
  }

  /** Aborts this worker's in-flight run of a connection, if any (Disconnect). */
  cancel(connectionId: string): void {
    this.inFlight.get(connectionId)?.abort();
  }

  /** Stops polling, aborts in-flight runs and waits for them to record their end. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const controller of this.inFlight.values()) controller.abort();
    while (this.active) await this.active;
  }

  private async drainQueue(): Promise<void> {
    const busy = new Set<string>();
    for (;;) {
      if (this.stopped) return;
      const next = (await queuedRuns(this.deps.db, BATCH)).find((run) => !busy.has(run.id));
      if (!next) return;
      const controller = new AbortController();
      this.inFlight.set(next.connectionId, controller);
      try {
        const result = await runQueued(this.deps, next, controller.signal);
        if (result.outcome === 'busy') busy.add(next.id);
        if (result.outcome === 'ran') await this.options.afterRun?.(result.run);
      } finally {
        this.inFlight.delete(next.connectionId);
      }
    }
  }
}
