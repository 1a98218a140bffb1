import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/db/database.ts';
import { openMigratedStore } from '../src/db/database.ts';
import { createConnection } from '../src/db/repositories/connections.ts';
import { PG_URL } from '../src/db/testing.ts';
import type { SecretKey } from '../src/secrets/keyring.ts';
import {
  KEY_FILE,
  keyFromHex,
  loadSecretKey,
  readKeyFile,
  seal,
  sealedKeyId,
  unseal,
} from '../src/secrets/keyring.ts';
import { createPgSchema } from './pg-schema.ts';
import type { CliResult } from './helpers.ts';
import { runCli, tempDir } from './helpers.ts';

const PLAINTEXT = ['{"apiKey":"PLAINTEXT-SECRET-acme"}', '{"apiKey":"PLAINTEXT-SECRET-globex"}'];

for (const dialect of ['sqlite', 'postgres'] as const) {
  const run = dialect === 'sqlite' || PG_URL ? describe : describe.skip;
  run(
    `rollcall secrets end to end [${dialect}]${dialect === 'postgres' && !PG_URL ? ' — SKIP: set ROLLCALL_TEST_PG_URL' : ''}`,
    () => {
      const env: Record<string, string> = {};
      let dataDir = '';
      let keyFile = '';
      let drop: (() => Promise<void>) | undefined;
      const connectionIds: string[] = [];
      /** Every key the test has seen, to prove none is ever printed. */
      const keyHexes: string[] = [];
      const outputs: CliResult[] = [];

      const cli = async (args: string[], extraEnv: Record<string, string> = {}) => {
        const result = await runCli(args, { env: { ...env, ...extraEnv } });
        outputs.push(result);
        return result;
      };
      const withStore = async <T>(fn: (store: Store) => Promise<T>): Promise<T> => {
        const store = await openMigratedStore({ databaseUrl: env['DATABASE_URL'], dataDir });
        try {
          return await fn(store);
        } finally {
          await store.close();
        }
      };
      const storedSealed = (): Promise<string[]> =>
        withStore(async (store) =>
          (
            await store.db
              .selectFrom('connections')
              .select(['id', 'configCiphertext'])
              .where('id', 'in', connectionIds)
              .orderBy('id')
              .execute()
          ).map((row) => row.configCiphertext ?? ''),
        );
      const plaintextsWith = async (secret: SecretKey): Promise<string[]> =>
        (await storedSealed()).map((sealed) => unseal(secret, sealed)).sort();

      beforeAll(async () => {
        dataDir = path.join(tempDir('rollcall-secrets-'), 'data');
        keyFile = path.join(dataDir, KEY_FILE);
        env['ROLLCALL_DATA_DIR'] = dataDir;
        if (dialect === 'postgres' && PG_URL) {
          const schema = await createPgSchema(PG_URL);
          env['DATABASE_URL'] = schema.url;
          drop = () => schema.drop();
        }
        const tenantIds: string[] = [];
        for (const slug of ['acme', 'globex']) {
          const created = await cli(['tenants', 'create', slug, '--json']);
          expect(created.code).toBe(0);
          tenantIds.push((JSON.parse(created.stdout) as { id: string }).id);
        }
        // Connections are made in-process on the same store, as `rollcall sync` would seal them.
        const key = loadSecretKey({ secretKeyHex: undefined, dataDir });
        keyHexes.push(key.key.toString('hex'));
        await withStore(async (store) => {
          for (const [i, tenantId] of tenantIds.entries()) {
            const connection = await createConnection(
              store.db,
              {
                tenantId,
                connectorId: 'bamboohr',
                name: 'BambooHR',
                configCiphertext: seal(key, PLAINTEXT[i] ?? ''),
                sandbox: false,
                connectedBy: 'cli',
              },
              new Date().toISOString(),
            );
            connectionIds.push(connection.id);
          }
        });
      });
      afterAll(async () => {
        await drop?.();
      });

      it('reports the key file and the credentials sealed with its key', async () => {
        const key = readKeyFile(keyFile);
        const status = await cli(['secrets', 'status', '--json']);
        expect(status.code).toBe(0);
        expect(JSON.parse(status.stdout)).toEqual({
          source: 'file',
          currentKeyId: key.id,
          previousKeyIds: [],
          credentials: [{ keyId: key.id, role: 'current', count: 2 }],
        });
        const human = await cli(['secrets', 'status']);
        expect(human.code).toBe(0);
        expect(human.stdout).toContain(`Current key ${key.id}`);
      });

      it('rotates the key file and reseals every credential to the new key', async () => {
        const before = readKeyFile(keyFile);
        const rotated = await cli(['secrets', 'rotate', '--json']);
        expect(rotated.code).toBe(0);
        const after = readKeyFile(keyFile);
        keyHexes.push(after.key.toString('hex'));
        expect(after.id).not.toBe(before.id);
        expect(after.previous).toBeUndefined();
        expect(readFileSync(keyFile, 'utf8').trim().split('\n')).toHaveLength(1);
        expect(statSync(keyFile).mode & 0o777).toBe(0o600);
        expect(JSON.parse(rotated.stdout)).toEqual({
          source: 'file',
          currentKeyId: after.id,
          newKeyGenerated: true,
          previousKeyIds: [before.id],
          resealed: 2,
          alreadyCurrent: 0,
          unreadable: [],
          onPreviousKeys: 0,
          previousKeys: 'removed',
        });

        expect(await plaintextsWith(after)).toEqual([...PLAINTEXT].sort());
        for (const sealed of await storedSealed()) {
          expect(sealedKeyId(sealed)).toBe(after.id);
          expect(sealed).not.toContain(before.id);
        }

        const again = await cli(['secrets', 'rotate']);
        expect(again.code).toBe(0);
        expect(again.stdout).toContain('Credentials: 2 resealed, 0 already current, 0 unreadable.');
        expect(readKeyFile(keyFile).id).not.toBe(after.id);
        expect(await plaintextsWith(readKeyFile(keyFile))).toEqual([...PLAINTEXT].sort());
        keyHexes.push(readKeyFile(keyFile).key.toString('hex'));
      });

      it('reseals to ROLLCALL_SECRET_KEY with the old key in ROLLCALL_PREVIOUS_SECRET_KEYS', async () => {
        const oldHex = readKeyFile(keyFile).key.toString('hex');
        const newHex = '5e'.repeat(32);
        keyHexes.push(newHex);
        const rotating = { ROLLCALL_SECRET_KEY: newHex, ROLLCALL_PREVIOUS_SECRET_KEYS: oldHex };
        const rotated = await cli(['secrets', 'rotate'], rotating);
        expect(rotated.code).toBe(0);
        expect(rotated.stdout).toContain('2 resealed');
        expect(rotated.stdout).toMatch(/remove ROLLCALL_PREVIOUS_SECRET_KEYS/);
        expect(await plaintextsWith(keyFromHex(newHex))).toEqual([...PLAINTEXT].sort());

        const status = await cli(['secrets', 'status', '--json'], { ROLLCALL_SECRET_KEY: newHex });
        expect(JSON.parse(status.stdout)).toMatchObject({
          source: 'env',
          currentKeyId: keyFromHex(newHex).id,
          credentials: [{ keyId: keyFromHex(newHex).id, role: 'current', count: 2 }],
        });
      });

      it('exits 1 and names the connection when a credential cannot be unsealed', async () => {
        const result = await cli(['secrets', 'rotate', '--json'], {
          ROLLCALL_SECRET_KEY: '6f'.repeat(32),
        });
        keyHexes.push('6f'.repeat(32));
        expect(result.code).toBe(1);
        const report = JSON.parse(result.stdout) as { unreadable: { connectionId: string }[] };
        expect(report.unreadable.map((u) => u.connectionId).sort()).toEqual(
          [...connectionIds].sort(),
        );
        expect(result.stderr).toMatch(/2 credential\(s\) could not be unsealed/);
      });

      it('never printed a credential or any key material', () => {
        expect(outputs.length).toBeGreaterThan(5);
        for (const { stdout, stderr } of outputs) {
          for (const text of [stdout, stderr]) {
            expect(text).not.toContain('PLAINTEXT-SECRET');
            for (const hex of keyHexes) expect(text.toLowerCase()).not.toContain(hex);
          }
        }
      });
    },
  );
}
