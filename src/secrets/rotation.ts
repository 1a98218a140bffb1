import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { AppError } from '../core/errors.ts';
import type { Database } from '../db/schema.ts';
import type { SecretKey } from './keyring.ts';
import {
  allKeys,
  generateKey,
  readKeyFile,
  seal,
  sealedKeyId,
  unseal,
  withPrevious,
  writeKeyFile,
} from './keyring.ts';

/**
 * Rotating the key that seals connection credentials (ADR 0007). Each step leaves every stored
 * credential readable, so a crash anywhere is fixed by running the rotation again:
 *
 * 1. key file only: make a new key current, keeping the old one(s) as previous;
 * 2. reseal every credential not yet on the current key, one row per write (compare-and-set);
 * 3. key file only: drop the previous keys once no credential carries their id.
 *
 * With ROLLCALL_SECRET_KEY the operator does steps 1 and 3 in the environment.
 */

export type KeySource = 'env' | 'file';

export interface UnreadableCredential {
  connectionId: string;
  /** The key id in the sealed value, or null when the value is not in a known format. */
  keyId: string | null;
  /** Why it could not be unsealed (never includes key material or plaintext). */
  error: string;
}

export interface ResealOutcome {
  resealed: number;
  alreadyCurrent: number;
  unreadable: UnreadableCredential[];
}

/** What happens to the previous keys: dropped from the file, safe to drop from the env, or not. */
export type PreviousKeysState = 'none' | 'removed' | 'removable' | 'still_needed';

export interface RotationReport extends ResealOutcome {
  source: KeySource;
  currentKeyId: string;
  /** The file rotation made a new key (false when it resumed an interrupted rotation). */
  newKeyGenerated: boolean;
  previousKeyIds: string[];
  /** Credentials still sealed with a previous key after the reseal. */
  onPreviousKeys: number;
  previousKeys: PreviousKeysState;
}

export interface KeyStatus {
  source: KeySource;
  currentKeyId: string;
  previousKeyIds: string[];
  credentials: { keyId: string | null; role: 'current' | 'previous' | 'unknown'; count: number }[];
}

const PAGE_SIZE = 500;
const CAS_ATTEMPTS = 3;

/** Every stored credential (connection id and sealed value), read in pages by id. */
async function* sealedCredentials(
  db: Kysely<Database>,
): AsyncGenerator<{ id: string; sealed: string }> {
  let lastId = '';
  for (;;) {
    const page = await db
      .selectFrom('connections')
      .select(['id', 'configCiphertext'])
      .where('configCiphertext', 'is not', null)
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(PAGE_SIZE)
      .execute();
    for (const row of page) {
      if (row.configCiphertext !== null) yield { id: row.id, sealed: row.configCiphertext };
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE_SIZE) return;
    lastId = last.id;
  }
}

/** Stored credentials per key id (null: a value in no known format). */
export async function countSealedByKeyId(
  db: Kysely<Database>,
): Promise<Map<string | null, number>> {
  const counts = new Map<string | null, number>();
  for await (const { sealed } of sealedCredentials(db)) {
    const keyId = sealed.startsWith('v1.') ? (sealedKeyId(sealed) ?? null) : null;
    counts.set(keyId, (counts.get(keyId) ?? 0) + 1);
  }
  return counts;
}

export type CredentialOutcome = 'resealed' | 'current' | 'gone' | { error: string };

/**
 * Reseals one connection's credentials, given the sealed value as read. The write only replaces
 * that value; if the row changed meanwhile (a reconnect), it is read again and judged afresh.
 */
export async function resealCredential(
  db: Kysely<Database>,
  secret: SecretKey,
  id: string,
  first: string,
): Promise<CredentialOutcome> {
  let sealed: string | null = first;
  for (let attempt = 0; attempt < CAS_ATTEMPTS && sealed !== null; attempt += 1) {
    let plaintext: string;
    try {
      plaintext = unseal(secret, sealed);
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
    if (sealedKeyId(sealed) === secret.id) return 'current';
    // Only replace the value we read: a credential saved meanwhile (a reconnect) is not undone.
    const result = await db
      .updateTable('connections')
      .set({ configCiphertext: seal(secret, plaintext) })
      .where('id', '=', id)
      .where('configCiphertext', '=', sealed)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) return 'resealed';
    const row = await db
      .selectFrom('connections')
      .select('configCiphertext')
      .where('id', '=', id)
      .executeTakeFirst();
    sealed = row?.configCiphertext ?? null;
  }
  // Deleted or cleared meanwhile: nothing left to reseal.
  if (sealed === null) return 'gone';
  return { error: 'the credentials kept changing during the rotation: run it again' };
}

/**
 * Step 2: reseals every stored credential with the current key, each row in its own write. Rows
 * already on the current key are checked (they must unseal) and left alone, so it is idempotent.
 */
export async function resealAll(db: Kysely<Database>, secret: SecretKey): Promise<ResealOutcome> {
  const outcome: ResealOutcome = { resealed: 0, alreadyCurrent: 0, unreadable: [] };
  for await (const { id, sealed } of sealedCredentials(db)) {
    const result = await resealCredential(db, secret, id, sealed);
    if (result === 'resealed') outcome.resealed += 1;
    else if (result === 'current') outcome.alreadyCurrent += 1;
    else if (result !== 'gone') {
      const keyId = sealed.startsWith('v1.') ? (sealedKeyId(sealed) ?? null) : null;
      outcome.unreadable.push({ connectionId: id, keyId, error: result.error });
    }
  }
  return outcome;
}

/**
 * Step 1 (key file): writes [new, old…] so the new key seals from now on and the old ones still
 * unseal. A file that already lists previous keys is an interrupted rotation: it is resumed with
 * its current key, and no further key is made.
 */
export function beginFileRotation(file: string): { secret: SecretKey; newKeyGenerated: boolean } {
  const existing = readKeyFile(file);
  if ((existing.previous ?? []).length > 0) return { secret: existing, newKeyGenerated: false };
  let fresh = generateKey();
  // Key ids are 32-bit fingerprints: never let the new key share the old one's id.
  while (fresh.id === existing.id) fresh = generateKey();
  const secret = withPrevious(fresh, [existing]);
  writeKeyFile(file, secret);
  return { secret, newKeyGenerated: true };
}

/** Credentials still sealed with one of `secret`'s previous keys. */
async function countOnPrevious(db: Kysely<Database>, secret: SecretKey): Promise<number> {
  const counts = await countSealedByKeyId(db);
  return (secret.previous ?? []).reduce((sum, k) => sum + (counts.get(k.id) ?? 0), 0);
}

/**
 * Step 3 (key file): rewrites the file with only the current key, if no stored credential still
 * carries a previous key's id; otherwise leaves it as it is.
 */
export async function finishFileRotation(
  db: Kysely<Database>,
  file: string,
): Promise<{ retired: boolean; onPreviousKeys: number }> {
  const secret = readKeyFile(file);
  if ((secret.previous ?? []).length === 0) return { retired: true, onPreviousKeys: 0 };
  const onPreviousKeys = await countOnPrevious(db, secret);
  if (onPreviousKeys > 0) return { retired: false, onPreviousKeys };
  writeKeyFile(file, withPrevious(secret, []));
  return { retired: true, onPreviousKeys: 0 };
}

/** The whole rotation of the data directory's key file, under a lock file. */
export async function rotateKeyFile(db: Kysely<Database>, file: string): Promise<RotationReport> {
  const release = acquireRotationLock(`${file}.lock`);
  try {
    const { secret, newKeyGenerated } = beginFileRotation(file);
    const outcome = await resealAll(db, secret);
    const { retired, onPreviousKeys } = await finishFileRotation(db, file);
    const previousKeyIds = (secret.previous ?? []).map((k) => k.id);
    return {
      source: 'file',
      currentKeyId: secret.id,
      newKeyGenerated,
      previousKeyIds,
      ...outcome,
      onPreviousKeys,
      previousKeys: previousKeyIds.length === 0 ? 'none' : retired ? 'removed' : 'still_needed',
    };
  } finally {
    release();
  }
}

/**
 * The environment's rotation: the operator already made the new key current and listed the old
 * ones in ROLLCALL_PREVIOUS_SECRET_KEYS; this reseals to the current key and says whether the
 * previous keys are still needed.
 */
export async function rotateToEnvKey(
  db: Kysely<Database>,
  secret: SecretKey,
): Promise<RotationReport> {
  const outcome = await resealAll(db, secret);
  const onPreviousKeys = await countOnPrevious(db, secret);
  const previousKeyIds = (secret.previous ?? []).map((k) => k.id);
  return {
    source: 'env',
    currentKeyId: secret.id,
    newKeyGenerated: false,
    previousKeyIds,
    ...outcome,
    onPreviousKeys,
    previousKeys:
      previousKeyIds.length === 0 ? 'none' : onPreviousKeys === 0 ? 'removable' : 'still_needed',
  };
}

/** The current key, its source and the stored credentials per key id (`rollcall secrets status`). */
export async function keyStatus(
  db: Kysely<Database>,
  secret: SecretKey,
  source: KeySource,
): Promise<KeyStatus> {
  const counts = await countSealedByKeyId(db);
  const previousKeyIds = (secret.previous ?? []).map((k) => k.id);
  const known = allKeys(secret).map((k) => k.id);
  const ids = [...known, ...[...counts.keys()].filter((id) => id === null || !known.includes(id))];
  return {
    source,
    currentKeyId: secret.id,
    previousKeyIds,
    credentials: ids.map((keyId) => ({
      keyId,
      role:
        keyId === secret.id
          ? 'current'
          : keyId !== null && known.includes(keyId)
            ? 'previous'
            : 'unknown',
      count: counts.get(keyId) ?? 0,
    })),
  };
}

/**
 * Two rotations at once would each make a key and one would lose it; a lock file with the
 * holder's pid prevents that. A lock left by a crashed rotation (dead pid) is taken over.
 */
export function acquireRotationLock(lockFile: string): () => void {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new AppError(
          'CONFIG_INVALID',
          `cannot create the rotation lock ${lockFile}: ${(error as Error).message}`,
        );
      }
    }
    const holder = readHolder(lockFile);
    if (holder !== undefined && processIsAlive(holder)) {
      throw new AppError(
        'CONFLICT',
        `another key rotation is running (pid ${holder}); wait for it to finish, or remove ${lockFile} if no rotation is running`,
      );
    }
    rmSync(lockFile, { force: true });
  }
  throw new AppError('CONFLICT', `could not take the rotation lock ${lockFile}: try again`);
}

function readHolder(lockFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    // Removed between our attempt and this read: the holder just finished.
    return undefined;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
