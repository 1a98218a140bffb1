import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import type { Store } from '../db/database.ts';
import { describeEachDialect } from '../db/testing.ts';
import {
  createConnection,
  getSealedConfig,
  updateSealedConfig,
} from '../db/repositories/connections.ts';
import { createTenant } from '../db/repositories/tenants.ts';
import type { SecretKey } from './keyring.ts';
import {
  KEY_FILE,
  keyFromHex,
  loadSecretKey,
  readKeyFile,
  seal,
  sealedKeyId,
  unseal,
  withPrevious,
  writeKeyFile,
} from './keyring.ts';
import {
  acquireRotationLock,
  beginFileRotation,
  finishFileRotation,
  keyStatus,
  resealAll,
  resealCredential,
  rotateKeyFile,
  rotateToEnvKey,
} from './rotation.ts';

const NOW = '2026-11-22T12:00:00.000Z';
let tenantCounter = 0;

/** A tenant with one connection whose credentials are `plaintext` sealed with `key`. */
async function connectionSealedWith(
  store: Store,
  key: SecretKey,
  plaintext: string,
): Promise<string> {
  tenantCounter += 1;
  const tenant = await createTenant(store.db, { slug: `rot-${tenantCounter}` }, NOW);
  const connection = await createConnection(
    store.db,
    {
      tenantId: tenant.id,
      connectorId: 'bamboohr',
      name: 'BambooHR',
      configCiphertext: seal(key, plaintext),
      sandbox: false,
      connectedBy: 'cli',
    },
    NOW,
  );
  return connection.id;
}

async function sealedOf(store: Store, id: string): Promise<string> {
  const sealed = await getSealedConfig(store.db, id);
  if (sealed === null) throw new Error(`connection ${id} has no credentials`);
  return sealed;
}

function freshKeyFile(): { dataDir: string; file: string; original: SecretKey } {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rollcall-rotate-'));
  const original = loadSecretKey({ secretKeyHex: undefined, dataDir });
  return { dataDir, file: path.join(dataDir, KEY_FILE), original };
}

describeEachDialect('key rotation', (fixture) => {
  // Each test rotates every credential in the fixture.store: start each from an empty table.
  beforeEach(async () => {
    await fixture.store.db.deleteFrom('connections').execute();
  });
  it('rotates the key file: new key, every credential resealed, old key gone', async () => {
    const { file, original } = freshKeyFile();
    const ids = [
      await connectionSealedWith(fixture.store, original, '{"token":"one"}'),
      await connectionSealedWith(fixture.store, original, '{"token":"two"}'),
    ];
    const report = await rotateKeyFile(fixture.store.db, file);

    const after = readKeyFile(file);
    expect(after.id).not.toBe(original.id);
    expect(after.previous).toBeUndefined();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(`${file}.lock`)).toBe(false);
    expect(report).toMatchObject({
      source: 'file',
      currentKeyId: after.id,
      newKeyGenerated: true,
      previousKeyIds: [original.id],
      onPreviousKeys: 0,
      previousKeys: 'removed',
      unreadable: [],
    });
    expect(report).toMatchObject({ resealed: 2, alreadyCurrent: 0 });
    for (const [i, id] of ids.entries()) {
      const sealed = await sealedOf(fixture.store, id);
      expect(sealedKeyId(sealed)).toBe(after.id);
      expect(unseal(after, sealed)).toBe(i === 0 ? '{"token":"one"}' : '{"token":"two"}');
    }
  });

  it('leaves every credential readable after each step, and a re-run finishes the job', async () => {
    const { file, original } = freshKeyFile();
    const ids = [
      await connectionSealedWith(fixture.store, original, 'alpha'),
      await connectionSealedWith(fixture.store, original, 'beta'),
    ];
    const readable = async (): Promise<string[]> => {
      const key = readKeyFile(file);
      return Promise.all(ids.map(async (id) => unseal(key, await sealedOf(fixture.store, id))));
    };

    // Crash after step 1: the file lists [new, old]; everything still unseals.
    const { secret, newKeyGenerated } = beginFileRotation(file);
    expect(newKeyGenerated).toBe(true);
    expect(readKeyFile(file).previous?.map((k) => k.id)).toEqual([original.id]);
    expect(await readable()).toEqual(['alpha', 'beta']);

    // Crash halfway through step 2: one row on the new key, one on the old.
    const first = ids[0] ?? '';
    await updateSealedConfig(
      fixture.store.db,
      first,
      seal(secret, unseal(secret, await sealedOf(fixture.store, first))),
      NOW,
    );
    expect(await readable()).toEqual(['alpha', 'beta']);

    // The old key cannot be dropped while a credential still uses it.
    expect(await finishFileRotation(fixture.store.db, file)).toEqual({
      retired: false,
      onPreviousKeys: 1,
    });
    expect(readKeyFile(file).previous).toHaveLength(1);

    // A re-run resumes with the same new key instead of making another.
    const rerun = await rotateKeyFile(fixture.store.db, file);
    expect(rerun).toMatchObject({
      newKeyGenerated: false,
      currentKeyId: secret.id,
      previousKeys: 'removed',
    });
    expect(readKeyFile(file)).toEqual(withPrevious(secret, []));
    expect(await readable()).toEqual(['alpha', 'beta']);

    // And once more is a no-op: nothing to reseal, nothing to drop.
    const again = await resealAll(fixture.store.db, readKeyFile(file));
    expect(again).toEqual({ resealed: 0, alreadyCurrent: 2, unreadable: [] });
  });

  it('reports credentials no configured key can open, and keeps a previous key they use', async () => {
    const { file, original } = freshKeyFile();
    const stranger = keyFromHex('9f'.repeat(32));
    const lost = await connectionSealedWith(fixture.store, stranger, 'lost');
    const tampered = await connectionSealedWith(fixture.store, original, 'tampered');
    const parts = (await sealedOf(fixture.store, tampered)).split('.');
    parts[4] = Buffer.from('garbage').toString('base64url');
    await updateSealedConfig(fixture.store.db, tampered, parts.join('.'), NOW);

    const report = await rotateKeyFile(fixture.store.db, file);
    expect(report.unreadable).toEqual(
      expect.arrayContaining([
        {
          connectionId: lost,
          keyId: stranger.id,
          error: expect.stringMatching(/sealed with key/) as unknown,
        },
        {
          connectionId: tampered,
          keyId: original.id,
          error: expect.stringMatching(/could not be decrypted/) as unknown,
        },
      ]),
    );
    // The tampered row still names the old key, so the file keeps it for a later run.
    expect(report.previousKeys).toBe('still_needed');
    expect(readKeyFile(file).previous?.map((k) => k.id)).toEqual([original.id]);

    // Reconnecting replaces the bad credentials; the next run completes the rotation.
    const current = readKeyFile(file);
    await updateSealedConfig(fixture.store.db, tampered, seal(current, 'reconnected'), NOW);
    await updateSealedConfig(fixture.store.db, lost, seal(current, 'reconnected'), NOW);
    const done = await rotateKeyFile(fixture.store.db, file);
    expect(done).toMatchObject({ newKeyGenerated: false, previousKeys: 'removed', unreadable: [] });
  });

  it('reseals to the environment key and says when the previous keys can go', async () => {
    const oldKey = keyFromHex('a1'.repeat(32));
    const newKey = keyFromHex('b2'.repeat(32));
    const id = await connectionSealedWith(fixture.store, oldKey, 'env-secret');
    const rotating = withPrevious(newKey, [oldKey]);

    const before = await keyStatus(fixture.store.db, rotating, 'env');
    expect(before.credentials).toContainEqual({ keyId: oldKey.id, role: 'previous', count: 1 });

    const report = await rotateToEnvKey(fixture.store.db, rotating);
    expect(report.source).toBe('env');
    expect(report.previousKeyIds).toEqual([oldKey.id]);
    expect(unseal(newKey, await sealedOf(fixture.store, id))).toBe('env-secret');
    expect(report).toMatchObject({ resealed: 1, alreadyCurrent: 0, unreadable: [] });
    expect((await keyStatus(fixture.store.db, rotating, 'env')).credentials).toEqual([
      { keyId: newKey.id, role: 'current', count: 1 },
      { keyId: oldKey.id, role: 'previous', count: 0 },
    ]);
    expect(report.onPreviousKeys).toBe(0);
    expect(report.previousKeys).toBe('removable');
  });

  it('does not overwrite credentials saved after the rotation read them', async () => {
    const { file, original } = freshKeyFile();
    const id = await connectionSealedWith(fixture.store, original, 'old-credentials');
    const { secret } = beginFileRotation(file);
    const asRead = await sealedOf(fixture.store, id);
    // A reconnect lands between the rotation's read and its write.
    await updateSealedConfig(fixture.store.db, id, seal(secret, 'new-credentials'), NOW);
    expect(await resealCredential(fixture.store.db, secret, id, asRead)).toBe('current');
    expect(unseal(secret, await sealedOf(fixture.store, id))).toBe('new-credentials');

    // The same race where both values are on the old key (a server that still has only the old
    // key saved the reconnect): the newer value is the one resealed.
    await updateSealedConfig(fixture.store.db, id, seal(original, 'stale-credentials'), NOW);
    const staleRead = await sealedOf(fixture.store, id);
    await updateSealedConfig(fixture.store.db, id, seal(original, 'newest-credentials'), NOW);
    expect(await resealCredential(fixture.store.db, secret, id, staleRead)).toBe('resealed');
    const sealed = await sealedOf(fixture.store, id);
    expect(sealedKeyId(sealed)).toBe(secret.id);
    expect(unseal(secret, sealed)).toBe('newest-credentials');
  });
});

it('lets one rotation hold the lock at a time and takes over a dead holder’s lock', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rollcall-lock-'));
  const lock = path.join(dir, `${KEY_FILE}.lock`);
  const release = acquireRotationLock(lock);
  expect(() => acquireRotationLock(lock)).toThrow(/another key rotation is running/);
  release();
  expect(existsSync(lock)).toBe(false);

  // A pid far above any real one stands for a rotation that crashed.
  writeFileSync(lock, '2147483646\n');
  const again = acquireRotationLock(lock);
  expect(readFileSync(lock, 'utf8').trim()).toBe(String(process.pid));
  again();
});

it('writes the [new, old] file so a server reading it mid-rotation can open both', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rollcall-mid-'));
  const file = path.join(dir, KEY_FILE);
  const oldKey = keyFromHex('c3'.repeat(32));
  writeKeyFile(file, oldKey);
  const { secret } = beginFileRotation(file);
  const server = loadSecretKey({ secretKeyHex: undefined, dataDir: dir });
  expect(server.id).toBe(secret.id);
  expect(unseal(server, seal(oldKey, 'x'))).toBe('x');
  expect(statSync(file).mode & 0o777).toBe(0o600);
});
