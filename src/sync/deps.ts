import { getConnector } from '../connectors/registry.ts';
import type { Config } from '../config.ts';
import { systemClock } from '../core/time.ts';
import type { Store } from '../db/database.ts';
import type { Logger } from '../log.ts';
import { loadSecretKey } from '../secrets/keyring.ts';
import type { EngineDeps } from './engine.ts';

/** The engine as the server and the CLI run it: the real registry, clock and key. */
export function productionEngineDeps(
  store: Store,
  config: Pick<Config, 'dataDir' | 'secretKeyHex' | 'previousSecretKeysHex' | 'extraAllowedHosts'>,
  log: Logger,
  extra: Partial<Pick<EngineDeps, 'onProgress'>> = {},
): EngineDeps {
  return {
    db: store.db,
    clock: systemClock,
    log,
    secretKey: loadSecretKey({
      secretKeyHex: config.secretKeyHex,
      previousSecretKeysHex: config.previousSecretKeysHex,
      dataDir: config.dataDir,
    }),
    extraAllowedHosts: config.extraAllowedHosts,
    connector: getConnector,
    ...extra,
  };
}
