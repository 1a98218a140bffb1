import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './api/app.ts';
import type { Config } from './config.ts';
import { systemClock } from './core/time.ts';
import type { Store } from './db/database.ts';
import { openMigratedStore } from './db/database.ts';
import type { DemoCredentials } from './demo/seed.ts';
import { seedDemo } from './demo/seed.ts';
import type { Logger } from './log.ts';
import { connectedHrisGate } from './sync/hris-gate.ts';
import { markInterruptedRuns } from './sync/phases.ts';
import type { Sandbox } from './sandbox/sandbox.ts';
import { startSandbox } from './sandbox/sandbox.ts';
import { productionEngineDeps } from './sync/deps.ts';
import type { RunningSync } from './sync/runtime.ts';
import { createSyncRuntime } from './sync/runtime.ts';
import { VERSION } from './version.ts';

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  sync: RunningSync;
  sandbox: Sandbox | undefined;
  url: string;
  demo: DemoCredentials | undefined;
  close(): Promise<void>;
}

/**
 * Starts the embedded service: migrates the store, seeds the demo tenant when enabled, and serves
 * the API (HTTPS when a certificate is configured).
 */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const store = await openMigratedStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
  });
  let sandbox: Sandbox | undefined;
  let sync: RunningSync | undefined;
  try {
    const interrupted = await markInterruptedRuns({ db: store.db, clock: () => new Date() });
    if (interrupted > 0)
      logger.warn({ interrupted }, 'marked sync runs of a stopped process as interrupted');
    const demo = config.demo ? await seedDemo(store, config.dataDir, new Date()) : undefined;
    const https = config.tls
      ? { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) }
      : undefined;
    sandbox = config.demo ? await startSandbox() : undefined;
    sync = createSyncRuntime(
      productionEngineDeps(store, config, logger),
      sandbox ? { sandbox } : {},
    );
    const app = await buildApp({
      store,
      sync,
      clock: systemClock,
      logger,
      hrisGate: connectedHrisGate,
      secureCookies: config.secureCookies,
      trustProxy: config.trustProxy,
      version: VERSION,
      ...(https ? { https } : {}),
    });
    await app.listen({ port: config.port, host: config.host });
    sync.start();
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const url =
      config.publicUrl ??
      `${https ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
    const running = sync;
    const runningSandbox = sandbox;
    return {
      app,
      store,
      sync: running,
      sandbox: runningSandbox,
      url,
      demo,
      async close() {
        await app.close();
        await running.stop();
        await runningSandbox?.close();
        await store.close();
      },
    };
  } catch (error) {
    await sync?.stop();
    await sandbox?.close();
    await store.close();
    throw error;
  }
}
