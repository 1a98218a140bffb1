import type { Kysely } from 'kysely';
import type { AnyConnector, ConnectorLogger } from '../connectors/connector.ts';
import { ConnectorError } from '../connectors/connector.ts';
import type { Database } from '../db/schema.ts';
import type { SecretKey } from '../secrets/keyring.ts';
import { seal, unseal } from '../secrets/keyring.ts';

/**
 * Where a connector session keeps the credentials a connector rotated (`saveCredentials`): the
 * connection's sealed config during a run, or memory during the probe of a connect/reconnect,
 * whose caller then stores what the probe ended with.
 */
export interface CredentialSink {
  /** Makes `config` (the whole config, already parsed) the kept one; resolves once durable. */
  store(config: Record<string, unknown>): Promise<void>;
}

/**
 * The config with `patch` merged in, parsed by the connector's schema. Only secret fields may be
 * patched (anything else is a connector bug and throws); a merged config the schema refuses is a
 * vendor answer Rollcall cannot keep (`invalid_payload`, naming the fields, never the values).
 */
export function mergeCredentials(
  connector: AnyConnector,
  current: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const secret: readonly string[] = connector.secretFields;
  const other = Object.keys(patch).filter((key) => !secret.includes(key));
  if (other.length > 0) {
    throw new Error(
      `${connector.id}: saveCredentials may only change secret fields, not ${other.join(', ')}`,
    );
  }
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  const parsed = connector.configSchema.safeParse(merged);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'config'))];
    throw new ConnectorError(
      'invalid_payload',
      `${connector.name} issued credentials Rollcall cannot keep (${fields.join(', ')}); the ` +
        'stored ones are unchanged.',
      false,
    );
  }
  return parsed.data as Record<string, unknown>;
}

/**
 * For the probe of a connect or reconnect: there is no connection yet to write to. The session
 * keeps the saved credentials (`currentConfig()`), and the caller stores that config with the
 * connection; until then they are in memory only, like the submitted ones.
 */
export function probeCredentialSink(): CredentialSink {
  return { store: () => Promise.resolve() };
}

/**
 * Writes rotated credentials into a stored connection during a run: sealed with the current key,
 * as one compare-and-set on the sealed value this run read (or last wrote), so a reconnect saved
 * meanwhile is never overwritten. A value the key rotation (ADR 0007) only re-sealed holds the
 * same credentials: the write is tried again on it. Logs the connection id, never a value.
 */
export function connectionCredentialSink(
  deps: { db: Kysely<Database>; secretKey: SecretKey; log: ConnectorLogger },
  connectionId: string,
  sealedAtStart: string,
): CredentialSink {
  let expected = sealedAtStart;
  let expectedPlaintext: string | null = null;
  return {
    async store(config) {
      const next = seal(deps.secretKey, JSON.stringify(config));
      expectedPlaintext ??= unseal(deps.secretKey, expected);
      for (let attempt = 1; ; attempt++) {
        const result = await deps.db
          .updateTable('connections')
          .set({ configCiphertext: next })
          .where('id', '=', connectionId)
          .where('configCiphertext', '=', expected)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 1) break;
        const now = await readSealed(deps.db, connectionId);
        const resealed =
          now !== null &&
          now !== expected &&
          attempt < 3 &&
          sameCredentials(deps.secretKey, now, expectedPlaintext);
        if (!resealed) {
          deps.log.warn(
            { connectionId },
            'the connection credentials were replaced or removed during the run; the refreshed ones are not stored',
          );
          return;
        }
        expected = now;
      }
      expected = next;
      expectedPlaintext = JSON.stringify(config);
      deps.log.info({ connectionId }, 'rotated connection credentials stored');
    },
  };
}

async function readSealed(db: Kysely<Database>, connectionId: string): Promise<string | null> {
  const row = await db
    .selectFrom('connections')
    .select('configCiphertext')
    .where('id', '=', connectionId)
    .executeTakeFirst();
  return row?.configCiphertext ?? null;
}

function sameCredentials(key: SecretKey, sealed: string, plaintext: string): boolean {
  try {
    return unseal(key, sealed) === plaintext;
  } catch {
    // Sealed with a key this process does not hold: not ours to overwrite.
    return false;
  }
}
