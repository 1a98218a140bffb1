import { NightlyScheduler, afterScheduledRun } from '../schedule/scheduler.ts';
import type { EngineDeps, SandboxDirectory } from './engine.ts';
import { SyncWorker } from './worker.ts';

/** The sandbox HRIS of this process: where each emulator listens and the config that reaches it. */
export interface SandboxHost extends SandboxDirectory {
  /** Connector ids with a sandbox, in catalogue order. */
  connectorIds(): string[];
  /** The config (emulator credentials) a sandbox connection of this connector stores. */
  config(connectorId: string): Record<string, unknown> | undefined;
}

/** What the API needs from the sync side of the process. */
export interface SyncRuntime {
  engine: EngineDeps;
  sandbox: SandboxHost | undefined;
  /** A run was queued: start it now rather than at the next poll. */
  wake(): void;
  /** Abort this process's in-flight run of a connection (Disconnect). */
  cancel(connectionId: string): void;
}

export interface RunningSync extends SyncRuntime {
  worker: SyncWorker;
  scheduler: NightlyScheduler;
  start(): void;
  stop(): Promise<void>;
}

/**
 * The worker and the nightly scheduler of one process (the embedded default runs both next to
 * the API). Both are driven by the engine's clock, so tests move time by hand.
 */
export function createSyncRuntime(
  engine: EngineDeps,
  options: { sandbox?: SandboxHost; pollMs?: number; scheduleEveryMs?: number } = {},
): RunningSync {
  const schedulerDeps = { db: engine.db, clock: engine.clock, log: engine.log };
  const worker = new SyncWorker(
    options.sandbox ? { ...engine, sandbox: options.sandbox } : engine,
    {
      ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
      afterRun: (run) => afterScheduledRun(schedulerDeps, run),
    },
  );
  const scheduler = new NightlyScheduler(
    schedulerDeps,
    () => worker.wake(),
    options.scheduleEveryMs,
  );
  return {
    engine: options.sandbox ? { ...engine, sandbox: options.sandbox } : engine,
    sandbox: options.sandbox,
    worker,
    scheduler,
    wake: () => worker.wake(),
    cancel: (connectionId) => worker.cancel(connectionId),
    start() {
      worker.start();
      scheduler.start();
    },
    async stop() {
      await scheduler.stop();
      await worker.stop();
    },
  };
}
